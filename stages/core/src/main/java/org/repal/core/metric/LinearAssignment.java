package org.repal.core.metric;

import java.util.Arrays;

/**
 * Minimum-cost perfect matching on a square cost matrix (the linear assignment problem), O(n³).
 *
 * <p>Shortest-augmenting-path form of the Hungarian method (Kuhn–Munkres with Jonker–Volgenant style dual
 * potentials): rows are inserted one at a time; for each, a Dijkstra-like search over columns with reduced costs
 * c(i, j) − u(i) − v(j) ≥ 0 finds the cheapest augmenting path, the potentials are shifted by the distances found,
 * and the matching is flipped along the path. Every cost may be negative; ties are fine.
 */
public final class LinearAssignment {

    private LinearAssignment() {
    }

    /**
     * @param cost square matrix, {@code cost[i][j]} the cost of giving column j to row i; all entries finite
     * @return {@code col} with {@code col[i]} the column assigned to row i, a permutation minimising
     *         Σ_i cost[i][col[i]]
     */
    public static int[] solve(double[][] cost) {
        final int n = cost.length;
        for (int i = 0; i < n; i++) {
            if (cost[i].length != n) {
                throw new IllegalArgumentException("cost matrix is not square: row " + i + " has "
                        + cost[i].length + " entries, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(cost[i][j])) {
                    throw new IllegalArgumentException("non-finite cost at (" + i + "," + j + ")");
                }
            }
        }
        // 1-based internally; column 0 is a virtual column holding the row being inserted.
        double[] rowPot = new double[n + 1];
        double[] colPot = new double[n + 1];
        int[] rowOfCol = new int[n + 1]; // 0 = free
        int[] prevCol = new int[n + 1];
        double[] dist = new double[n + 1];
        boolean[] done = new boolean[n + 1];

        for (int row = 1; row <= n; row++) {
            rowOfCol[0] = row;
            int col0 = 0;
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            Arrays.fill(done, false);
            do {
                done[col0] = true;
                int r = rowOfCol[col0];
                double[] costRow = cost[r - 1];
                double delta = Double.POSITIVE_INFINITY;
                int next = -1;
                for (int j = 1; j <= n; j++) {
                    if (done[j]) {
                        continue;
                    }
                    double reduced = costRow[j - 1] - rowPot[r] - colPot[j];
                    if (reduced < dist[j]) {
                        dist[j] = reduced;
                        prevCol[j] = col0;
                    }
                    if (dist[j] < delta) {
                        delta = dist[j];
                        next = j;
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (done[j]) {
                        rowPot[rowOfCol[j]] += delta;
                        colPot[j] -= delta;
                    } else {
                        dist[j] -= delta;
                    }
                }
                col0 = next;
            } while (rowOfCol[col0] != 0);
            // flip the matching along the path back to the virtual column
            while (col0 != 0) {
                int prev = prevCol[col0];
                rowOfCol[col0] = rowOfCol[prev];
                col0 = prev;
            }
        }
        int[] colOfRow = new int[n];
        for (int j = 1; j <= n; j++) {
            colOfRow[rowOfCol[j] - 1] = j - 1;
        }
        return colOfRow;
    }

    /** Σ_i cost[i][assignment[i]]. */
    public static double totalCost(double[][] cost, int[] assignment) {
        double s = 0.0;
        for (int i = 0; i < assignment.length; i++) {
            s += cost[i][assignment[i]];
        }
        return s;
    }
}
