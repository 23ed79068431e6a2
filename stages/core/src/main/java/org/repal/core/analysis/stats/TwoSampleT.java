package org.repal.core.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;

/** The two-sample t-test on independent samples, Welch or pooled-variance Student (see {@link TTestKind}). */
public final class TwoSampleT {

    /**
     * One two-sample t-test of mean1 − mean2.
     *
     * @param kind           which test
     * @param n1             size of the first sample
     * @param n2             size of the second sample
     * @param mean1          mean of the first sample
     * @param mean2          mean of the second sample
     * @param meanDifference mean1 − mean2
     * @param t              the t statistic (sign of meanDifference)
     * @param df             degrees of freedom (fractional for Welch)
     * @param pTwoSided      P(|T| ≥ |t|)
     * @param pGreater       one-sided p for H₁: mean1 > mean2, P(T ≥ t)
     * @param pLess          one-sided p for H₁: mean1 < mean2, P(T ≤ t)
     */
    public record Result(TTestKind kind, int n1, int n2, double mean1, double mean2, double meanDifference, double t,
                         double df, double pTwoSided, double pGreater, double pLess) {
    }

    private TwoSampleT() {
    }

    /**
     * Runs the test.
     *
     * <p>When both samples have zero variance the standard error is 0: the test then reports t = ±∞, p = 0 if the
     * means differ (a difference with no noise at all) and t = 0, p = 1 if they are equal (nothing to detect), with
     * df = n1 + n2 − 2 — where scipy would give NaN, which a report cannot phrase.
     *
     * @param a    first sample, finite, at least 2 values
     * @param b    second sample, finite, at least 2 values
     * @param kind Welch or Student
     * @throws IllegalArgumentException when a sample has fewer than 2 values or a non-finite value
     */
    public static Result test(double[] a, double[] b, TTestKind kind) {
        Checks.finite(a, "first sample", 2);
        Checks.finite(b, "second sample", 2);
        int n1 = a.length;
        int n2 = b.length;
        double m1 = Moments.mean(a);
        double m2 = Moments.mean(b);
        double v1 = Moments.squaredDeviations(a, m1) / (n1 - 1);
        double v2 = Moments.squaredDeviations(b, m2) / (n2 - 1);
        double diff = m1 - m2;
        double se;
        double df;
        if (kind == TTestKind.WELCH) {
            double w1 = v1 / n1;
            double w2 = v2 / n2;
            se = Math.sqrt(w1 + w2);
            // Welch–Satterthwaite: (w1 + w2)² / (w1²/(n1−1) + w2²/(n2−1))
            df = (w1 + w2) * (w1 + w2) / (w1 * w1 / (n1 - 1) + w2 * w2 / (n2 - 1));
        } else {
            df = n1 + n2 - 2;
            double pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
            se = Math.sqrt(pooled * (1.0 / n1 + 1.0 / n2));
        }
        if (se == 0) {
            df = n1 + n2 - 2;
            if (diff == 0) {
                return new Result(kind, n1, n2, m1, m2, diff, 0, df, 1, 1, 1);
            }
            double t = diff > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            return new Result(kind, n1, n2, m1, m2, diff, t, df, 0, diff > 0 ? 0 : 1, diff > 0 ? 1 : 0);
        }
        double t = diff / se;
        TDistribution dist = Distributions.t(df);
        double pLess = dist.cumulativeProbability(t);
        double pGreater = dist.cumulativeProbability(-t);
        return new Result(kind, n1, n2, m1, m2, diff, t, df, Distributions.tTwoSided(t, df), pGreater, pLess);
    }
}
