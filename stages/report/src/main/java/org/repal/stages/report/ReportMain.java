package org.repal.stages.report;

import org.repal.core.cli.StageCli;

/** Entry point of the stage's own jar: the same command as {@code repal report}. */
public final class ReportMain {
    private ReportMain() {
    }

    public static void main(String[] args) {
        System.exit(StageCli.run(new ReportCommand(), args));
    }
}
