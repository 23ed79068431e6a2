package org.repal.core.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pairwise level tests: unordered pairs once, the right test, effect sizes and BH over the testable family. */
class LevelTestsTest {

    private static final LevelSample A = new LevelSample("untrained", new double[] {1, 2, 3, 4});
    private static final LevelSample B = new LevelSample("master_frozen", new double[] {3, 5, 7});
    private static final LevelSample C = new LevelSample("partial", new double[] {10, 11, 12, 12.5});

    @Test
    void everyUnorderedPairOnceInInputOrder() {
        List<LevelTests.PairTest> rows = LevelTests.pairwise(List.of(A, B, C));
        assertEquals(3, rows.size()); // k(k−1)/2, not the reference's k(k−1)
        assertEquals(List.of("untrained/master_frozen", "untrained/partial", "master_frozen/partial"),
                rows.stream().map(r -> r.level1() + "/" + r.level2()).toList());
        LevelTests.PairTest ab = rows.get(0);
        TwoSampleT.Result t = TwoSampleT.test(A.values(), B.values(), TTestKind.WELCH);
        assertEquals(4, ab.n1());
        assertEquals(3, ab.n2());
        assertEquals(-2.5, ab.meanDifference(), 1e-15);
        assertEquals(t.t(), ab.t());
        assertEquals(t.df(), ab.df());
        assertEquals(t.pTwoSided(), ab.p());
        assertEquals(-2.5 / Math.sqrt(2.6), ab.cohensD(), 1e-14);
        assertEquals(EffectSize.hedgesG(A.values(), B.values()), ab.hedgesG());
        assertEquals(TTestKind.WELCH, ab.kind());
        double[] raw = rows.stream().mapToDouble(LevelTests.PairTest::p).toArray();
        assertArrayEquals(MultipleTesting.benjaminiHochberg(raw),
                rows.stream().mapToDouble(LevelTests.PairTest::pAdjusted).toArray(), 0);
    }

    @Test
    void studentOption() {
        LevelTests.PairTest ab = LevelTests.pairwise(List.of(A, B), TTestKind.STUDENT).get(0);
        assertEquals(5.0, ab.df());
        assertEquals(-2.5 / Math.sqrt(2.6 * 7 / 12), ab.t(), 1e-14);
        assertEquals(ab.p(), ab.pAdjusted()); // a family of one
    }

    @Test
    void thinLevelIsReportedButLeftOutOfTheFamily() {
        LevelSample single = new LevelSample("full_frozen", new double[] {5});
        List<LevelTests.PairTest> rows = LevelTests.pairwise(List.of(A, B, C, single));
        assertEquals(6, rows.size());
        List<LevelTests.PairTest> withSingle = rows.stream().filter(r -> r.level2().equals("full_frozen")).toList();
        assertEquals(3, withSingle.size());
        for (LevelTests.PairTest r : withSingle) {
            assertFalse(r.tested());
            assertTrue(Double.isNaN(r.p()) && Double.isNaN(r.pAdjusted()) && Double.isNaN(r.hedgesG()));
            assertEquals(1, r.n2());
            assertEquals(r.mean1() - 5, r.meanDifference(), 1e-15);
        }
        // the three testable pairs are adjusted among themselves, exactly as without the thin level
        List<LevelTests.PairTest> without = LevelTests.pairwise(List.of(A, B, C));
        List<LevelTests.PairTest> tested = rows.stream().filter(LevelTests.PairTest::tested).toList();
        assertEquals(without, tested);
    }

    @Test
    void fromMapKeepsTheMapOrder() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("b", new double[] {1, 2});
        m.put("a", new double[] {3, 4});
        List<LevelSample> ls = LevelSample.fromMap(m);
        assertEquals("b", ls.get(0).level());
        assertEquals("b", LevelTests.pairwise(ls).get(0).level1());
    }

    @Test
    void rejectsDuplicatesTooFewLevelsAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> LevelTests.pairwise(List.of(A, A)));
        assertThrows(IllegalArgumentException.class, () -> LevelTests.pairwise(List.of(A)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LevelSample("partial", new double[] {0.1, Double.NaN}));
        assertTrue(e.getMessage().contains("partial"), e.getMessage());
    }

    @Test
    void levelSampleIsImmutable() {
        double[] v = {1, 2};
        LevelSample s = new LevelSample("x", v);
        v[0] = 99;
        s.values()[1] = 99;
        assertArrayEquals(new double[] {1, 2}, s.values(), 0);
        assertEquals(new LevelSample("x", new double[] {1, 2}), s);
    }
}
