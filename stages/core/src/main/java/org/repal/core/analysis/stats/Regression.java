package org.repal.core.analysis.stats;

/**
 * Simple ordinary least squares y = a + b·x with the usual normal-theory inference on the slope, as the reference's
 * statsmodels OLS fits of dissimilarity against shared tasks or accuracy gap (spec §8, notebook 4).
 *
 * <p>Closed forms on centred sums (two passes, no cancellation): b = Sxy / Sxx, a = ȳ − b x̄, residual MSE = SSE /
 * (n − 2) (statsmodels' {@code mse_resid}), SE(b) = √(MSE / Sxx), SE(a) = √(MSE (1/n + x̄²/Sxx)), t = b / SE(b) on
 * n − 2 df, two-sided p, R² = 1 − SSE / Syy.
 */
public final class Regression {

    /**
     * A fitted line.
     *
     * @param n           number of points
     * @param intercept   a
     * @param slope       b
     * @param interceptSe standard error of a
     * @param slopeSe     standard error of b
     * @param t           b / SE(b): ±∞ for an exact fit with b ≠ 0; NaN when y is constant
     * @param df          n − 2
     * @param p           two-sided p of H₀: b = 0 (0 for an exact fit with b ≠ 0; NaN when y is constant)
     * @param rSquared    coefficient of determination (NaN when y is constant: nothing to explain)
     * @param residualMse SSE / (n − 2)
     */
    public record Fit(int n, double intercept, double slope, double interceptSe, double slopeSe, double t, int df,
                      double p, double rSquared, double residualMse) {

        /** The fitted value a + b·x. */
        public double predict(double x) {
            return intercept + slope * x;
        }
    }

    private Regression() {
    }

    /**
     * Fits y on x.
     *
     * @param x predictor, finite
     * @param y response, finite, same length as x
     * @throws IllegalArgumentException when n &lt; 3 (no residual degree of freedom), the lengths differ, a value is
     *                                  not finite, or x has no variance (the slope is undefined)
     */
    public static Fit ols(double[] x, double[] y) {
        Checks.finite(x, "x", 0);
        Checks.finite(y, "y", 0);
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("regression needs at least 3 points (n − 2 residual df), got " + n);
        }
        double mx = Moments.mean(x);
        double my = Moments.mean(y);
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("x has no variance (all " + n + " values equal " + x[0]
                    + "): the slope is undefined");
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        // SSE from the residuals themselves: Syy − b·Sxy can come out slightly negative for a near-exact fit
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (intercept + slope * x[i]);
            sse += r * r;
        }
        int df = n - 2;
        double mse = sse / df;
        double slopeSe = Math.sqrt(mse / sxx);
        double interceptSe = Math.sqrt(mse * (1.0 / n + mx * mx / sxx));
        if (syy == 0) {
            return new Fit(n, intercept, slope, interceptSe, slopeSe, Double.NaN, df, Double.NaN, Double.NaN, mse);
        }
        double rSquared = 1 - sse / syy;
        double t;
        double p;
        if (slopeSe == 0) {
            t = Math.copySign(Double.POSITIVE_INFINITY, slope);
            p = 0;
        } else {
            t = slope / slopeSe;
            p = Distributions.tTwoSided(t, df);
        }
        return new Fit(n, intercept, slope, interceptSe, slopeSe, t, df, p, rSquared, mse);
    }
}
