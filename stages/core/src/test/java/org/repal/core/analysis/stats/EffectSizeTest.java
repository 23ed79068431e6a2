package org.repal.core.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Cohen's d and Hedges' g by hand. */
class EffectSizeTest {

    @Test
    void cohensDAndHedgesG() {
        // a = 1 2 3 4, b = 3 5 7: pooled s² = (5 + 8)/5 = 2.6, d = (2.5 − 5)/√2.6 = −1.550434…
        // J(5) = Γ(2.5)/(√2.5 Γ(2)) = (3√π/4)/√2.5 = 0.840764…
        double[] a = {1, 2, 3, 4};
        double[] b = {3, 5, 7};
        double d = -2.5 / Math.sqrt(2.6);
        assertEquals(d, EffectSize.cohensD(a, b), 1e-14);
        double j5 = (3 * Math.sqrt(Math.PI) / 4) / Math.sqrt(2.5);
        assertEquals(j5, EffectSize.hedgesCorrection(5), 1e-14);
        assertEquals(d * j5, EffectSize.hedgesG(a, b), 1e-14);
        assertEquals(-d, EffectSize.cohensD(b, a), 1e-14);
    }

    @Test
    void exactCorrectionAgainstClosedFormsAndTheApproximation() {
        // J(4) = Γ(2)/(√2 Γ(1.5)) = 1/(√2 · √π/2) = 2/√(2π) = 0.797884…
        assertEquals(2 / Math.sqrt(2 * Math.PI), EffectSize.hedgesCorrection(4), 1e-14);
        // J(2) = Γ(1)/(1 · Γ(0.5)) = 1/√π
        assertEquals(1 / Math.sqrt(Math.PI), EffectSize.hedgesCorrection(2), 1e-14);
        // the common approximation 1 − 3/(4ν − 1) is within 1e-3 from ν = 10 on and tends to the same limit
        for (int df : new int[] {10, 50, 1000}) {
            assertEquals(1 - 3.0 / (4 * df - 1), EffectSize.hedgesCorrection(df), 1e-3);
        }
        assertEquals(1.0, EffectSize.hedgesCorrection(1_000_000), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> EffectSize.hedgesCorrection(1));
    }

    @Test
    void noSpread() {
        assertEquals(Double.NEGATIVE_INFINITY, EffectSize.cohensD(new double[] {1, 1}, new double[] {2, 2}));
        assertEquals(0.0, EffectSize.cohensD(new double[] {1, 1}, new double[] {1, 1}));
    }
}
