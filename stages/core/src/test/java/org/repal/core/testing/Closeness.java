package org.repal.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions for arrays compared with reference values; each returns the error it measured (for reports). */
public final class Closeness {
    private Closeness() {
    }

    /** max |actual − expected| ≤ tol; returns the maximum. */
    public static double maxAbs(double[] actual, double[] expected, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            if (!(d <= worst)) {
                worst = d; // also catches NaN
            }
        }
        assertTrue(worst <= tol, what + ": max abs error " + worst + " > " + tol);
        return worst;
    }

    /**
     * ‖actual − expected‖ ≤ tol·‖expected‖ and every component within tol·‖expected‖ (a zero expected array must
     * be matched to 1e-300); returns the relative error.
     */
    public static double relative(double[] actual, double[] expected, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double diff = 0;
        double norm = 0;
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = actual[i] - expected[i];
            diff += d * d;
            norm += expected[i] * expected[i];
            worst = Math.max(worst, Math.abs(d));
        }
        double scale = Math.max(Math.sqrt(norm), 1e-300);
        double rel = Math.sqrt(diff) / scale;
        assertTrue(rel <= tol && worst <= tol * scale && !Double.isNaN(rel),
                what + ": relative error " + rel + " (worst component " + worst + ", norm " + scale + ")");
        return rel;
    }
}
