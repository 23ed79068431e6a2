package org.repal.stages.generate;

import org.repal.core.cli.StageCli;

/** Entry point of the stage's own jar: the same command as {@code repal generate}. */
public final class GenerateMain {
    private GenerateMain() {
    }

    public static void main(String[] args) {
        System.exit(StageCli.run(new GenerateCommand(), args));
    }
}
