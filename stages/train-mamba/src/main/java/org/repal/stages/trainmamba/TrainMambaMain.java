package org.repal.stages.trainmamba;

import org.repal.core.cli.StageCli;

/**
 * Entry point of the stage's own jar: the same command as {@code repal train-mamba}, with the CLI's exit codes
 * (bad options or input → 2 with one line on stderr, a diverged run → 2, anything else → 1).
 */
public final class TrainMambaMain {
    private TrainMambaMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return StageCli.run(new TrainMambaCommand(), args);
    }
}
