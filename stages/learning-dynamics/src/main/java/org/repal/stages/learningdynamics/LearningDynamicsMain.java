package org.repal.stages.learningdynamics;

import org.repal.core.cli.StageCli;

/** Entry point of the stage's own jar: the same command as {@code repal learning-dynamics}. */
public final class LearningDynamicsMain {
    private LearningDynamicsMain() {
    }

    public static void main(String[] args) {
        System.exit(StageCli.run(new LearningDynamicsCommand(), args));
    }
}
