package org.repal.core.analysis.stats;

import org.apache.commons.math3.special.Gamma;

/** Standardised mean differences of two independent samples. */
public final class EffectSize {

    private EffectSize() {
    }

    /**
     * Cohen's d = (mean(a) − mean(b)) / s_p with the pooled SD s_p = √(((n1−1)s1² + (n2−1)s2²) / (n1+n2−2)). The
     * pooled SD is kept even beside a Welch test: it is the convention readers compare d against. Zero pooled SD
     * gives ±∞ (or 0 when the means are equal too).
     *
     * @param a first sample, finite, at least 2 values
     * @param b second sample, finite, at least 2 values
     */
    public static double cohensD(double[] a, double[] b) {
        Checks.finite(a, "first sample", 2);
        Checks.finite(b, "second sample", 2);
        double m1 = Moments.mean(a);
        double m2 = Moments.mean(b);
        double pooled = (Moments.squaredDeviations(a, m1) + Moments.squaredDeviations(b, m2))
                / (a.length + b.length - 2);
        double diff = m1 - m2;
        if (pooled == 0) {
            return diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
        }
        return diff / Math.sqrt(pooled);
    }

    /**
     * Hedges' g = J · d, Cohen's d corrected for its upward bias in small samples. J is the exact factor
     * Γ(ν/2) / (√(ν/2) Γ((ν−1)/2)) with ν = n1 + n2 − 2 (≈ 1 − 3/(4ν − 1)); with 5 models per level the correction
     * is ≈ 10 %, which is why the report uses g.
     */
    public static double hedgesG(double[] a, double[] b) {
        return cohensD(a, b) * hedgesCorrection(a.length + b.length - 2);
    }

    /**
     * The exact small-sample correction J(ν) of Hedges (1981), computed through log-gamma so it stays finite for
     * large ν.
     *
     * @param df ν = n1 + n2 − 2, at least 2
     */
    public static double hedgesCorrection(int df) {
        if (df < 2) {
            throw new IllegalArgumentException("Hedges' correction needs df >= 2, got " + df);
        }
        double half = df / 2.0;
        return Math.exp(Gamma.logGamma(half) - Gamma.logGamma(half - 0.5)) / Math.sqrt(half);
    }
}
