package org.repal.core.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/** Welch and Student t-tests against hand arithmetic and commons-math's TTest. */
class TwoSampleTTest {

    // a = 1 2 3 4: mean 2.5, squared deviations 2.25+0.25+0.25+2.25 = 5, s1² = 5/3
    // b = 3 5 7:   mean 5,   squared deviations 4+0+4 = 8,               s2² = 4
    private static final double[] A = {1, 2, 3, 4};
    private static final double[] B = {3, 5, 7};

    private static void assertRelative(double expected, double actual, double rel) {
        assertEquals(expected, actual, rel * Math.abs(expected));
    }

    @Test
    void welchByHand() {
        // s1²/n1 = 5/12, s2²/n2 = 4/3 = 16/12 → SE² = 21/12 = 1.75; t = (2.5 − 5)/√1.75 = −1.889822365…
        // df = 1.75² / ((5/12)²/3 + (4/3)²/2) = 3.0625 / (25/432 + 384/432) = 3.0625·432/409 = 1323/409
        TwoSampleT.Result r = TwoSampleT.test(A, B, TTestKind.WELCH);
        assertEquals(4, r.n1());
        assertEquals(3, r.n2());
        assertEquals(-2.5, r.meanDifference(), 1e-15);
        assertEquals(-2.5 / Math.sqrt(1.75), r.t(), 1e-14);
        assertEquals(1323.0 / 409, r.df(), 1e-13);
        TTest cm = new TTest();
        assertRelative(cm.t(A, B), r.t(), 1e-12);
        assertRelative(cm.tTest(A, B), r.pTwoSided(), 1e-10); // ≈ 0.14847 (scipy ttest_ind equal_var=False)
    }

    @Test
    void studentByHand() {
        // pooled s² = (3·5/3 + 2·4)/5 = 13/5 = 2.6; SE² = 2.6·(1/4 + 1/3) = 2.6·7/12; t = −2.5/√(18.2/12)
        //   = −2.029994857…; df = 5.
        // For 5 df the two-sided p has a closed form: with θ = atan(|t|/√5),
        //   p = 1 − (2/π)(θ + sinθ cosθ (1 + (2/3) cos²θ)) = 0.0981118212557…
        TwoSampleT.Result r = TwoSampleT.test(A, B, TTestKind.STUDENT);
        double t = -2.5 / Math.sqrt(2.6 * 7 / 12);
        assertEquals(t, r.t(), 1e-14);
        assertEquals(5.0, r.df());
        double theta = Math.atan(Math.abs(t) / Math.sqrt(5));
        double c = Math.cos(theta);
        double p = 1 - (2 / Math.PI) * (theta + Math.sin(theta) * c * (1 + 2.0 / 3 * c * c));
        assertEquals(p, r.pTwoSided(), 1e-12);
        TTest cm = new TTest();
        assertRelative(cm.homoscedasticT(A, B), r.t(), 1e-12);
        assertRelative(cm.homoscedasticTTest(A, B), r.pTwoSided(), 1e-10);
    }

    @Test
    void oneSidedTailsAddUpAndPickTheDirection() {
        TwoSampleT.Result r = TwoSampleT.test(A, B, TTestKind.WELCH);
        assertEquals(1.0, r.pGreater() + r.pLess(), 1e-12);
        assertEquals(r.pTwoSided() / 2, r.pLess(), 1e-12); // t < 0: the "less" tail is the observed one
        TwoSampleT.Result swapped = TwoSampleT.test(B, A, TTestKind.WELCH);
        assertEquals(r.pLess(), swapped.pGreater(), 1e-15);
        assertEquals(-r.t(), swapped.t(), 1e-15);
    }

    @Test
    void matchesCommonsMathOnRandomSamples() {
        Random rng = new Random(5);
        TTest cm = new TTest();
        for (int k = 0; k < 200; k++) {
            double[] a = new double[2 + rng.nextInt(20)];
            double[] b = new double[2 + rng.nextInt(20)];
            for (int i = 0; i < a.length; i++) {
                a[i] = 0.5 + 0.1 * rng.nextGaussian();
            }
            double scale = 0.02 + 0.3 * rng.nextDouble();
            for (int i = 0; i < b.length; i++) {
                b[i] = 0.45 + scale * rng.nextGaussian();
            }
            assertRelative(cm.tTest(a, b), TwoSampleT.test(a, b, TTestKind.WELCH).pTwoSided(), 1e-10);
            assertRelative(cm.homoscedasticTTest(a, b), TwoSampleT.test(a, b, TTestKind.STUDENT).pTwoSided(), 1e-10);
        }
    }

    @Test
    void zeroVarianceOnBothSides() {
        TwoSampleT.Result differ = TwoSampleT.test(new double[] {1, 1}, new double[] {2, 2, 2}, TTestKind.WELCH);
        assertEquals(Double.NEGATIVE_INFINITY, differ.t());
        assertEquals(0.0, differ.pTwoSided());
        assertEquals(0.0, differ.pLess());
        assertEquals(1.0, differ.pGreater());
        assertEquals(3.0, differ.df());
        TwoSampleT.Result same = TwoSampleT.test(new double[] {1, 1}, new double[] {1, 1}, TTestKind.STUDENT);
        assertEquals(0.0, same.t());
        assertEquals(1.0, same.pTwoSided());
        // one constant side only: Welch's df falls back to the other side's n − 1
        TwoSampleT.Result one = TwoSampleT.test(new double[] {1, 1, 1}, A, TTestKind.WELCH);
        assertEquals(3.0, one.df(), 1e-12);
    }

    @Test
    void needsTwoValuesPerSample() {
        assertThrows(IllegalArgumentException.class, () -> TwoSampleT.test(new double[] {1}, B, TTestKind.WELCH));
        assertThrows(IllegalArgumentException.class,
                () -> TwoSampleT.test(A, new double[] {1, Double.NaN}, TTestKind.WELCH));
    }
}
