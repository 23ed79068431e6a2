package org.repal.core.analysis.stats;

import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * A rank correlation and its two-sided p. Both methods handle ties, which matters here: correlating a level index
 * with values ties every unit of a level.
 *
 * <p>Where one side is constant the correlation is undefined: coefficient and p are NaN.
 *
 * @param method      Spearman's ρ or Kendall's τ-b
 * @param coefficient the correlation in [−1, 1]
 * @param pTwoSided   two-sided p of H₀: no association
 * @param n           number of (x, y) pairs
 */
public record RankCorrelation(Method method, double coefficient, double pTwoSided, int n) {

    /** Which rank correlation. */
    public enum Method {
        /** Spearman's ρ: Pearson's r of the ranks, ties at their average rank. */
        SPEARMAN,
        /** Kendall's τ-b: (concordant − discordant) pairs, normalised for ties on either side. */
        KENDALL_TAU_B
    }

    /**
     * One-sided p in the expected direction, from the symmetric null: p/2 when the coefficient has the expected
     * sign, 1 − p/2 when it has the other one (0.5 when it is 0).
     *
     * @param positive whether a positive association is expected
     */
    public double pOneSided(boolean positive) {
        if (Double.isNaN(coefficient)) {
            return Double.NaN;
        }
        if (coefficient == 0) {
            return 0.5;
        }
        return (coefficient > 0) == positive ? pTwoSided / 2 : 1 - pTwoSided / 2;
    }

    /**
     * Spearman's ρ (ties averaged, as scipy's {@code spearmanr}) with p from the t approximation
     * t = ρ √((n − 2) / (1 − ρ²)) on n − 2 df — scipy's choice, not an exact permutation p; it is close for n ≥ 10
     * and somewhat liberal below.
     *
     * @param x first variable, finite
     * @param y second variable, finite, same length, n ≥ 3
     */
    public static RankCorrelation spearman(double[] x, double[] y) {
        int n = pairs(x, y);
        double rho = constant(x) || constant(y) ? Double.NaN : new SpearmansCorrelation().correlation(x, y);
        if (Double.isNaN(rho)) {
            return new RankCorrelation(Method.SPEARMAN, Double.NaN, Double.NaN, n);
        }
        double p;
        if (Math.abs(rho) >= 1) {
            p = 0;
        } else {
            double t = rho * Math.sqrt((n - 2) / (1 - rho * rho));
            p = Distributions.tTwoSided(t, n - 2);
        }
        return new RankCorrelation(Method.SPEARMAN, rho, p, n);
    }

    /**
     * Kendall's τ-b with p from the normal approximation of S = concordant − discordant under H₀, with the variance
     * corrected for ties on both sides (Kendall 1970; scipy's {@code kendalltau} "asymptotic" method):
     * Var S = [n(n−1)(2n+5) − Σt(t−1)(2t+5) − Σu(u−1)(2u+5)] / 18 + Σt(t−1)(t−2)·Σu(u−1)(u−2) / (9n(n−1)(n−2))
     * + Σt(t−1)·Σu(u−1) / (2n(n−1)), t and u the sizes of the tie groups of x and y. S is counted over all pairs
     * (O(n²), fine for hundreds of models).
     *
     * @param x first variable, finite
     * @param y second variable, finite, same length, n ≥ 3
     */
    public static RankCorrelation kendall(double[] x, double[] y) {
        int n = pairs(x, y);
        if (constant(x) || constant(y)) {
            return new RankCorrelation(Method.KENDALL_TAU_B, Double.NaN, Double.NaN, n);
        }
        double tau = new KendallsCorrelation().correlation(x, y);
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += (long) (Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]));
            }
        }
        double[] tx = tieSums(x);
        double[] ty = tieSums(y);
        double nn = n;
        double var = (nn * (nn - 1) * (2 * nn + 5) - tx[2] - ty[2]) / 18
                + tx[1] * ty[1] / (9 * nn * (nn - 1) * (nn - 2))
                + tx[0] * ty[0] / (2 * nn * (nn - 1));
        double p = Distributions.normalTwoSided(s / Math.sqrt(var));
        return new RankCorrelation(Method.KENDALL_TAU_B, tau, p, n);
    }

    /** Σt(t−1), Σt(t−1)(t−2), Σt(t−1)(2t+5) over the tie groups of v. */
    private static double[] tieSums(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double[] sums = new double[3];
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j + 1 < s.length && s[j + 1] == s[i]) {
                j++;
            }
            double t = j - i + 1;
            sums[0] += t * (t - 1);
            sums[1] += t * (t - 1) * (t - 2);
            sums[2] += t * (t - 1) * (2 * t + 5);
            i = j + 1;
        }
        return sums;
    }

    private static int pairs(double[] x, double[] y) {
        Checks.finite(x, "x", 3);
        Checks.finite(y, "y", 3);
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        return x.length;
    }

    private static boolean constant(double[] v) {
        for (double d : v) {
            if (d != v[0]) {
                return false;
            }
        }
        return true;
    }
}
