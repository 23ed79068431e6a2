package org.repal.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.repal.core.activity.Activity;
import org.repal.core.activity.CommonPca;
import org.repal.core.metric.DmdParams;
import org.repal.core.metric.DsaComparison;
import org.repal.core.metric.FastAligner;
import org.repal.core.metric.HavokDmd;
import org.repal.core.metric.ScoreMethod;

/** The own DSA basis: zeros and invariances, symmetry, thread-count independence, the fit cache and rank lowering. */
class OwnBasisTest {
    private static final ComparisonSettings OWN = PairBasisPinnedTest.settings(DsaBasis.OWN);
    private static final ComparisonSettings PAIR = PairBasisPinnedTest.settings(DsaBasis.PAIR);

    private static Activity prepared(long seed, int units, int active) {
        return CommonPca.prepare(PairBasisPinnedTest.random(seed, 8, 40, units, active), units, true);
    }

    /** A random orthogonal n×n matrix (row-major): Gram–Schmidt on the rows of a Gaussian matrix. */
    private static double[] orthogonal(int n, SplittableRandom random) {
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i * n + j] = random.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < i; k++) {
                    double d = 0;
                    for (int j = 0; j < n; j++) {
                        d += q[i * n + j] * q[k * n + j];
                    }
                    for (int j = 0; j < n; j++) {
                        q[i * n + j] -= d * q[k * n + j];
                    }
                }
            }
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += q[i * n + j] * q[i * n + j];
            }
            for (int j = 0; j < n; j++) {
                q[i * n + j] /= Math.sqrt(norm);
            }
        }
        return q;
    }

    /** The activity with its units mixed by a random orthogonal matrix: x ↦ x·Q. */
    private static Activity rotated(Activity a, long seed) {
        int n = a.units();
        double[] q = orthogonal(n, new SplittableRandom(seed));
        double[] v = new double[a.values().length];
        for (int row = 0; row < a.trials() * a.steps(); row++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += a.values()[row * n + i] * q[i * n + j];
                }
                v[row * n + j] = s;
            }
        }
        return new Activity(a.trials(), a.steps(), n, v);
    }

    @Test
    void identicalActivitiesAreAtZero() {
        Activity a = prepared(3, 10, 10);
        Activity copy = new Activity(a.trials(), a.steps(), a.units(), a.values().clone());
        for (PairMetrics.Result r : List.of(PairMetrics.compare(a, a, OWN), PairMetrics.compare(a, copy, OWN))) {
            assertTrue(r.dsa() < 1e-6, "dsa " + r.dsa());
            assertEquals(0.0, r.procrustes(), 1e-7);
            assertEquals(0.0, r.cka(), 0.0);
            assertEquals(10, r.dsaRank());
        }
        PairMetrics.Result diff = PairMetrics.compare(a, prepared(4, 10, 10), OWN);
        assertTrue(diff.dsa() > 1e-3 && diff.procrustes() > 1e-3 && diff.cka() > 1e-3, diff.toString());
    }

    @Test
    void anOrthogonallyRotatedCopyIsAtZero() {
        // Own PCA of x·Q is Qᵀ times x's (up to signs): the projections, hence the fits, agree up to signs, which the
        // alignment absorbs. The common PCA of (x, x·Q) keeps a subspace of the pair instead: DSA does not vanish.
        for (long seed : new long[] {1, 2, 3}) {
            Activity a = prepared(10 + seed, 10, 10);
            Activity r = rotated(a, seed);
            PairMetrics.Result own = PairMetrics.compare(a, r, OWN);
            assertTrue(own.dsa() < 1e-6, "own dsa " + own.dsa());
            PairMetrics.Result pair = PairMetrics.compare(a, r, PAIR);
            assertTrue(pair.dsa() > 1e-3, "pair dsa " + pair.dsa());
        }
    }

    @Test
    void comparisonsAreSymmetric() {
        Activity a = prepared(3, 10, 10);
        Activity b = prepared(4, 10, 10);
        PairMetrics.Result ab = PairMetrics.compare(a, b, OWN);
        PairMetrics.Result ba = PairMetrics.compare(b, a, OWN);
        assertEquals(ab.dsa(), ba.dsa(), 1e-6);
        assertEquals(ab.procrustes(), ba.procrustes(), 1e-9);
        assertEquals(ab.cka(), ba.cka(), 1e-9);
        GroupMatrix.Matrices full = GroupMatrix.full(List.of(a, b), List.of(a, b), OWN, 2);
        assertEquals(full.dsa()[0][1], full.dsa()[1][0], 1e-6);
        assertTrue(full.dsa()[0][0] < 1e-6 && full.dsa()[1][1] < 1e-6);
    }

    @Test
    void procrustesAndCkaAreThePairBasisOnesUpToRounding() {
        Activity a = prepared(3, 10, 10);
        Activity b = prepared(4, 10, 10);
        PairMetrics.Result own = PairMetrics.compare(a, b, OWN);
        PairMetrics.Result pair = PairMetrics.compare(a, b, PAIR);
        assertEquals(pair.procrustes(), own.procrustes(), 1e-9);
        assertEquals(pair.cka(), own.cka(), 1e-9);
        assertTrue(Math.abs(pair.dsa() - own.dsa()) > 1e-6, "the bases keep different subspaces at k < units");
    }

    private static List<PairMetrics.Side> groups() {
        List<PairMetrics.Side> g = new ArrayList<>();
        for (int i = 0; i < AnalysisGroups.size(); i++) {
            // group 6 has a single varying unit: it falls back to its numerical rank and pulls its partners down
            g.add(i == 4 || i == 7 ? null : PairMetrics.Side.of("g" + i, prepared(20 + i, 10, i == 6 ? 1 : 10)));
        }
        return g;
    }

    private static void sameBytes(GroupMatrix.Matrices x, GroupMatrix.Matrices y) {
        for (int i = 0; i < x.dsa().length; i++) {
            for (int j = 0; j < x.dsa()[i].length; j++) {
                assertEquals(Double.doubleToRawLongBits(x.dsa()[i][j]), Double.doubleToRawLongBits(y.dsa()[i][j]));
                assertEquals(Double.doubleToRawLongBits(x.procrustes()[i][j]),
                        Double.doubleToRawLongBits(y.procrustes()[i][j]));
                assertEquals(Double.doubleToRawLongBits(x.cka()[i][j]), Double.doubleToRawLongBits(y.cka()[i][j]));
            }
            assertArrayEquals(x.dsaRank()[i], y.dsaRank()[i]);
        }
    }

    @Test
    void matricesDoNotDependOnTheThreadCount() {
        List<PairMetrics.Side> g = groups();
        for (ComparisonSettings s : List.of(OWN, PAIR)) {
            GroupMatrix.Matrices one = GroupMatrix.symmetric(g, s, new ActivityFits(s), 1);
            GroupMatrix.Matrices two = GroupMatrix.symmetric(g, s, new ActivityFits(s), 2);
            sameBytes(one, two);
            assertEquals(28, one.pairs());
            sameBytes(GroupMatrix.full(g, g, s, new ActivityFits(s), 1), GroupMatrix.full(g, g, s, new ActivityFits(s), 2));
        }
    }

    @Test
    void theCacheFitsEachActivityOnceAndReturnsTheSameFit() {
        List<PairMetrics.Side> g = groups();
        ActivityFits fits = new ActivityFits(OWN);
        GroupMatrix.Matrices m = GroupMatrix.symmetric(g, OWN, fits, 2);
        // 8 present groups: 8 fits plus the failed first attempt of group 6 (numerical rank 4 < 10)
        assertEquals(1, fits.rankFallbacks());
        assertEquals(9, fits.fitsComputed());
        assertEquals(8, fits.size());
        assertEquals(8, fits.momentsComputed());
        // the 7 partners of group 6 each refitted once at rank 4
        assertEquals(7, fits.lowerRankFits());
        ActivityFits.OwnFit f = fits.fit(g.get(0));
        assertSame(f, fits.fit(g.get(0)));
        assertSame(f.fit().fit(), fits.atRank(f, f.rank()));
        HavokDmd.Fit low = fits.atRank(f, 4);
        assertSame(low, fits.atRank(f, 4));
        assertNotSame(low, fits.atRank(f, 3));
        // a second matrix and the RNN-vs-Mamba shape reuse everything
        GroupMatrix.Matrices again = GroupMatrix.symmetric(g, OWN, fits, 1);
        GroupMatrix.full(g, g, OWN, fits, 2);
        sameBytes(m, again);
        assertEquals(9, fits.fitsComputed());
        assertEquals(8, fits.momentsComputed());
        assertEquals(8, fits.lowerRankFits());
        assertTrue(fits.bytes() > 0 && fits.bytes() < 8 * 1024 * 1024, "bytes " + fits.bytes());
        // ranks: 4 in group 6's row and column, 10 elsewhere
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                if (i != j && g.get(i) != null && g.get(j) != null) {
                    assertEquals(i == 6 || j == 6 ? 4 : 10, m.dsaRank()[i][j], i + "," + j);
                }
            }
        }
        fits.clear();
        assertEquals(0, fits.size());
    }

    @Test
    void theFullWidthHalfIsReadOncePerActivityAndOnlyForItsFit() {
        AtomicInteger full = new AtomicInteger();
        AtomicInteger half = new AtomicInteger();
        Activity a = prepared(3, 10, 10);
        Activity b = prepared(4, 10, 10);
        List<PairMetrics.Side> sides = new ArrayList<>();
        for (Activity x : List.of(a, b)) {
            sides.add(new PairMetrics.Side(sides.isEmpty() ? "a" : "b", () -> {
                half.incrementAndGet();
                return x;
            }, () -> {
                full.incrementAndGet();
                return x;
            }));
        }
        ActivityFits fits = new ActivityFits(OWN);
        GroupMatrix.symmetric(sides, OWN, fits, 2);
        GroupMatrix.symmetric(sides, OWN, fits, 2);
        assertEquals(2, full.get());
        assertEquals(4, half.get()); // 2 per pair
        ActivityFits other = new ActivityFits(new ComparisonSettings(OWN.pca(), OWN.dmd(), false, 499, DsaBasis.OWN));
        assertThrows(IllegalArgumentException.class, () -> PairMetrics.compare(sides.get(0), sides.get(1), OWN, other));
    }

    @Test
    void aLowerRankRefitIsTheFitAtThatRank() {
        Activity b = prepared(4, 10, 10);
        ActivityFits fits = new ActivityFits(OWN);
        ActivityFits.OwnFit f = fits.fit(PairMetrics.Side.of("b", b));
        HavokDmd.Fit cut = fits.atRank(f, 4);
        HavokDmd.Fit direct = new ActivityFits(new ComparisonSettings(OWN.pca(),
                new DmdParams(4, 2, 4, 0), false, 500, DsaBasis.OWN))
                .fit(PairMetrics.Side.of("b", b)).fit().fit();
        assertEquals(4, cut.rank());
        assertArrayEquals(direct.singularValues(), cut.singularValues(), 1e-9);
        // the same operator up to the singular vectors' signs (A ↦ D·A·D), so entry-wise magnitudes agree
        for (int i = 0; i < 16; i++) {
            assertEquals(Math.abs(direct.a()[i]), Math.abs(cut.a()[i]), 1e-8);
        }
        assertTrue(DsaComparison.compare(cut, direct, new FastAligner(), ScoreMethod.ANGULAR).score() < 1e-6);
    }
}
