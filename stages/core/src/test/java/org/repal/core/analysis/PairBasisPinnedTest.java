package org.repal.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repal.core.activity.Activity;
import org.repal.core.activity.CommonPca;
import org.repal.core.metric.DmdParams;

/**
 * The pair basis is the comparison as it was before the own basis existed: values computed with the code of
 * commit a7460aa (before {@link DsaBasis}), pinned to 1e-9.
 */
class PairBasisPinnedTest {
    private static final double TOL = 1e-9;

    /** Coupled tanh units; units from {@code active} on are constant 0.25 (z-scored to exactly 0). */
    static Activity random(long seed, int trials, int steps, int units, int active) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[trials * steps * units];
        double[] z = new double[units];
        for (int tr = 0; tr < trials; tr++) {
            Arrays.fill(z, 0);
            for (int t = 0; t < steps; t++) {
                for (int u = 0; u < units; u++) {
                    z[u] = 0.9 * z[(u + 1) % units] + r.nextGaussian();
                    v[(tr * steps + t) * units + u] = u < active ? Math.tanh(z[u]) : 0.25;
                }
            }
        }
        return new Activity(trials, steps, units, v);
    }

    static ComparisonSettings settings(DsaBasis basis) {
        return new ComparisonSettings(CommonPca.Options.defaults().withComponents(6), new DmdParams(4, 2, 10, 0), false,
                500, basis);
    }

    private static void pinned(PairMetrics.Result r, double dsa, double procrustes, double cka, int rank) {
        assertEquals(dsa, r.dsa(), TOL, "dsa");
        assertEquals(procrustes, r.procrustes(), TOL, "procrustes");
        assertEquals(cka, r.cka(), TOL, "cka");
        assertEquals(rank, r.dsaRank(), "rank");
    }

    @Test
    void pairBasisGivesTheValuesItGaveBefore() {
        ComparisonSettings s = settings(DsaBasis.PAIR);
        Activity a = random(3, 8, 40, 10, 10);
        Activity b = random(4, 8, 40, 10, 10);
        Activity c = random(5, 8, 40, 7, 7);
        Activity d = random(6, 8, 40, 10, 1);
        pinned(PairMetrics.compare(CommonPca.prepare(a, 10, true), CommonPca.prepare(b, 10, true), s),
                0.20688809439876754, 0.88963133939754970, 0.97402105329339420, 10);
        ComparisonSettings raw = new ComparisonSettings(s.pca().withoutZscore(), s.dmd(), false, 500, DsaBasis.PAIR);
        pinned(PairMetrics.compare(CommonPca.prepare(a, 10, false), CommonPca.prepare(b, 10, false), raw),
                0.14322265564685183, 0.89714618199938640, 0.97859471418273040, 10);
        ComparisonSettings ref = new ComparisonSettings(s.pca(), s.dmd(), true, 500, DsaBasis.PAIR);
        pinned(PairMetrics.compare(CommonPca.prepare(a, 10, true), CommonPca.prepare(b, 10, true), ref),
                0.44230546730993564, 0.88963133939754970, 0.97402105329339420, 10);
        pinned(PairMetrics.compare(CommonPca.prepare(a, 7, true), CommonPca.prepare(c, 7, true), s),
                0.30266107525332153, 0.91789301354865830, 0.98768626759402220, 10);
        // d has one varying unit: its embedding's numerical rank is 4, so both sides come down to 4
        pinned(PairMetrics.compare(CommonPca.prepare(d, 10, true), CommonPca.prepare(b, 10, true), s),
                0.66534135206494670, 0.95153470871824330, 0.99121430608625560, 4);
        GroupMatrix.Matrices m = GroupMatrix.symmetric(List.of(CommonPca.prepare(a, 10, true),
                CommonPca.prepare(b, 10, true), CommonPca.prepare(d, 10, true)), s, 2);
        assertArrayEquals(new double[] {0.0, 0.20688809439876754, 0.6477961029867383}, m.dsa()[0], TOL);
        assertArrayEquals(new double[] {0.20688809439876754, 0.0, 0.6653413520649462}, m.dsa()[1], TOL);
        assertArrayEquals(new double[] {0.9946436044026037, 0.9912143060862556, 0.0}, m.cka()[2], TOL);
    }
}
