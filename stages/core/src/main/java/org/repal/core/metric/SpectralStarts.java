package org.repal.core.metric;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.openblas.global.openblas;
import org.repal.core.linalg.SmallMatrices;

/**
 * Starting points for the orthogonal alignment built from eigenbases. If A = Q·B·Qᵀ exactly, every
 * symmetric companion built from A — the symmetric part (A+Aᵀ)/2, A·Aᵀ, Aᵀ·A — transforms the same way, so its eigenvectors satisfy U_A = Q·U_B·D for a sign pattern D; C = U_A·D·U_Bᵀ then recovers
 * the conjugation. D is chosen by {@link SignAlignment} on the operators expressed in the two bases. On
 * data that is not exactly equivalent these starts land in good basins far from the identity.
 */
final class SpectralStarts {

    /**
     * How many companions to use, in the order of {@link #companion}. Measured on rank-50 RNN operators, the
     * symmetric part alone found the better basin; M·Mᵀ and Mᵀ·M added cost without changing the optimum.
     */
    private static final int KINDS = 1;

    private SpectralStarts() {
    }

    static List<double[]> of(double[] a, double[] b, int n) {
        List<double[]> starts = new ArrayList<>();
        for (int kind = 0; kind < KINDS; kind++) {
            double[] ua = eigenvectors(companion(a, n, kind), n);
            double[] ub = eigenvectors(companion(b, n, kind), n);
            if (ua == null || ub == null) {
                continue;
            }
            double[] at = inBasis(a, ua, n);
            double[] bt = inBasis(b, ub, n);
            double[] signs = SignAlignment.bestSigns(at, bt, n);
            double[] uaD = ua.clone();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    uaD[i * n + j] *= signs[j];
                }
            }
            double[] c = new double[n * n];
            SmallMatrices.gemm(false, true, 1.0, uaD, ub, 0.0, c, n);
            starts.add(c);
        }
        return starts;
    }

    /** 0: (M+Mᵀ)/2, 1: M·Mᵀ, 2: Mᵀ·M. */
    private static double[] companion(double[] m, int n, int kind) {
        double[] out = new double[n * n];
        switch (kind) {
            case 0 -> {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        out[i * n + j] = 0.5 * (m[i * n + j] + m[j * n + i]);
                    }
                }
            }
            case 1 -> SmallMatrices.gemm(false, true, 1.0, m, m, 0.0, out, n);
            default -> SmallMatrices.gemm(true, false, 1.0, m, m, 0.0, out, n);
        }
        return out;
    }

    /** Eigenvectors (columns, ascending eigenvalues) of a symmetric matrix, or null if LAPACK fails. */
    private static double[] eigenvectors(double[] sym, int n) {
        double[] w = new double[n];
        int info = openblas.LAPACKE_dsyev(openblas.LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'U', n, sym, n, w);
        return info == 0 ? sym : null;
    }

    /** Uᵀ·M·U. */
    private static double[] inBasis(double[] m, double[] u, int n) {
        double[] mu = new double[n * n];
        double[] out = new double[n * n];
        SmallMatrices.gemm(false, false, 1.0, m, u, 0.0, mu, n);
        SmallMatrices.gemm(true, false, 1.0, u, mu, 0.0, out, n);
        return out;
    }
}
