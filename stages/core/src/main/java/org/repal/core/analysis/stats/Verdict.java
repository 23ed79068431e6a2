package org.repal.core.analysis.stats;

/**
 * The outcome of one claim of the report, decided by {@link VerdictRules}. The report phrases each claim from it
 * and states the numbers (n, estimate, CI, p) beside it.
 */
public enum Verdict {
    /** The data support the claim at the rules' α, with enough models in every level involved. */
    HOLDS,
    /**
     * Enough models, but the evidence does not reach the rules' threshold, or the effect goes the other way. Not a
     * proof of the opposite claim.
     */
    DOES_NOT_HOLD,
    /** Some level involved has fewer models than the rules' minimum: the claim is not assessed. */
    NOT_ENOUGH_MODELS
}
