package org.repal.core.analysis.findings;

import org.repal.core.analysis.stats.VerdictRules;

/**
 * How the report's statistics run.
 *
 * @param seed         the run's seed; every bootstrap and permutation derives its own from it ({@link Seeds})
 * @param rules        minimum models per level and α of the verdicts
 * @param resamples    bootstrap resamples per interval
 * @param permutations permutations per permutation test
 */
public record FindingsSettings(long seed, VerdictRules rules, int resamples, int permutations) {

    public static final int DEFAULT_RESAMPLES = 10_000;
    public static final int DEFAULT_PERMUTATIONS = 2_000;

    public FindingsSettings {
        if (rules == null) {
            throw new IllegalArgumentException("verdict rules are required");
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("--resamples must be >= 100, got " + resamples);
        }
        if (permutations < 100) {
            throw new IllegalArgumentException("--permutations must be >= 100, got " + permutations);
        }
    }
}
