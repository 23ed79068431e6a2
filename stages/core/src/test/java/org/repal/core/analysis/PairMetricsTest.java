package org.repal.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repal.core.activity.Activity;
import org.repal.core.activity.CommonPca;
import org.repal.core.metric.DmdParams;

/** The per-pair comparison, its shape capping, the cacheable half of the common PCA and the group matrices. */
class PairMetricsTest {

    private static Activity random(long seed, int trials, int steps, int units) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[trials * steps * units];
        double[] z = new double[units];
        for (int tr = 0; tr < trials; tr++) {
            Arrays.fill(z, 0);
            for (int t = 0; t < steps; t++) {
                for (int u = 0; u < units; u++) {
                    z[u] = 0.9 * z[(u + 1) % units] + r.nextGaussian();
                    v[(tr * steps + t) * units + u] = Math.tanh(z[u]);
                }
            }
        }
        return new Activity(trials, steps, units, v);
    }

    @Test
    void preparedHalvesGiveTheSameBytesAsTheCommonPca() {
        Activity a = random(1, 6, 30, 12);
        Activity b = random(2, 6, 30, 9); // wider one is reduced first
        for (CommonPca.Options o : List.of(CommonPca.Options.defaults().withComponents(5),
                CommonPca.Options.defaults().withComponents(5).withoutZscore())) {
            CommonPca.Result whole = CommonPca.compute(a, b, o);
            CommonPca.Result parts = CommonPca.joint(CommonPca.prepare(a, 9, o.zscore()), CommonPca.prepare(b, 9,
                    o.zscore()), o.components());
            assertArrayEquals(whole.first().values(), parts.first().values(), 0.0);
            assertArrayEquals(whole.second().values(), parts.second().values(), 0.0);
        }
        double[] before = a.values().clone();
        CommonPca.prepare(a, 12, true);
        assertArrayEquals(before, a.values(), 0.0, "prepare must not modify its input");
    }

    @Test
    void dsaParametersAreCappedToTheShape() {
        DmdParams req = new DmdParams(33, 6, 50, 0);
        assertEquals(new DmdParams(33, 6, 50, 0), DsaShape.capped(req, 200, 200, 20)); // T' = 8
        assertEquals(new DmdParams(33, 5, 50, 0), DsaShape.capped(req, 200, 175, 20)); // 6 → 5, T' = 15
        assertEquals(new DmdParams(33, 1, 50, 0), DsaShape.capped(req, 24, 50, 8)); // T' = 18
        assertEquals(new DmdParams(9, 1, 4, 0), DsaShape.capped(req, 2, 10, 8)); // delays 33 → 9, T' = 2, rank 2·2
        assertEquals(new DmdParams(33, 6, 40, 0), DsaShape.capped(new DmdParams(33, 6, 0, 0), 5, 200, 20));
        assertThrows(IllegalArgumentException.class, () -> DsaShape.capped(req, 10, 1, 3));
    }

    @Test
    void identicalActivitiesAreAtZeroAndDifferentOnesAreNot() {
        ComparisonSettings s = new ComparisonSettings(CommonPca.Options.defaults().withComponents(6),
                new DmdParams(4, 2, 10, 0), false, 500, DsaBasis.PAIR);
        Activity a = CommonPca.prepare(random(3, 8, 40, 10), 10, true);
        Activity b = CommonPca.prepare(random(4, 8, 40, 10), 10, true);
        PairMetrics.Result same = PairMetrics.compare(a, a, s);
        assertTrue(same.dsa() < 1e-6, "dsa " + same.dsa());
        assertEquals(0.0, same.procrustes(), 1e-7);
        assertEquals(0.0, same.cka(), 0.0);
        PairMetrics.Result diff = PairMetrics.compare(a, b, s);
        assertTrue(diff.dsa() > 1e-3 && diff.procrustes() > 1e-3 && diff.cka() > 1e-3, diff.toString());
        assertEquals(10, diff.dsaRank());
        PairMetrics.Result ref = PairMetrics.compare(a, b, new ComparisonSettings(s.pca(), s.dmd(), true, 500,
                DsaBasis.PAIR));
        assertEquals(diff.procrustes(), ref.procrustes(), 1e-12, "Procrustes ignores the sample order");
        assertTrue(Math.abs(diff.dsa() - ref.dsa()) > 1e-6, "the reference's axes change DSA");
    }

    @Test
    void groupMatricesFollowTheOrderAndDoNotDependOnThreads() {
        ComparisonSettings s = new ComparisonSettings(CommonPca.Options.defaults().withComponents(5),
                new DmdParams(3, 2, 8, 0), false, 300, DsaBasis.PAIR);
        List<Activity> groups = new ArrayList<>();
        for (int g = 0; g < AnalysisGroups.size(); g++) {
            groups.add(g == 4 || g == 7 ? null : CommonPca.prepare(random(10 + g, 5, 30, 8), 8, true));
        }
        GroupMatrix.Matrices one = GroupMatrix.symmetric(groups, s, 1);
        GroupMatrix.Matrices two = GroupMatrix.symmetric(groups, s, 2);
        assertEquals(28, one.pairs()); // C(8, 2)
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(one.dsa()[i], two.dsa()[i], 0.0);
            assertArrayEquals(one.cka()[i], two.cka()[i], 0.0);
            for (int j = 0; j < 10; j++) {
                boolean absent = groups.get(i) == null || groups.get(j) == null;
                assertEquals(absent, Double.isNaN(one.procrustes()[i][j]));
                if (!absent) {
                    assertEquals(one.dsa()[i][j], one.dsa()[j][i], 0.0);
                }
            }
        }
        assertEquals(0.0, one.dsa()[2][2], 0.0);
        GroupMatrix.Matrices full = GroupMatrix.full(groups, groups, s, 2);
        assertEquals(64, full.pairs());
        assertEquals(one.cka()[1][3], full.cka()[1][3], 0.0);
        assertTrue(full.dsa()[2][2] < 1e-6);
    }
}
