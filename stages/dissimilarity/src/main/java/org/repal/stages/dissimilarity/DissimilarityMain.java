package org.repal.stages.dissimilarity;

import org.repal.core.cli.StageCli;

/** Entry point of the stage's own jar: the same command as {@code repal dissimilarity}. */
public final class DissimilarityMain {
    private DissimilarityMain() {
    }

    public static void main(String[] args) {
        System.exit(StageCli.run(new DissimilarityCommand(), args));
    }
}
