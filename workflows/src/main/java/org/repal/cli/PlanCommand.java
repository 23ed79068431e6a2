package org.repal.cli;

import java.util.concurrent.Callable;
import org.repal.core.cli.StageCli;
import picocli.CommandLine.Command;

@Command(name = "plan")
public final class PlanCommand implements Callable<Integer>, StageCli.WithoutNumerics {
    @Override
    public Integer call() {
        return 0;
    }
}
