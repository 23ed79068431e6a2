package org.repal.core.linalg;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;

/**
 * The r largest eigenpairs of a symmetric positive semi-definite matrix held off-heap (row-major, full).
 *
 * <p>Small matrices go straight to LAPACK's MRRR solver. Large ones (a Gram matrix of a delay embedding is
 * thousands wide while only tens of eigenvectors are needed) use a block Krylov (block Lanczos with full
 * re-orthogonalisation) subspace and Rayleigh–Ritz: a few GEMMs instead of an O(n³) tridiagonal reduction.
 * The Krylov answer is accepted only when every wanted Ritz pair has a residual ‖G·u − θ·u‖ below
 * {@code tolerance·θ₁}; otherwise the dense solver is used, so accuracy never depends on the spectral gap.
 */
public final class TopEigen {

    /** Below this size the dense solver is as fast as Krylov. */
    static final int DENSE_LIMIT = 640;
    /** Relative residual accepted for Ritz pairs. */
    static final double TOLERANCE = 1e-10;
    /** Krylov sizes (in blocks) at which Rayleigh–Ritz is tried. */
    private static final int[] CHECKPOINTS = {7, 10, 13, 16, 20};

    /** Eigenvalues (descending, length r) and eigenvectors (row-major n×r, column i for value i). */
    public record Result(double[] values, double[] vectors, int n, int r, String method) {
    }

    private TopEigen() {
    }

    /** Computes the top r eigenpairs; {@code g} is left unchanged. */
    public static Result compute(DoublePointer g, int n, int r) {
        if (r < 1 || r > n) {
            throw new IllegalArgumentException("requested " + r + " eigenpairs of a " + n + "x" + n + " matrix");
        }
        if (n > DENSE_LIMIT && r * 4 < n) {
            Result krylov = blockKrylov(g, n, r);
            if (krylov != null) {
                return krylov;
            }
        }
        return dense(g, n, r);
    }

    /** LAPACK dsyevr on a copy of the matrix. */
    public static Result dense(DoublePointer g, int n, int r) {
        try (DoublePointer a = NativeBlas.alloc((long) n * n);
             DoublePointer w = NativeBlas.alloc(n);
             DoublePointer z = NativeBlas.alloc((long) n * r)) {
            NativeBlas.copy(g, 0, a, 0, (long) n * n);
            NativeBlas.symmetricEigenRange(a, n, n - r + 1, n, w, z);
            double[] wa = new double[r];
            double[] za = new double[n * r];
            w.get(wa);
            z.get(za);
            return descending(wa, za, n, r, "dense");
        }
    }

    /** Reverses LAPACK's ascending order so that index 0 is the largest eigenvalue. */
    private static Result descending(double[] ascValues, double[] ascVectors, int n, int r, String method) {
        double[] values = new double[r];
        double[] vectors = new double[n * r];
        for (int i = 0; i < r; i++) {
            values[i] = ascValues[r - 1 - i];
            for (int row = 0; row < n; row++) {
                vectors[row * r + i] = ascVectors[row * r + (r - 1 - i)];
            }
        }
        return new Result(values, vectors, n, r, method);
    }

