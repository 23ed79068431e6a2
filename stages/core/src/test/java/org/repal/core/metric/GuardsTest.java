package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Degenerate input gets a clear error, never NaN. */
class GuardsTest {

    private static Samples of(double[] d, int rows, int cols) {
        return new Samples(d, rows, cols);
    }

    @Test
    void constantDataIsRejectedByCkaAndProcrustes() {
        Samples constant = of(new double[] {1, 2, 1, 2, 1, 2, 1, 2, 1, 2}, 5, 2);
        Samples varied = of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 5, 2);
        IllegalArgumentException cka = assertThrows(IllegalArgumentException.class, () -> Cka.compare(constant, varied));
        assertTrue(cka.getMessage().contains("zero variance"), cka.getMessage());
        IllegalArgumentException pro = assertThrows(IllegalArgumentException.class,
                () -> Procrustes.compare(varied, constant));
        assertTrue(pro.getMessage().contains("zero variance"), pro.getMessage());
    }

    @Test
    void tooFewSamplesAreRejected() {
        Samples three = of(new double[] {0, 1, 3, 2, 5, 4}, 3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cka.compare(three, three));
        assertTrue(e.getMessage().contains("at least 4 samples"), e.getMessage());
        Samples one = of(new double[] {1, 2}, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> Procrustes.compare(one, one));
    }

    @Test
    void mismatchedSampleCountsAreRejected() {
        Samples a = of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 5, 2);
        Samples b = of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, 2);
        assertThrows(IllegalArgumentException.class, () -> Cka.compare(a, b));
        assertThrows(IllegalArgumentException.class, () -> Procrustes.compare(a, b));
    }

    @Test
    void nonFiniteDataAndShortSeriesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Trajectories(new double[] {0, Double.NaN}, 1, 2, 1));
        Trajectories x = new Trajectories(new double[] {0, 1, 2, 3, 4}, 1, 5, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HavokDmd.validate(x, new DmdParams(5, 1, 0, 0)));
        assertTrue(e.getMessage().contains("needs >= 2"), e.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> HavokDmd.validate(x, new DmdParams(2, 1, 3, 0)));
        assertTrue(rank.getMessage().contains("larger than available"), rank.getMessage());
    }

    @Test
    void differentRanksNeedWasserstein() {
        Trajectories x = InvarianceTestData.rnn(4);
        Trajectories y = InvarianceTestData.rnn(5);
        HavokDmd.Fit fx = HavokDmd.fit(x, new DmdParams(3, 1, 4, 0));
        HavokDmd.Fit fy = HavokDmd.fit(y, new DmdParams(3, 1, 5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> DsaComparison.compare(fx, fy, new FastAligner(), ScoreMethod.ANGULAR));
        double w = DsaComparison.compare(fx, fy, new FastAligner(), ScoreMethod.WASSERSTEIN).score();
        assertTrue(Double.isFinite(w) && w >= 0, "wasserstein " + w);
    }

    /** Small seeded activity. */
    static final class InvarianceTestData {
        static Trajectories rnn(long seed) {
            return org.repal.core.attractor.RandomRnn.simulate(3, 40, 6, 1.2, 0.05, seed);
        }
    }
}
