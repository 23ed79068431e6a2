package org.repal.core.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict rules, one by one. */
class VerdictRulesTest {

    private static final VerdictRules R = VerdictRules.DEFAULT;

    @Test
    void defaults() {
        assertEquals(3, R.minModels());
        assertEquals(0.05, R.alpha());
        assertTrue(R.enoughModels(3, 10));
        assertFalse(R.enoughModels(3, 2));
        assertThrows(IllegalArgumentException.class, () -> new VerdictRules(1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new VerdictRules(3, 0));
    }

    @Test
    void baseRule() {
        assertEquals(Verdict.HOLDS, R.fromP(0.049, 3, 3));
        assertEquals(Verdict.DOES_NOT_HOLD, R.fromP(0.05, 3, 3)); // strictly below alpha
        assertEquals(Verdict.DOES_NOT_HOLD, R.fromP(Double.NaN, 3, 3));
        assertEquals(Verdict.NOT_ENOUGH_MODELS, R.fromP(1e-9, 3, 2)); // n wins over p
        assertEquals(Verdict.HOLDS, new VerdictRules(5, 0.01).fromP(0.005, 5));
        assertEquals(Verdict.NOT_ENOUGH_MODELS, new VerdictRules(5, 0.01).fromP(0.005, 4));
    }

    @Test
    void differenceUsesTheAdjustedPAndTheSign() {
        LevelTests.PairTest t = new LevelTests.PairTest("untrained", "partial", 10, 12, 0.6, 0.3, 0.3, 9, 19, 1e-8,
                0.02, 3, 2.9, TTestKind.WELCH);
        assertEquals(Verdict.HOLDS, R.difference(t, 0));
        assertEquals(Verdict.HOLDS, R.difference(t, 1));
        assertEquals(Verdict.DOES_NOT_HOLD, R.difference(t, -1));
        LevelTests.PairTest adjustedAway = new LevelTests.PairTest("a", "b", 10, 12, 0.6, 0.5, 0.1, 2.2, 19, 0.04,
                0.08, 1, 0.9, TTestKind.WELCH);
        assertEquals(Verdict.DOES_NOT_HOLD, R.difference(adjustedAway, 0)); // raw p < α, adjusted not
        LevelTests.PairTest thin = LevelTests.pairwise(List.of(new LevelSample("a", new double[] {1, 2}),
                new LevelSample("b", new double[] {5, 6, 7}))).get(0);
        assertEquals(Verdict.NOT_ENOUGH_MODELS, R.difference(thin, 0));
    }

    @Test
    void slope() {
        Regression.Fit up = Regression.ols(new double[] {1, 2, 3, 4, 5, 6}, new double[] {1.1, 1.9, 3.2, 3.9, 5.1,
                6.0});
        assertEquals(Verdict.HOLDS, R.slope(up, 1));
        assertEquals(Verdict.HOLDS, R.slope(up, 0));
        assertEquals(Verdict.DOES_NOT_HOLD, R.slope(up, -1));
        Regression.Fit noisy = Regression.ols(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5}); // p 0.12
        assertEquals(Verdict.DOES_NOT_HOLD, R.slope(noisy, 1));
        assertEquals(Verdict.NOT_ENOUGH_MODELS, new VerdictRules(6, 0.05).slope(noisy, 1));
    }

    @Test
    void separation() {
        PermutationTest.Result clear = PermutationTest.test(List.of(new double[] {1, 1.1, 0.9},
                new double[] {5, 5.1, 4.9}, new double[] {9, 9.1, 8.9}), 3L);
        assertEquals(Verdict.HOLDS, R.separation(clear));
        PermutationTest.Result thin = PermutationTest.test(List.of(new double[] {1, 1.1},
                new double[] {5, 5.1, 4.9}), 3L);
        assertEquals(Verdict.NOT_ENOUGH_MODELS, R.separation(thin));
    }

    @Test
    void interval() {
        Bootstrap.Interval pos = new Bootstrap.Interval(0.2, 0.1, 0.3, 0.95, 1000, 20);
        Bootstrap.Interval straddles = new Bootstrap.Interval(0.05, -0.02, 0.12, 0.95, 1000, 20);
        assertEquals(Verdict.HOLDS, R.interval(pos, 1, 10, 10));
        assertEquals(Verdict.HOLDS, R.interval(pos, 0, 10, 10));
        assertEquals(Verdict.DOES_NOT_HOLD, R.interval(pos, -1, 10, 10));
        assertEquals(Verdict.DOES_NOT_HOLD, R.interval(straddles, 0, 10, 10));
        assertEquals(Verdict.NOT_ENOUGH_MODELS, R.interval(pos, 1, 10, 2));
    }
}
