package org.repal.stages.attractors;

import org.repal.core.cli.StageCli;

/** Entry point of the stage's own jar: the same command as {@code repal attractors}. */
public final class AttractorsMain {
    private AttractorsMain() {
    }

    public static void main(String[] args) {
        System.exit(StageCli.run(new AttractorsCommand(), args));
    }
}
