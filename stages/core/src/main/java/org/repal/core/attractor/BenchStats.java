package org.repal.core.attractor;

/** Small statistics for the attractor bench: mean, SEM, least-squares line and the Mann–Whitney U test. */
public final class BenchStats {

    /** y ≈ intercept + slope·x, with Pearson r and R² = r². */
    public record Fit(double slope, double intercept, double r, double r2) {
    }

    private BenchStats() {
    }

    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** Standard error of the mean with the population standard deviation (numpy's std/√n, as the reference). */
    public static double sem(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / v.length) / Math.sqrt(v.length);
    }

    /** Ordinary least squares of y on x (scipy's linregress: slope, intercept, r). */
    public static Fit linear(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a line needs at least two (x, y) points of equal count");
        }
        double mx = mean(x);
        double my = mean(y);
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double slope = sxy / sxx;
        double r = syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
        return new Fit(slope, my - slope * mx, r, r * r);
    }

    /**
     * Two-sided Mann–Whitney U test of a against b, normal approximation with tie correction and continuity
     * correction (scipy's {@code mannwhitneyu(method="asymptotic")}). Returns the p-value.
     */
    public static double mannWhitneyP(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        if (n1 == 0 || n2 == 0) {
            return Double.NaN;
        }
        double u = 0;
        for (double x : a) {
            for (double y : b) {
                u += x > y ? 1 : x == y ? 0.5 : 0;
            }
        }
        double[] all = new double[n1 + n2];
        System.arraycopy(a, 0, all, 0, n1);
        System.arraycopy(b, 0, all, n1, n2);
        java.util.Arrays.sort(all);
        double tie = 0;
        for (int i = 0; i < all.length;) {
            int j = i;
            while (j < all.length && all[j] == all[i]) {
                j++;
            }
            double t = j - i;
            tie += t * t * t - t;
            i = j;
        }
        int n = n1 + n2;
        double mu = n1 * (double) n2 / 2;
        double var = n1 * (double) n2 / 12 * ((n + 1) - tie / (n * (double) (n - 1)));
        if (var <= 0) {
            return 1.0;
        }
        double z = (Math.abs(u - mu) - 0.5) / Math.sqrt(var);
        return Math.min(1.0, 2 * upperNormalTail(Math.max(z, 0)));
    }

    /** P(Z > z) for a standard normal, via erfc (Numerical Recipes' Chebyshev fit, |error| < 1.2e-7). */
    static double upperNormalTail(double z) {
        double x = z / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return 0.5 * (x >= 0 ? erfc : 2 - erfc);
    }
}
