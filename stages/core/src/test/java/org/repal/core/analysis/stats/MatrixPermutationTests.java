package org.repal.core.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link MatrixPermutationTest}: clear structure is found, none is not, the seed fixes the result. */
class MatrixPermutationTests {

    /** Mean of across-label pairs minus mean of same-label pairs. */
    private static final MatrixPermutationTest.Statistic SEPARATION = (d, labels) -> {
        double w = 0;
        double a = 0;
        int nw = 0;
        int na = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = i + 1; j < d.length; j++) {
                if (labels[i] == labels[j]) {
                    w += d[i][j];
                    nw++;
                } else {
                    a += d[i][j];
                    na++;
                }
            }
        }
        return a / na - w / nw;
    };

    private static double[][] blocks(double within, double across) {
        double[][] d = new double[9][9];
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 9; j++) {
                d[i][j] = i == j ? 0 : i / 3 == j / 3 ? within + 0.001 * (i + j) : across + 0.001 * (i * j % 5);
            }
        }
        return d;
    }

    @Test
    void separatedBlocksGiveTheSmallestPossibleP() {
        int[] labels = {0, 0, 0, 1, 1, 1, 2, 2, 2};
        MatrixPermutationTest.Result r = MatrixPermutationTest.greater(blocks(0.2, 0.6), labels, SEPARATION, 999, 7);
        assertEquals(9, r.units());
        // 280 partitions of 9 systems into 3 unlabelled triples: only the true one (and its relabellings) reaches it.
        assertTrue(r.p() < 0.02, "p = " + r.p());
        assertTrue(r.observed() > 0.35);
    }

    @Test
    void noStructureGivesLargeP() {
        int[] labels = {0, 0, 0, 1, 1, 1, 2, 2, 2};
        double[][] flat = new double[9][9];
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 9; j++) {
                flat[i][j] = i == j ? 0 : 0.5;
            }
        }
        MatrixPermutationTest.Result r = MatrixPermutationTest.greater(flat, labels, SEPARATION, 500, 1);
        assertEquals(1.0, r.p(), "every shuffle ties a constant matrix");
        assertEquals(500, r.atLeastAsLarge());
    }

    @Test
    void sameSeedSameResult() {
        int[] labels = {0, 1, 0, 1, 2, 2, 0, 1, 2};
        double[][] d = blocks(0.4, 0.45);
        assertEquals(MatrixPermutationTest.greater(d, labels, SEPARATION, 300, 5),
                MatrixPermutationTest.greater(d, labels, SEPARATION, 300, 5));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> MatrixPermutationTest.greater(new double[2][2],
                new int[] {0, 1}, SEPARATION, 10, 1));
        double[][] d = blocks(0.2, 0.6);
        d[1][2] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> MatrixPermutationTest.greater(d,
                new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2}, SEPARATION, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> MatrixPermutationTest.greater(blocks(0.2, 0.6),
                new int[] {0, 1}, SEPARATION, 10, 1));
    }
}
