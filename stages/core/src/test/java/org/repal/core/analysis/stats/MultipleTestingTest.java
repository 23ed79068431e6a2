package org.repal.core.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Benjamini–Hochberg against hand-computed values and its structural properties. */
class MultipleTestingTest {

    @Test
    void knownVector() {
        // p = [0.01, 0.04, 0.03, 0.005, 0.5], m = 5. Sorted with ranks:
        //   0.005 (i=3) rank 1 → 0.005·5/1 = 0.025
        //   0.01  (i=0) rank 2 → 0.01·5/2  = 0.025
        //   0.03  (i=2) rank 3 → 0.03·5/3  = 0.05
        //   0.04  (i=1) rank 4 → 0.04·5/4  = 0.05
        //   0.5   (i=4) rank 5 → 0.5·5/5   = 0.5
        // running minimum from rank 5 down: 0.5, 0.05, 0.05, 0.025, 0.025; back in input order:
        double[] adjusted = MultipleTesting.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005, 0.5});
        assertArrayEquals(new double[] {0.025, 0.05, 0.05, 0.025, 0.5}, adjusted, 1e-12);
    }

    @Test
    void stepUpTakesTheMinimumFromHigherRanks() {
        // p = [0.02, 0.03, 0.035], m = 3: raw 0.06, 0.045, 0.035 → running minimum from the top: all 0.035
        assertArrayEquals(new double[] {0.035, 0.035, 0.035},
                MultipleTesting.benjaminiHochberg(new double[] {0.02, 0.03, 0.035}), 1e-12);
        // a single p is unchanged
        assertArrayEquals(new double[] {0.3}, MultipleTesting.benjaminiHochberg(new double[] {0.3}), 0);
        assertEquals(0, MultipleTesting.benjaminiHochberg(new double[0]).length);
    }

    @Test
    void cappedAtOne() {
        // p = [0.9, 1.0, 0.95, 0.8]: raw 0.8·4/1 = 3.2, 0.9·4/2 = 1.8, 0.95·4/3 ≈ 1.27, 1.0·4/4 = 1 → all 1
        // after the minimum with the cap; nothing exceeds 1
        double[] adjusted = MultipleTesting.benjaminiHochberg(new double[] {0.9, 1.0, 0.95, 0.8});
        assertArrayEquals(new double[] {1, 1, 1, 1}, adjusted, 0);
        // ties: [0.5, 0.5] → raw 1.0 and 0.5 → both 0.5
        assertArrayEquals(new double[] {0.5, 0.5}, MultipleTesting.benjaminiHochberg(new double[] {0.5, 0.5}), 0);
    }

    @Test
    void monotoneNotBelowRawAndOrderPreserved() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            int m = 1 + rng.nextInt(30);
            double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                p[i] = Math.pow(rng.nextDouble(), 3); // many small p
            }
            double[] adj = MultipleTesting.benjaminiHochberg(p);
            for (int i = 0; i < m; i++) {
                assertTrue(adj[i] >= p[i] && adj[i] <= 1);
                for (int j = 0; j < m; j++) {
                    if (p[i] <= p[j]) {
                        assertTrue(adj[i] <= adj[j], "monotone");
                    }
                }
            }
            // reversing the input reverses the output: adjusted values follow their p, not their position
            double[] rev = new double[m];
            for (int i = 0; i < m; i++) {
                rev[i] = p[m - 1 - i];
            }
            double[] adjRev = MultipleTesting.benjaminiHochberg(rev);
            for (int i = 0; i < m; i++) {
                assertEquals(adj[m - 1 - i], adjRev[i], 0);
            }
        }
    }

    @Test
    void rejectsNaNAndOutOfRange() {
        assertThrows(IllegalArgumentException.class,
                () -> MultipleTesting.benjaminiHochberg(new double[] {0.1, Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> MultipleTesting.benjaminiHochberg(new double[] {0.1, 1.2}));
        assertThrows(IllegalArgumentException.class,
                () -> MultipleTesting.benjaminiHochberg(new double[] {-0.1}));
    }

    @Test
    void doesNotModifyTheInput() {
        double[] p = {0.04, 0.01};
        MultipleTesting.benjaminiHochberg(p);
        assertArrayEquals(new double[] {0.04, 0.01}, p, 0);
    }
}