    /**
     * Block Lanczos: Q₀ random, Q_{i+1} = orth(G·Q_i − projections on all earlier blocks). The projected
     * matrix T = QᵀGQ grows one block column at a time; Rayleigh–Ritz runs only at a few checkpoints because
     * each costs a dense eigensolve of T. Returns null if it does not converge within its size budget.
     */
    static Result blockKrylov(DoublePointer g, int n, int r) {
        int block = Math.min(n, r + Math.max(8, r / 4));
        int maxBlocks = Math.max(3, Math.min(CHECKPOINTS[CHECKPOINTS.length - 1], (n / 2) / block));
        long nl = n;
        long slab = nl * block;
        int mMax = block * maxBlocks;
        try (DoublePointer q = NativeBlas.alloc(slab * (maxBlocks + 1));
             DoublePointer gq = NativeBlas.alloc(slab * maxBlocks);
             DoublePointer t = NativeBlas.alloc((long) mMax * mMax);
             DoublePointer proj = NativeBlas.alloc((long) block * block)) {
            // Block i of Q (and of GQ) is an n×block row-major slab starting at i·n·block.
            fillRandom(q, slab, 0x5EED_0F_D5AL);
            if (!NativeBlas.orthonormalizeColumns(q, n, block)) {
                return null;
            }
            int nextCheckpoint = 0;
            for (int i = 0; i < maxBlocks; i++) {
                NativeBlas.gemm(false, false, n, block, n, 1.0, g, 0, n, q, i * slab, block, 0.0, gq, i * slab, block);
                for (int a = 0; a <= i; a++) { // new block column of T (upper part): Q_aᵀ·G·Q_i
                    NativeBlas.gemm(true, false, block, block, n, 1.0, q, a * slab, block, gq, i * slab, block, 0.0,
                            t, (long) a * block * mMax + (long) i * block, mMax);
                }
                boolean last = i == maxBlocks - 1;
                while (nextCheckpoint < CHECKPOINTS.length && CHECKPOINTS[nextCheckpoint] < i + 1) {
                    nextCheckpoint++;
                }
                if (last || (nextCheckpoint < CHECKPOINTS.length && CHECKPOINTS[nextCheckpoint] == i + 1)) {
                    Result ritz = rayleighRitz(q, gq, t, mMax, n, block, i + 1, r);
                    if (ritz != null || last) {
                        return ritz;
                    }
                }
                long next = (i + 1) * slab;
                NativeBlas.copy(gq, i * slab, q, next, slab);
                // Two passes of block classical Gram–Schmidt against all earlier blocks keep Q orthonormal.
                for (int pass = 0; pass < 2; pass++) {
                    for (int j = 0; j <= i; j++) {
                        NativeBlas.gemm(true, false, block, block, n, 1.0, q, j * slab, block, q, next, block, 0.0,
                                proj, 0, block);
                        NativeBlas.gemm(false, false, n, block, block, -1.0, q, j * slab, block, proj, 0, block, 1.0,
                                q, next, block);
                    }
                }
                if (!NativeBlas.orthonormalizeColumns(NativeBlas.at(q, next), n, block)) {
                    return null;
                }
            }
            return null;
        }
    }

    /** Ritz pairs from the first {@code blocks} blocks, or null if a wanted residual is too large. */
    private static Result rayleighRitz(DoublePointer q, DoublePointer gq, DoublePointer tFull, int mMax, int n,
                                       int block, int blocks, int r) {
        int m = block * blocks;
        long nl = n;
        try (DoublePointer t = NativeBlas.alloc((long) m * m);
             DoublePointer w = NativeBlas.alloc(m);
             DoublePointer y = NativeBlas.alloc((long) m * r);
             DoublePointer u = NativeBlas.alloc(nl * r);
             DoublePointer gu = NativeBlas.alloc(nl * r)) {
            for (int row = 0; row < m; row++) { // the leading m×m part of T; dsyevr reads its upper triangle
                NativeBlas.copy(tFull, (long) row * mMax, t, (long) row * m, m);
            }
            NativeBlas.symmetricEigenRange(t, m, m - r + 1, m, w, y);
            // U = Q·Y and G·U = (GQ)·Y, slab by slab.
            for (int a = 0; a < blocks; a++) {
                double beta = a == 0 ? 0.0 : 1.0;
                NativeBlas.gemm(false, false, n, r, block, 1.0, q, a * nl * block, block,
                        y, (long) a * block * r, r, beta, u, 0, r);
                NativeBlas.gemm(false, false, n, r, block, 1.0, gq, a * nl * block, block,
                        y, (long) a * block * r, r, beta, gu, 0, r);
            }
            double[] theta = new double[r];
            w.get(theta);
            double[] ua = new double[n * r];
            double[] gua = new double[n * r];
            u.get(ua);
            gu.get(gua);
            double largest = Math.abs(theta[r - 1]);
            double[] residual = new double[r];
            for (int row = 0; row < n; row++) {
                for (int c = 0; c < r; c++) {
                    double d = gua[row * r + c] - theta[c] * ua[row * r + c];
                    residual[c] += d * d;
                }
            }
            for (int c = 0; c < r; c++) {
                if (Math.sqrt(residual[c]) > TOLERANCE * largest) {
                    return null;
                }
            }
            return descending(theta, ua, n, r, "krylov(" + m + ")");
        }
    }

    private static void fillRandom(DoublePointer p, long count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] chunk = new double[(int) Math.min(count, 1 << 16)];
        for (long done = 0; done < count; done += chunk.length) {
            int len = (int) Math.min(chunk.length, count - done);
            for (int i = 0; i < len; i++) {
                chunk[i] = random.nextDouble() - 0.5;
            }
            NativeBlas.at(p, done).put(chunk, 0, len);
        }
    }

}
