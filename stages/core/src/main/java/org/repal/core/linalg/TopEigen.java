package org.repal.core.linalg;

import java.nio.DoubleBuffer;
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
    /** Largest accepted deviation of the Ritz vectors from orthonormality. */
    static final double ORTHONORMALITY_TOLERANCE = 1e-9;
    /** Krylov size of the first Rayleigh–Ritz attempt, in vectors per wanted pair. */
    private static final int FIRST_CHECKPOINT_VECTORS_PER_PAIR = 4;
    /** The vector budget: this many blocks of the width r + max(8, r/4), at most n/2 vectors. */
    private static final int MAX_BLOCKS = 24;
    /** Narrowest Krylov block: thinner ones make GEMMs inefficient and miss eigenvalues of higher multiplicity. */
    static final int MIN_BLOCK = 8;

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

    /** Reverses LAPACK's ascending order so that index 0 is the largest eigenvalue (signs as LAPACK gives them). */
    private static Result descending(double[] ascValues, double[] ascVectors, int n, int r, String method) {
        return descending(ascValues, ascVectors, n, r, method, false);
    }

    /**
     * As above; with {@code fixSigns} each eigenvector's largest-magnitude entry is made positive. Krylov results
     * use it: their signs would otherwise follow the random start and the block width, and the fast DSA optimiser
     * (not sign-invariant in where it lands) would see a different operator D·A·D whenever those are tuned.
     */
    private static Result descending(double[] ascValues, double[] ascVectors, int n, int r, String method,
                                     boolean fixSigns) {
        double[] values = new double[r];
        double[] vectors = new double[n * r];
        for (int i = 0; i < r; i++) {
            values[i] = ascValues[r - 1 - i];
            int src = r - 1 - i;
            double largest = 0;
            for (int row = 0; row < n; row++) {
                double v = ascVectors[row * r + src];
                if (Math.abs(v) > Math.abs(largest)) {
                    largest = v;
                }
            }
            double sign = fixSigns && largest < 0 ? -1.0 : 1.0;
            for (int row = 0; row < n; row++) {
                vectors[row * r + i] = sign * ascVectors[row * r + src];
            }
        }
        return new Result(values, vectors, n, r, method);
    }

    /**
     * Block Lanczos: Q₀ random, Q_{i+1} = orth(G·Q_i − projections on all earlier blocks). Q and G·Q are kept
     * as n×mMax row-major matrices whose column blocks fill up one by one, so every projection is one GEMM
     * over all earlier blocks. T = QᵀGQ grows one block column at a time; Rayleigh–Ritz runs only at
     * checkpoints, spaced by the residual decay seen so far, because each costs a dense eigensolve of T.
     * Returns null if it does not converge within its size budget.
     *
     * <p>The block is thin (about r/3, see {@link #blockSize}): for a given number of products with G a thin
     * block reaches a higher polynomial degree, and on the slowly decaying spectra of delay embeddings that
     * needs about half the vectors a block wider than r does (rank 50 of a 2560-wide Hankel Gram: 250–370
     * instead of 500–750), which also shrinks the re-orthogonalisation, quadratic in the vector count. An
     * eigenvalue repeated more often than the block is wide among the top r could be missed (as one orthogonal
     * to a random start could with any block); data with such exact symmetry is not what delay embeddings of
     * recorded or simulated activity produce.
     */
    static Result blockKrylov(DoublePointer g, int n, int r) {
        return blockKrylov(g, n, r, true);
    }

    /** As above; {@code vectorKernel} false keeps the products on OpenBLAS (to compare the two in tests). */
    static Result blockKrylov(DoublePointer g, int n, int r, boolean vectorKernel) {
        int block = blockSize(n, r);
        // The vector budget of a block wider than r (as this solver had before) spent in thin blocks.
        int budget = Math.min(n / 2, MAX_BLOCKS * Math.min(n, r + Math.max(8, r / 4)));
        int maxBlocks = Math.max(3, budget / block);
        int mMax = block * maxBlocks;
        int ld = mMax + block; // room for the block being orthogonalised
        // Sized for the whole budget but written block by block before anything reads them (T's lower triangle
        // never is: dsyevr reads the upper one); kept by the thread for the next solve (Scratch).
        try (Scratch.Lease qLease = Scratch.offHeap("topeigen.q", (long) n * ld);
             Scratch.Lease gqLease = Scratch.offHeap("topeigen.gq", (long) n * mMax);
             Scratch.Lease tLease = Scratch.offHeap("topeigen.t", (long) mMax * mMax);
             Scratch.Lease projLease = Scratch.offHeap("topeigen.proj", (long) ld * block)) {
            DoublePointer q = qLease.pointer();
            DoublePointer gq = gqLease.pointer();
            DoublePointer t = tLease.pointer();
            DoublePointer proj = projLease.pointer();
            BlockProduct product = new BlockProduct(g, n, block, vectorKernel);
            fillRandom(q, n, block, ld, 0x5EED_0F_D5AL);
            if (!NativeBlas.orthonormalizeColumns(q, n, block, ld)) {
                return null;
            }
            int checkpoint = Math.max(1, ceilDiv(FIRST_CHECKPOINT_VECTORS_PER_PAIR * r, block));
            int longestStep = Math.max(2, ceilDiv(2 * r, block));
            double previousExcess = Double.NaN;
            int previousCheckpoint = 0;
            for (int i = 0; i < maxBlocks; i++) {
                int m = (i + 1) * block;
                long col = (long) i * block;
                product.apply(q, col, ld, gq, col, mMax);
                // New block column of T: Q[:, 0:m]ᵀ·G·Q_i. It is also the projection of the next block's start.
                NativeBlas.gemm(true, false, m, block, n, 1.0, q, 0, ld, gq, col, mMax, 0.0, t, col, mMax);
                boolean last = i == maxBlocks - 1;
                if (last || i + 1 == checkpoint) {
                    Ritz ritz = rayleighRitz(q, ld, gq, mMax, t, n, block, i + 1, r);
                    if (ritz.result() != null || last || Double.isInfinite(ritz.worstRatio())) {
                        return ritz.result(); // null → the caller falls back to the dense solver
                    }
                    // Residuals shrink roughly geometrically per block: aim the next check where they should pass.
                    double excess = Math.log(ritz.worstRatio());
                    int step = Math.max(1, longestStep / 2);
                    if (!Double.isNaN(previousExcess) && previousExcess > excess) {
                        double perBlock = (previousExcess - excess) / (i + 1 - previousCheckpoint);
                        step = (int) Math.ceil(excess / perBlock);
                    }
                    previousExcess = excess;
                    previousCheckpoint = i + 1;
                    checkpoint = i + 1 + Math.max(1, Math.min(longestStep, step));
                }
                // Next block: G·Q_i minus its projection on all blocks so far (classical Gram–Schmidt, twice, the
                // first pass reusing T's new column), then a QR. Orthogonality that still slips shows up in the
                // Ritz vectors, which rayleighRitz checks before accepting them.
                long next = (long) m;
                for (int row = 0; row < n; row++) {
                    NativeBlas.copy(gq, (long) row * mMax + col, q, (long) row * ld + next, block);
                }
                NativeBlas.gemm(false, false, n, block, m, -1.0, q, 0, ld, t, col, mMax, 1.0, q, next, ld);
                NativeBlas.gemm(true, false, m, block, n, 1.0, q, 0, ld, q, next, ld, 0.0, proj, 0, block);
                NativeBlas.gemm(false, false, n, block, m, -1.0, q, 0, ld, proj, 0, block, 1.0, q, next, ld);
                if (!NativeBlas.orthonormalizeColumns(NativeBlas.at(q, next), n, block, ld)) {
                    return null;
                }
            }
            return null;
        }
    }

    /**
     * G·Q_i for one Krylov block: the vector kernel ({@link ThinProduct}) on a heap copy of G when the JVM has it,
     * else OpenBLAS on G where it lies. The copy (8n² bytes, once per solve, kept by the thread) is repaid after a
     * block or two.
     */
    private static final class BlockProduct {
        private final DoublePointer g;
        private final int n;
        private final int block;
        private final double[] heapG;
        private final double[] in;
        private final double[] out;

        BlockProduct(DoublePointer g, int n, int block, boolean vectorKernel) {
            this.g = g;
            this.n = n;
            this.block = block;
            // The heap copy must leave the heap room: a Gram too large for a quarter of it stays with OpenBLAS.
            if (vectorKernel && ThinProduct.available(n, block) && 8L * n * n <= Runtime.getRuntime().maxMemory() / 4) {
                heapG = Scratch.heap("topeigen.heap-gram", n * n);
                g.get(heapG, 0, n * n);
                in = Scratch.heap("topeigen.heap-in", n * block);
                out = Scratch.heap("topeigen.heap-out", n * block);
            } else {
                heapG = null;
                in = null;
                out = null;
            }
        }

        /** dst[:, dstCol:dstCol+block] = G·src[:, srcCol:srcCol+block] (row-major, leading dimensions given). */
        void apply(DoublePointer src, long srcCol, int srcLd, DoublePointer dst, long dstCol, int dstLd) {
            if (heapG == null) {
                NativeBlas.gemm(false, false, n, block, n, 1.0, g, 0, n, src, srcCol, srcLd, 0.0, dst, dstCol, dstLd);
                return;
            }
            DoubleBuffer s = src.asBuffer();
            for (int row = 0; row < n; row++) {
                s.get((int) ((long) row * srcLd + srcCol), in, row * block, block);
            }
            ThinProduct.multiply(heapG, n, in, block, out);
            DoubleBuffer d = dst.asBuffer();
            for (int row = 0; row < n; row++) {
                d.put((int) ((long) row * dstLd + dstCol), out, row * block, block);
            }
        }
    }

    /**
     * Block width for r wanted pairs: about r/3 rounded to a multiple of {@link #MIN_BLOCK} (the width of OpenBLAS's
     * GEMM micro-kernels, so no partial tiles), at least that and at most n.
     */
    static int blockSize(int n, int r) {
        return Math.min(n, MIN_BLOCK * Math.max(1, Math.round(r / (3f * MIN_BLOCK))));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Ritz pairs (null if not yet accurate) and the worst residual as a multiple of the tolerance. */
    private record Ritz(Result result, double worstRatio) {
    }

    /** Ritz pairs from the first {@code blocks} blocks, accepted only if every wanted residual is small. */
    private static Ritz rayleighRitz(DoublePointer q, int ld, DoublePointer gq, int mMax, DoublePointer tFull,
                                     int n, int block, int blocks, int r) {
        int m = block * blocks;
        try (Scratch.Lease tLease = Scratch.offHeap("ritz.t", (long) m * m);
             Scratch.Lease wLease = Scratch.offHeap("ritz.w", m);
             Scratch.Lease yLease = Scratch.offHeap("ritz.y", (long) m * r);
             Scratch.Lease uLease = Scratch.offHeap("ritz.u", (long) n * r);
             Scratch.Lease guLease = Scratch.offHeap("ritz.gu", (long) n * r)) {
            DoublePointer t = tLease.pointer();
            DoublePointer w = wLease.pointer();
            DoublePointer y = yLease.pointer();
            DoublePointer u = uLease.pointer();
            DoublePointer gu = guLease.pointer();
            for (int row = 0; row < m; row++) { // the leading m×m part of T; dsyevr reads its upper triangle
                NativeBlas.copy(tFull, (long) row * mMax, t, (long) row * m, m);
            }
            NativeBlas.symmetricEigenRange(t, m, m - r + 1, m, w, y);
            NativeBlas.gemm(false, false, n, r, m, 1.0, q, 0, ld, y, 0, r, 0.0, u, 0, r);
            NativeBlas.gemm(false, false, n, r, m, 1.0, gq, 0, mMax, y, 0, r, 0.0, gu, 0, r);
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
            double worst = 0;
            for (int c = 0; c < r; c++) {
                worst = Math.max(worst, Math.sqrt(residual[c]) / (TOLERANCE * largest));
            }
            if (orthonormalityError(u, n, r) > ORTHONORMALITY_TOLERANCE) {
                return new Ritz(null, Double.POSITIVE_INFINITY); // basis lost orthogonality: let dense decide
            }
            Result result = worst <= 1.0 ? descending(theta, ua, n, r, "krylov(" + m + ")", true) : null;
            return new Ritz(result, worst);
        }
    }

    /** max |UᵀU − I| for the n×r row-major U. */
    private static double orthonormalityError(DoublePointer u, int n, int r) {
        try (DoublePointer utu = NativeBlas.alloc((long) r * r)) {
            NativeBlas.gemm(true, false, r, r, n, 1.0, u, 0, r, u, 0, r, 0.0, utu, 0, r);
            double[] m = new double[r * r];
            utu.get(m);
            double worst = 0;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    worst = Math.max(worst, Math.abs(m[i * r + j] - (i == j ? 1.0 : 0.0)));
                }
            }
            return worst;
        }
    }

    /** Fills an n×cols block (leading dimension ld) with seeded uniform noise. */
    private static void fillRandom(DoublePointer p, int n, int cols, int ld, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] row = new double[cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble() - 0.5;
            }
            NativeBlas.at(p, (long) i * ld).put(row, 0, cols);
        }
    }
}
