package org.repal.core.analysis.stats;

/**
 * The explicit rules that turn test results into a {@link Verdict}. Every rule first checks the models behind the
 * claim: if any level (or group) involved has fewer than {@code minModels}, the verdict is
 * {@link Verdict#NOT_ENOUGH_MODELS} whatever the p-value. Otherwise a p-value counts as evidence when it is
 * strictly below {@code alpha}; a NaN p (an untestable or degenerate case) never does.
 *
 * <p>{@link #DEFAULT}: at least {@value #DEFAULT_MIN_MODELS} models per level — with 2 a sample variance rests on
 * one degree of freedom and a bootstrap has only 3 distinct resamples — and α = {@value #DEFAULT_ALPHA}.
 *
 * @param minModels smallest number of models per level for a claim to be assessed (≥ 2)
 * @param alpha     significance threshold in (0, 1), applied to the p-value each rule names
 */
public record VerdictRules(int minModels, double alpha) {

    /** Minimum models per level of {@link #DEFAULT}. */
    public static final int DEFAULT_MIN_MODELS = 3;
    /** Significance threshold of {@link #DEFAULT}. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** The rules the report uses unless told otherwise. */
    public static final VerdictRules DEFAULT = new VerdictRules(DEFAULT_MIN_MODELS, DEFAULT_ALPHA);

    public VerdictRules {
        if (minModels < 2) {
            throw new IllegalArgumentException("minModels must be >= 2, got " + minModels);
        }
        Checks.alpha(alpha);
    }

    /** Whether every count reaches {@code minModels}. */
    public boolean enoughModels(int... n) {
        for (int k : n) {
            if (k < minModels) {
                return false;
            }
        }
        return true;
    }

    /**
     * The base rule: NOT_ENOUGH_MODELS if any n &lt; minModels; else HOLDS if p &lt; alpha; else DOES_NOT_HOLD.
     */
    public Verdict fromP(double p, int... n) {
        if (!enoughModels(n)) {
            return Verdict.NOT_ENOUGH_MODELS;
        }
        return p < alpha ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD;
    }

    /**
     * "level1 and level2 differ" ({@code expectedSign} 0), or "level1 is above level2" (+1) / "below" (−1): HOLDS
     * when the BH-adjusted p of the pair is below alpha and, for a directional claim, the mean difference
     * level1 − level2 has the expected sign.
     */
    public Verdict difference(LevelTests.PairTest test, int expectedSign) {
        Verdict v = fromP(test.pAdjusted(), test.n1(), test.n2());
        return v == Verdict.HOLDS && !signMatches(test.meanDifference(), expectedSign) ? Verdict.DOES_NOT_HOLD : v;
    }

    /**
     * "The level means follow the expected order, step by step" (strict): HOLDS when every adjacent step has a
     * BH-adjusted one-sided p below alpha <em>and</em> a bootstrap CI entirely on the expected side of 0. Requiring
     * both guards the t-test's normal assumption with a distribution-free check; with small n they can disagree.
     */
    public Verdict ordering(Ordering.Result result) {
        if (!enoughModels(result.n())) {
            return Verdict.NOT_ENOUGH_MODELS;
        }
        for (Ordering.Step s : result.steps()) {
            boolean ciOnSide = result.expected() == Ordering.Direction.DECREASING ? s.ci().aboveZero()
                    : s.ci().belowZero();
            if (!(s.pAdjusted() < alpha) || !ciOnSide) {
                return Verdict.DOES_NOT_HOLD;
            }
        }
        return Verdict.HOLDS;
    }

    /**
     * "Values trend monotonically along the expected order" (weaker than {@link #ordering}): HOLDS when Spearman's
     * ρ between the level index and the values has the expected sign with one-sided p below alpha. Single steps may
     * be flat (as full frozen → full unfrozen in the reference).
     */
    public Verdict trend(Ordering.Result result) {
        if (!enoughModels(result.n())) {
            return Verdict.NOT_ENOUGH_MODELS;
        }
        double p = result.spearman().pOneSided(result.expected() == Ordering.Direction.INCREASING);
        return p < alpha ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD;
    }

    /**
     * "The metric separates the groups": HOLDS when the permutation p is below alpha; NOT_ENOUGH_MODELS when the
     * smallest group has fewer than minModels units.
     */
    public Verdict separation(PermutationTest.Result result) {
        return fromP(result.p(), result.minGroupSize());
    }

    /**
     * "y depends on x" ({@code expectedSign} 0), or "y rises with x" (+1) / "falls" (−1): HOLDS when the slope's
     * two-sided p is below alpha and, for a directional claim, the slope has the expected sign. The fit's n stands
     * for the models (its points must be one per model).
     */
    public Verdict slope(Regression.Fit fit, int expectedSign) {
        Verdict v = fromP(fit.p(), fit.n());
        return v == Verdict.HOLDS && !signMatches(fit.slope(), expectedSign) ? Verdict.DOES_NOT_HOLD : v;
    }

    /**
     * "The quantity is above 0" (+1) / "below 0" (−1) / "differs from 0" (0), from a bootstrap CI alone: HOLDS
     * when the interval lies entirely on the claimed side of 0 (for 0, on either side). {@code n} are the models
     * behind it, per level.
     */
    public Verdict interval(Bootstrap.Interval ci, int expectedSign, int... n) {
        if (!enoughModels(n)) {
            return Verdict.NOT_ENOUGH_MODELS;
        }
        boolean holds = switch (Integer.signum(expectedSign)) {
            case 1 -> ci.aboveZero();
            case -1 -> ci.belowZero();
            default -> ci.aboveZero() || ci.belowZero();
        };
        return holds ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD;
    }

    private static boolean signMatches(double value, int expectedSign) {
        return expectedSign == 0 || Math.signum(value) == Integer.signum(expectedSign);
    }
}
