package org.repal.core.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Order tests on synthetic levels shaped like the reference's DSA means (≈ 0.61, 0.43, 0.32, 0.27). */
class OrderingTest {

    private static LevelSample level(String name, Random rng, int n, double mean, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * rng.nextGaussian();
        }
        return new LevelSample(name, v);
    }

    private static List<LevelSample> ordered(long seed, int n) {
        Random rng = new Random(seed);
        return List.of(level("untrained", rng, n, 0.61, 0.03), level("master_frozen", rng, n, 0.43, 0.03),
                level("partial", rng, n, 0.32, 0.03), level("full_frozen", rng, n, 0.27, 0.03));
    }

    @Test
    void stepsCarryDifferencesCisAndOneSidedP() {
        List<LevelSample> levels = ordered(1, 8);
        Ordering.Result r = Ordering.test(levels, Ordering.Direction.DECREASING, 5L);
        assertEquals(List.of("untrained", "master_frozen", "partial", "full_frozen"), r.levels());
        assertArrayEquals(new int[] {8, 8, 8, 8}, r.n());
        assertEquals(32, r.total());
        assertEquals(3, r.steps().size());
        double[] raw = new double[3];
        for (int i = 0; i < 3; i++) {
            Ordering.Step s = r.steps().get(i);
            LevelSample a = levels.get(i);
            LevelSample b = levels.get(i + 1);
            assertEquals(a.level(), s.level1());
            assertEquals(a.mean() - b.mean(), s.difference(), 1e-15);
            assertEquals(s.difference(), s.ci().estimate(), 1e-15);
            assertTrue(s.ci().aboveZero(), s.toString());
            assertEquals(TwoSampleT.test(a.values(), b.values(), TTestKind.WELCH).pGreater(), s.pOneSided());
            assertTrue(s.inExpectedDirection(Ordering.Direction.DECREASING));
            raw[i] = s.pOneSided();
        }
        assertArrayEquals(MultipleTesting.benjaminiHochberg(raw),
                r.steps().stream().mapToDouble(Ordering.Step::pAdjusted).toArray(), 0);
        assertTrue(r.meansInExpectedOrder());
        assertTrue(r.spearman().coefficient() < -0.8, r.spearman().toString());
        assertTrue(r.kendall().coefficient() < -0.6, r.kendall().toString());
        assertTrue(r.spearman().pOneSided(false) < 1e-6);
        assertEquals(32, r.spearman().n());
        assertEquals(Verdict.HOLDS, VerdictRules.DEFAULT.ordering(r));
        assertEquals(Verdict.HOLDS, VerdictRules.DEFAULT.trend(r));
    }

    @Test
    void wrongDirectionDoesNotHold() {
        Ordering.Result r = Ordering.test(ordered(2, 8), Ordering.Direction.INCREASING, 5L);
        assertFalse(r.meansInExpectedOrder());
        assertTrue(r.steps().get(0).pOneSided() > 0.99);
        assertEquals(Verdict.DOES_NOT_HOLD, VerdictRules.DEFAULT.ordering(r));
        assertEquals(Verdict.DOES_NOT_HOLD, VerdictRules.DEFAULT.trend(r));
    }

    @Test
    void flatLevelsDoNotHold() {
        // the CKA-like case: four levels from one distribution
        Random rng = new Random(3);
        List<LevelSample> flat = List.of(level("a", rng, 10, 0.4, 0.03), level("b", rng, 10, 0.4, 0.03),
                level("c", rng, 10, 0.4, 0.03), level("d", rng, 10, 0.4, 0.03));
        Ordering.Result r = Ordering.test(flat, Ordering.Direction.DECREASING, 9L);
        assertEquals(Verdict.DOES_NOT_HOLD, VerdictRules.DEFAULT.ordering(r));
    }

    @Test
    void trendCanHoldWhereAStepIsFlat() {
        // like full frozen → full unfrozen in the reference: the last step is flat, the trend is still clear
        Random rng = new Random(6);
        List<LevelSample> levels = List.of(level("untrained", rng, 10, 0.61, 0.03),
                level("partial", rng, 10, 0.40, 0.03), level("full_frozen", rng, 10, 0.30, 0.03),
                level("full_unfrozen", rng, 10, 0.30, 0.03));
        Ordering.Result r = Ordering.test(levels, Ordering.Direction.DECREASING, 4L);
        assertEquals(Verdict.DOES_NOT_HOLD, VerdictRules.DEFAULT.ordering(r));
        assertEquals(Verdict.HOLDS, VerdictRules.DEFAULT.trend(r));
    }

    @Test
    void thinLevelGivesNotEnoughModels() {
        Random rng = new Random(1);
        List<LevelSample> levels = List.of(level("untrained", rng, 6, 0.61, 0.03),
                level("master_frozen", rng, 2, 0.43, 0.03), level("partial", rng, 6, 0.32, 0.03));
        Ordering.Result r = Ordering.test(levels, Ordering.Direction.DECREASING, 5L);
        assertEquals(Verdict.NOT_ENOUGH_MODELS, VerdictRules.DEFAULT.ordering(r));
        assertEquals(Verdict.NOT_ENOUGH_MODELS, VerdictRules.DEFAULT.trend(r));
        // one model: the step is reported with a degenerate CI side and no p
        List<LevelSample> single = List.of(levels.get(0), new LevelSample("master_frozen", new double[] {0.4}));
        Ordering.Step s = Ordering.test(single, Ordering.Direction.DECREASING, 5L).steps().get(0);
        assertTrue(Double.isNaN(s.pOneSided()) && Double.isNaN(s.pAdjusted()));
        assertFalse(Double.isNaN(s.ci().lower()));
    }

    @Test
    void sameSeedSameResult() {
        List<LevelSample> levels = ordered(4, 5);
        Ordering.Result a = Ordering.test(levels, Ordering.Direction.DECREASING, TTestKind.STUDENT, 0.9, 2000, 77L);
        Ordering.Result b = Ordering.test(levels, Ordering.Direction.DECREASING, TTestKind.STUDENT, 0.9, 2000, 77L);
        assertEquals(a.steps(), b.steps());
        assertEquals(a.spearman(), b.spearman());
        assertEquals(0.9, a.steps().get(0).ci().level());
        assertEquals(2000, a.steps().get(0).ci().resamples());
    }
}
