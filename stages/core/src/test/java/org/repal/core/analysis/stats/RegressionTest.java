package org.repal.core.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

/** OLS against the closed form by hand, an exact fit, and commons-math's SimpleRegression. */
class RegressionTest {

    @Test
    void fivePointsByHand() {
        // x = 1..5, y = 2 4 5 4 5: x̄ = 3, ȳ = 4, Sxx = 10, Sxy = (−2)(−2) + 0 + 0 + 0 + 2·1 = 6, Syy = 6
        // b = Sxy/Sxx = 0.6, a = 4 − 0.6·3 = 2.2; fitted 2.8 3.4 4.0 4.6 5.2, residuals −0.8 0.6 1 −0.6 −0.2
        // SSE = 0.64 + 0.36 + 1 + 0.36 + 0.04 = 2.4, MSE = 2.4/3 = 0.8, SE(b) = √(0.8/10) = √0.08 = 0.282842712…
        // SE(a) = √(0.8·(1/5 + 9/10)) = √0.88; t = 0.6/√0.08 = 1.5·√2 = 2.121320…; R² = 1 − 2.4/6 = 0.6
        // p on 3 df in closed form: with θ = atan(t/√3) (tan²θ = 1.5), p = 1 − (2/π)(θ + sinθ cosθ) = 0.124027…
        Regression.Fit f = Regression.ols(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});
        assertEquals(5, f.n());
        assertEquals(3, f.df());
        assertEquals(0.6, f.slope(), 1e-14);
        assertEquals(2.2, f.intercept(), 1e-14);
        assertEquals(0.8, f.residualMse(), 1e-14);
        assertEquals(Math.sqrt(0.08), f.slopeSe(), 1e-14);
        assertEquals(Math.sqrt(0.88), f.interceptSe(), 1e-14);
        assertEquals(1.5 * Math.sqrt(2), f.t(), 1e-13);
        assertEquals(0.6, f.rSquared(), 1e-14);
        double theta = Math.atan(1.5 * Math.sqrt(2) / Math.sqrt(3));
        double p = 1 - (2 / Math.PI) * (theta + Math.sin(theta) * Math.cos(theta));
        assertEquals(p, f.p(), 1e-12);
        assertEquals(0.124027, f.p(), 1e-6);
        assertEquals(2.2 + 0.6 * 10, f.predict(10), 1e-13);
    }

    @Test
    void exactFit() {
        // y = 3 − 2x exactly: every residual is 0, so SE = 0, t = −∞, p = 0, R² = 1
        Regression.Fit f = Regression.ols(new double[] {0, 1, 2, 3, 4}, new double[] {3, 1, -1, -3, -5});
        assertEquals(-2.0, f.slope(), 0);
        assertEquals(3.0, f.intercept(), 0);
        assertEquals(0.0, f.slopeSe());
        assertEquals(Double.NEGATIVE_INFINITY, f.t());
        assertEquals(0.0, f.p());
        assertEquals(1.0, f.rSquared(), 0);
        // with decimal coefficients the residuals are rounding-sized, R² is 1 to 1e-12 and p vanishes
        double[] x = {0.1, 0.7, 1.3, 2.9, 4.2, 5.5};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 0.1 + 0.3 * x[i];
        }
        Regression.Fit g = Regression.ols(x, y);
        assertEquals(0.3, g.slope(), 1e-14);
        assertEquals(1.0, g.rSquared(), 1e-12);
        assertTrue(g.p() < 1e-10, "p " + g.p());
    }

    @Test
    void matchesSimpleRegression() {
        Random rng = new Random(3);
        for (int k = 0; k < 50; k++) {
            int n = 3 + rng.nextInt(200);
            double[] x = new double[n];
            double[] y = new double[n];
            SimpleRegression sr = new SimpleRegression();
            for (int i = 0; i < n; i++) {
                x[i] = 100 * rng.nextDouble();
                y[i] = 0.55 - 0.004 * x[i] + 0.1 * rng.nextGaussian();
                sr.addData(x[i], y[i]);
            }
            Regression.Fit f = Regression.ols(x, y);
            assertEquals(sr.getSlope(), f.slope(), 1e-10 * Math.abs(sr.getSlope()) + 1e-15);
            assertEquals(sr.getIntercept(), f.intercept(), 1e-10);
            assertEquals(sr.getSlopeStdErr(), f.slopeSe(), 1e-9 * sr.getSlopeStdErr());
            assertEquals(sr.getInterceptStdErr(), f.interceptSe(), 1e-9 * sr.getInterceptStdErr());
            assertEquals(sr.getMeanSquareError(), f.residualMse(), 1e-9 * sr.getMeanSquareError());
            assertEquals(sr.getRSquare(), f.rSquared(), 1e-9);
            assertEquals(sr.getSignificance(), f.p(), 1e-8 * sr.getSignificance() + 1e-14);
        }
    }

    @Test
    void constantYHasNothingToExplain() {
        Regression.Fit f = Regression.ols(new double[] {1, 2, 3}, new double[] {4, 4, 4});
        assertEquals(0.0, f.slope());
        assertTrue(Double.isNaN(f.rSquared()) && Double.isNaN(f.p()) && Double.isNaN(f.t()));
    }

    @Test
    void rejectsTooFewPointsNoVarianceAndMismatch() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> Regression.ols(new double[] {1, 2}, new double[] {1, 2}));
        assertTrue(few.getMessage().contains("at least 3"), few.getMessage());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> Regression.ols(new double[] {2, 2, 2}, new double[] {1, 2, 3}));
        assertTrue(flat.getMessage().contains("no variance"), flat.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Regression.ols(new double[] {1, 2, 3}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> Regression.ols(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 2}));
    }
}
