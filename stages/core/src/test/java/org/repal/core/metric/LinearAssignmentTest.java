package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LinearAssignmentTest {

    /** Minimum total cost over all permutations (n ≤ 8). */
    static double bruteForce(double[][] cost) {
        int n = cost.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double[] best = {Double.POSITIVE_INFINITY};
        permute(cost, perm, 0, best);
        return n == 0 ? 0.0 : best[0];
    }

    private static void permute(double[][] cost, int[] perm, int k, double[] best) {
        int n = perm.length;
        if (k == n) {
            best[0] = Math.min(best[0], LinearAssignment.totalCost(cost, perm));
            return;
        }
        for (int i = k; i < n; i++) {
            swap(perm, k, i);
            permute(cost, perm, k + 1, best);
            swap(perm, k, i);
        }
    }

    private static void swap(int[] p, int i, int j) {
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
    }

    static void assertPermutation(int[] p, int n) {
        assertEquals(n, p.length);
        boolean[] seen = new boolean[n];
        for (int j : p) {
            assertTrue(j >= 0 && j < n, "column out of range: " + j);
            assertTrue(!seen[j], "column used twice: " + j);
            seen[j] = true;
        }
    }

    @Test
    void matchesBruteForceOnRandomMatrices() {
        SplittableRandom rng = new SplittableRandom(20261128L);
        int tieCases = 0;
        for (int c = 0; c < 200; c++) {
            int n = 1 + c % 7;
            double[][] cost = new double[n][n];
            int kind = c % 4;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    cost[i][j] = switch (kind) {
                        case 0 -> rng.nextDouble(-5, 5); // negative and positive
                        case 1 -> rng.nextInt(-2, 3); // many ties
                        case 2 -> 1.0; // all equal
                        default -> rng.nextDouble() * 1e3 * (rng.nextBoolean() ? 1 : -1) * rng.nextDouble(); // wide
                    };
                }
            }
            if (kind == 1 || kind == 2) {
                tieCases++;
            }
            int[] p = LinearAssignment.solve(cost);
            assertPermutation(p, n);
            double expected = bruteForce(cost);
            double got = LinearAssignment.totalCost(cost, p);
            assertEquals(expected, got, 1e-9 * Math.max(1.0, Math.abs(expected)), "case " + c + " n=" + n);
        }
        assertTrue(tieCases >= 100);
    }

    @Test
    void findsTheObviousOptimum() {
        double[][] cost = {
                {9, 1, 9},
                {9, 9, 1},
                {1, 9, 9}};
        assertArrayEquals(new int[] {1, 2, 0}, LinearAssignment.solve(cost));
        // the greedy choice (row 0 takes its minimum) is wrong here
        double[][] trap = {
                {0, 1},
                {0, 100}};
        assertArrayEquals(new int[] {1, 0}, LinearAssignment.solve(trap));
    }

    @Test
    void largerMatrixIsAPermutationAndBeatsRandomPermutations() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 60;
        double[][] cost = new double[n][n];
        for (double[] row : cost) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextDouble(-1, 1);
            }
        }
        int[] p = LinearAssignment.solve(cost);
        assertPermutation(p, n);
        double best = LinearAssignment.totalCost(cost, p);
        // no single swap of two rows' columns improves an optimal assignment
        for (int i = 0; i < n; i++) {
            for (int k = i + 1; k < n; k++) {
                double delta = cost[i][p[k]] + cost[k][p[i]] - cost[i][p[i]] - cost[k][p[k]];
                assertTrue(delta >= -1e-12, "2-swap improves by " + delta);
            }
        }
        assertTrue(Double.isFinite(best));
    }

    @Test
    void edgeCases() {
        assertEquals(0, LinearAssignment.solve(new double[0][0]).length);
        assertArrayEquals(new int[] {0}, LinearAssignment.solve(new double[][] {{-3.5}}));
        assertThrows(IllegalArgumentException.class, () -> LinearAssignment.solve(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> LinearAssignment.solve(new double[][] {{1, Double.NaN}, {0, 0}}));
    }
}
