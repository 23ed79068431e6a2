package org.repal.core.metric;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dgeev;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

import java.util.Arrays;

/**
 * The eigenvalue-Wasserstein score of the DSA package ({@code score_method='wasserstein'}, spec §4.5): the
 * eigenvalues λ_i of A and μ_j of B (real non-symmetric matrices, raw — <em>not</em> normalised) as points
 * (Re, Im) in ℝ², the shorter list padded with (0, 0) to N = max(n_A, n_B) points, cost |λ_i − μ_j|², uniform
 * weights 1/N, and the optimal-transport cost, which for uniform weights and equal counts is
 * min_σ (1/N) Σ_i |λ_i − μ_σ(i)|² — the squared 2-Wasserstein distance, without a square root. The minimum over
 * permutations is found exactly by {@link LinearAssignment}.
 */
public final class EigenWasserstein {

    private EigenWasserstein() {
    }

    /**
     * @param a row-major na×na
     * @param b row-major nb×nb (sizes may differ)
     */
    public static double score(double[] a, int na, double[] b, int nb) {
        return score(eigenvalues(a, na), eigenvalues(b, nb));
    }

    /** The score from two eigenvalue lists, each {@code [k][2]} = (re, im). */
    public static double score(double[][] lambda, double[][] mu) {
        int count = Math.max(lambda.length, mu.length);
        if (count == 0) {
            return 0.0;
        }
        double[][] cost = new double[count][count];
        for (int i = 0; i < count; i++) {
            double lr = i < lambda.length ? lambda[i][0] : 0.0;
            double li = i < lambda.length ? lambda[i][1] : 0.0;
            for (int j = 0; j < count; j++) {
                double mr = j < mu.length ? mu[j][0] : 0.0;
                double mi = j < mu.length ? mu[j][1] : 0.0;
                double dr = lr - mr;
                double di = li - mi;
                cost[i][j] = dr * dr + di * di;
            }
        }
        int[] match = LinearAssignment.solve(cost);
        return LinearAssignment.totalCost(cost, match) / count;
    }

    /**
     * Eigenvalues of a real row-major n×n matrix ({@code LAPACKE_dgeev}, no eigenvectors), as {@code [n][2]} =
     * (re, im) in LAPACK's order (complex conjugate pairs adjacent, positive imaginary part first). The input is
     * not modified.
     *
     * @throws ArithmeticException if the QR algorithm fails to converge
     */
    public static double[][] eigenvalues(double[] a, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative size " + n);
        }
        long nn = (long) n * n;
        if (a.length < nn) {
            throw new IllegalArgumentException("need " + nn + " elements, got " + a.length);
        }
        if (n == 0) {
            return new double[0][2];
        }
        double[] work = Arrays.copyOf(a, (int) nn);
        for (double x : work) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("matrix has a non-finite entry");
            }
        }
        double[] wr = new double[n];
        double[] wi = new double[n];
        // never referenced with jobv = 'N', but LAPACKE's row-major path insists on ldv >= n
        double[] unused = new double[n];
        // Row-major: LAPACKE hands LAPACK the matrix itself (not its transpose), as numpy does.
        int info = LAPACKE_dgeev(LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'N', n, work, n, wr, wi, unused, n, unused,
                n);
        if (info > 0) {
            throw new ArithmeticException("dgeev: QR algorithm failed to converge (info " + info + ")");
        }
        if (info < 0) {
            throw new IllegalArgumentException("dgeev: illegal argument " + (-info));
        }
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            out[i][0] = wr[i];
            out[i][1] = wi[i];
        }
        return out;
    }
}
