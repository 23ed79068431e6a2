package org.repal.core.linalg;

import java.nio.DoubleBuffer;
import java.util.List;
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
    /** A re-orthogonalisation pass that leaves a column shorter than this fraction of itself is repeated. */
    private static final double REORTHOGONALISE_AGAIN_BELOW = Math.sqrt(0.5);
    /** Lanczos residual estimates (as multiples of the tolerance) below which the true residuals are computed. */
    private static final double ESTIMATE_ACCEPTED_BELOW = 0.5;
    /**
     * Krylov block width: thinner blocks make the products inefficient (one vector of the kernel is 8 doubles with
     * AVX-512) and miss eigenvalues of higher multiplicity; wider ones need more vectors (see {@link #blockSize}).
     */
    static final int MIN_BLOCK = 8;

    /**
     * Eigenvalues (descending, length r), eigenvectors (row-major n×r, column i for value i) and the matrix times
     * them, G·vectors (row-major n×r, same columns): callers that need G·W (e.g. to form WᵀGW exactly) get it for
     * free from the Krylov solver, which has it as a by-product of certifying the residuals.
     */
    public record Result(double[] values, double[] vectors, double[] products, int n, int r, String method) {
    }

    private TopEigen() {
    }

    /**
     * Computes the top r eigenpairs of the symmetric {@code g} (row-major n×n) from its upper triangle alone (the lower
     * one is never read: callers need not mirror it); {@code g} is left unchanged.
     */
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

    /** LAPACK dsyevr on a copy of the matrix (upper triangle read; then G·vectors for {@link Result#products}). */
    public static Result dense(DoublePointer g, int n, int r) {
        try (DoublePointer a = NativeBlas.alloc((long) n * n);
             DoublePointer w = NativeBlas.alloc(n);
             DoublePointer z = NativeBlas.alloc((long) n * r);
             DoublePointer gz = NativeBlas.alloc((long) n * r)) {
            NativeBlas.copy(g, 0, a, 0, (long) n * n);
            NativeBlas.symmetricEigenRange(a, n, n - r + 1, n, w, z);
            NativeBlas.symmUpper(n, r, 1.0, g, 0, n, z, 0, r, 0.0, gz, 0, r);
            double[] wa = new double[r];
            double[] za = new double[n * r];
            double[] gza = new double[n * r];
            w.get(wa);
            z.get(za);
            gz.get(gza);
            return descending(wa, za, gza, n, r, "dense", false);
        }
    }

    /**
     * Reverses LAPACK's ascending order so that index 0 is the largest eigenvalue, the products' columns with them.
     * With {@code fixSigns} each eigenvector's largest-magnitude entry is made positive (and its product column
     * flipped with it). Krylov results use it: their signs would otherwise follow the random start and the block
     * width, and the fast DSA optimiser (not sign-invariant in where it lands) would see a different operator D·A·D
     * whenever those are tuned. Dense results keep LAPACK's signs.
     */
    private static Result descending(double[] ascValues, double[] ascVectors, double[] ascProducts, int n, int r,
                                     String method, boolean fixSigns) {
        return descending(ascValues, ascVectors, ascProducts, r, n, r, method, fixSigns);
    }

    /** As above, for vectors and products stored with {@code stride} ≥ r doubles per row (the first r are read). */
    private static Result descending(double[] ascValues, double[] ascVectors, double[] ascProducts, int stride, int n,
                                     int r, String method, boolean fixSigns) {
        double[] values = new double[r];
        double[] largest = new double[r];
        for (int i = 0; i < r; i++) {
            values[i] = ascValues[r - 1 - i];
        }
        for (int row = 0; row < n; row++) {
            for (int c = 0; c < r; c++) {
                double v = ascVectors[row * stride + c];
                if (Math.abs(v) > Math.abs(largest[c])) {
                    largest[c] = v;
                }
            }
        }
        double[] vectors = new double[n * r];
        double[] products = new double[n * r];
        for (int row = 0; row < n; row++) {
            for (int i = 0; i < r; i++) {
                int src = r - 1 - i;
                double sign = fixSigns && largest[src] < 0 ? -1.0 : 1.0;
                vectors[row * r + i] = sign * ascVectors[row * stride + src];
                products[row * r + i] = sign * ascProducts[row * stride + src];
            }
        }
        return new Result(values, vectors, products, n, r, method);
    }

    /**
     * Block Lanczos: Q₀ random, then the three-term step G·Q_i − Q_i·A_i − Q_{i−1}·B_iᵀ re-orthogonalised against
     * every earlier block and QR-factored into Q_{i+1}·B_{i+1}. Q and G·Q are kept on the Java heap block after block
     * (each an n×8 row-major matrix), so a re-orthogonalisation is one pair of {@link BlockKernels} passes over all
     * earlier blocks, with no call into native code: OpenBLAS took 5–20 GFLOP/s on these 8-column shapes, the
     * kernels 30–50.
     * T = QᵀGQ (block tridiagonal, plus the re-orthogonalisation's rounding-level corrections) grows one block
     * column at a time; Rayleigh–Ritz runs only at checkpoints, spaced by the residual decay seen so far, because
     * each costs a dense eigensolve of T. Returns null if it does not converge within its size budget.
     *
     * <p>The block is thin (8 columns, see {@link #blockSize}): for a given number of products with G a thin
     * block reaches a higher polynomial degree, and on the slowly decaying spectra of delay embeddings that
     * needs a fraction of the vectors a block wider than r does (rank 50 of a 2560-wide Hankel Gram: 200–264
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
        return blockKrylov(g, n, r, vectorKernel, ESTIMATE_ACCEPTED_BELOW, null);
    }

    /**
     * One Rayleigh–Ritz check: the Krylov size, the worst Lanczos residual estimate and the worst true residual (NaN
     * when the estimate did not pass the gate), both as multiples of the tolerance.
     */
    record Checkpoint(int vectors, double estimate, double certified) {
    }

    /**
     * As above with the estimate gate given (+∞ computes the true residuals at every check) and, if {@code trace} is
     * not null, every check appended to it: for tests of the estimate and the schedule.
     */
    static Result blockKrylov(DoublePointer g, int n, int r, boolean vectorKernel, double estimateGate,
                              List<Checkpoint> trace) {
        int block = blockSize(n, r);
        if (block != BlockKernels.WIDTH) {
            return null; // only for n < 8, which the dense solver takes anyway
        }
        // The vector budget of a block wider than r (as this solver had before) spent in thin blocks.
        int budget = Math.min(n / 2, MAX_BLOCKS * Math.min(n, r + Math.max(8, r / 4)));
        int maxBlocks = Math.max(3, budget / block);
        int mMax = block * maxBlocks;
        int blockLength = n * block;
        if ((long) (maxBlocks + 1) * blockLength > Integer.MAX_VALUE - 8) {
            return null; // a basis beyond one Java array (n ≳ 90 000): the dense solver decides
        }
        // The basis Q (one more block for the one being orthogonalised) and G·Q on the heap, block after block, each
        // block a row-major n×8 matrix; sized for the whole budget but written block by block before anything reads
        // them (T's lower triangle never is: dsyevr reads the upper one); kept by the thread for the next solve.
        double[] q = Scratch.heap("topeigen.q", (maxBlocks + 1) * blockLength);
        double[] gq = Scratch.heap("topeigen.gq", maxBlocks * blockLength);
        double[] proj = Scratch.heap("topeigen.proj", (maxBlocks + 1) * block * block);
        try (Scratch.Lease tLease = Scratch.offHeap("topeigen.t", (long) mMax * mMax);
             Scratch.Lease qrLease = Scratch.offHeap("topeigen.qr", blockLength)) {
            DoublePointer t = tLease.pointer();
            KrylovProduct product = new KrylovProduct(g, n, block, vectorKernel);
            fillRandom(q, blockLength, 0x5EED_0F_D5AL);
            double[] beta = new double[block * block]; // R of the newest block's QR: Q_{i+1}ᵀ·G·Q_i
            if (!orthonormalize(q, 0, n, block, qrLease.pointer(), beta)) {
                return null;
            }
            double[] tColumn = new double[(mMax + block) * block];
            Checkpoints checkpoints = new Checkpoints(r, block);
            for (int i = 0; i < maxBlocks; i++) {
                int m = (i + 1) * block;
                int current = i * blockLength;
                int next = m * n; // block i+1
                product.apply(q, gq, current);
                // T's new block column (rows 0..m): A_i = Q_iᵀ·G·Q_i on the diagonal, the previous QR's Rᵀ above it
                // and zeros higher up, plus whatever the re-orthogonalisation below finds there.
                java.util.Arrays.fill(tColumn, 0, m * block, 0.0);
                if (i > 0) {
                    for (int a = 0; a < block; a++) {
                        for (int b = 0; b < block; b++) {
                            tColumn[((i - 1) * block + a) * block + b] = beta[b * block + a];
                        }
                    }
                }
                BlockKernels.crossProducts(q, i, 1, gq, current, n, proj);
                System.arraycopy(proj, 0, tColumn, i * block * block, block * block);
                // Next block: the three-term step W = G·Q_i − Q_i·A_i − Q_{i−1}·B_iᵀ, then a full
                // re-orthogonalisation against every block so far (classical Gram–Schmidt, repeated when it
                // removed much: Daniel–Gragg–Kaufman–Stewart), then a QR. Orthogonality that still slips shows up in
                // the Ritz vectors, which rayleighRitz checks before accepting them.
                System.arraycopy(gq, current, q, next, blockLength);
                int localFirst = i > 0 ? i - 1 : i;
                negate(tColumn, localFirst * block * block, proj, (i + 1 - localFirst) * block * block);
                BlockKernels.multiplyAdd(q, localFirst, i + 1 - localFirst, proj, block, n, q, next);
                for (int pass = 0; pass < 2; pass++) {
                    double[] before = columnNorms(q, next, n, block);
                    BlockKernels.crossProducts(q, 0, i + 1, q, next, n, proj);
                    for (int e = 0; e < m * block; e++) {
                        tColumn[e] += proj[e];
                    }
                    negate(proj, 0, proj, m * block);
                    BlockKernels.multiplyAdd(q, 0, i + 1, proj, block, n, q, next);
                    if (!shrankBelow(columnNorms(q, next, n, block), before, REORTHOGONALISE_AGAIN_BELOW)) {
                        break;
                    }
                }
                DoubleBuffer tBuffer = t.asBuffer();
                for (int row = 0; row < m; row++) {
                    tBuffer.put((int) (row * (long) mMax + (long) i * block), tColumn, row * block, block);
                }
                if (!orthonormalize(q, next, n, block, qrLease.pointer(), beta)) {
                    return null;
                }
                boolean last = i == maxBlocks - 1;
                if (last || checkpoints.due(i + 1)) {
                    Ritz ritz = rayleighRitz(q, gq, t, mMax, beta, n, block, i + 1, r, estimateGate);
                    if (trace != null) {
                        trace.add(new Checkpoint(m, ritz.estimate(), ritz.certified()));
                    }
                    if (ritz.result() != null || last || ritz.lostOrthogonality()) {
                        return ritz.result(); // null → the caller falls back to the dense solver
                    }
                    checkpoints.failed(i + 1, Double.isNaN(ritz.certified()) ? ritz.estimate() : ritz.certified());
                }
            }
            return null;
        }
    }

    /** to[0..length) = −from[fromOff..fromOff+length) (in place when the ranges coincide). */
    private static void negate(double[] from, int fromOff, double[] to, int length) {
        for (int e = 0; e < length; e++) {
            to[e] = -from[fromOff + e];
        }
    }

    /**
     * Householder QR of the n×cols block at {@code off} (LAPACK, through an off-heap copy): the block becomes Q, and
     * {@code r} (cols×cols, row-major) R. False if LAPACK reports a failure.
     */
    private static boolean orthonormalize(double[] q, int off, int n, int cols, DoublePointer work, double[] r) {
        int length = n * cols;
        work.position(0).put(q, off, length);
        if (!NativeBlas.orthonormalizeColumns(work, n, cols, cols, r)) {
            return false;
        }
        work.position(0).get(q, off, length);
        return true;
    }

    /** Euclidean norms of the columns of the n×cols row-major block at {@code off}. */
    private static double[] columnNorms(double[] p, int off, int n, int cols) {
        double[] sums = new double[cols];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cols; c++) {
                double v = p[off + i * cols + c];
                sums[c] += v * v;
            }
        }
        for (int c = 0; c < cols; c++) {
            sums[c] = Math.sqrt(sums[c]);
        }
        return sums;
    }

    /** Whether some column's norm fell below {@code fraction} of what it was. */
    private static boolean shrankBelow(double[] after, double[] before, double fraction) {
        for (int c = 0; c < after.length; c++) {
            if (!(after[c] > fraction * before[c])) {
                return true;
            }
        }
        return false;
    }

    /**
     * When to run Rayleigh–Ritz: first at {@link #FIRST_CHECKPOINT_VECTORS_PER_PAIR} vectors per wanted pair, then
     * where the residual decay seen so far (roughly geometric per block) says the residuals should pass, at most
     * r vectors further on. A check costs a dense eigensolve of T but no product with the n-long basis unless the
     * Lanczos estimate of the residuals already passes, so checking often wastes less than overshooting.
     */
    private static final class Checkpoints {
        private final int longestStep;
        private int next;
        private double previousExcess = Double.NaN;
        private int previousBlocks;

        Checkpoints(int r, int block) {
            this.next = Math.max(1, ceilDiv(FIRST_CHECKPOINT_VECTORS_PER_PAIR * r, block));
            this.longestStep = Math.max(1, ceilDiv(r, block));
        }

        boolean due(int blocks) {
            return blocks == next;
        }

        /** Plans the next check after one at {@code blocks} blocks whose worst residual was this many tolerances. */
        void failed(int blocks, double worstRatio) {
            double excess = Math.log(Math.max(worstRatio, 1.0 + 1e-9));
            int step = longestStep;
            if (!Double.isNaN(previousExcess) && previousExcess > excess) {
                double perBlock = (previousExcess - excess) / (blocks - previousBlocks);
                step = (int) Math.ceil(excess / perBlock);
            }
            previousExcess = excess;
            previousBlocks = blocks;
            next = blocks + Math.max(1, Math.min(longestStep, step));
        }
    }

    /**
     * Block width: {@link #MIN_BLOCK} columns (at most n) for every r. On the bench's data (2560-wide Hankel Grams) thin
     * blocks need the fewest vectors: rank 50 took 200–264 vectors in blocks of 8 against 272–368 in blocks of 16,
     * rank 100 400 against 400–512. The re-orthogonalisation, quadratic in the vector count, shrinks with them, and a
     * product with G costs its memory traffic, not its width, at both widths.
     */
    static int blockSize(int n, int r) {
        return Math.min(n, MIN_BLOCK);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * Ritz pairs (null if not yet accepted), the worst Lanczos residual estimate and the worst true residual (NaN if
     * not computed), as multiples of the tolerance, and whether the Ritz vectors had lost orthonormality.
     */
    private record Ritz(Result result, double estimate, double certified, boolean lostOrthogonality) {
    }

    /**
     * Ritz pairs from the first {@code blocks} blocks, accepted only if every wanted residual is small. The Lanczos
     * relation G·Q = Q·T + Q_next·B·E_lastᵀ gives each residual as ‖B·y_last‖ (y_last: the Ritz vector's last block
     * of coordinates) for the price of the small eigensolve; only when those estimates pass are the Ritz vectors
     * formed and their true residuals ‖G·u − θ·u‖ (from the stored products G·Q) computed: the acceptance rests on
     * the latter alone.
     */
    private static Ritz rayleighRitz(double[] q, double[] gq, DoublePointer tFull, int mMax, double[] beta, int n,
                                     int block, int blocks, int r, double estimateGate) {
        int m = block * blocks;
        try (Scratch.Lease tLease = Scratch.offHeap("ritz.t", (long) m * m);
             Scratch.Lease wLease = Scratch.offHeap("ritz.w", m);
             Scratch.Lease yLease = Scratch.offHeap("ritz.y", (long) m * r)) {
            DoublePointer t = tLease.pointer();
            DoublePointer w = wLease.pointer();
            DoublePointer y = yLease.pointer();
            for (int row = 0; row < m; row++) { // the leading m×m part of T; dsyevr reads its upper triangle
                NativeBlas.copy(tFull, (long) row * mMax, t, (long) row * m, m);
            }
            NativeBlas.symmetricEigenRange(t, m, m - r + 1, m, w, y);
            double[] theta = new double[r];
            w.get(theta);
            double largest = Math.abs(theta[r - 1]);
            double[] yLast = new double[block * r];
            NativeBlas.at(y, (long) (m - block) * r).get(yLast, 0, block * r);
            double estimate = 0;
            for (int c = 0; c < r; c++) {
                double sum = 0;
                for (int a = 0; a < block; a++) {
                    double d = 0;
                    for (int b = a; b < block; b++) {
                        d += beta[a * block + b] * yLast[b * r + c];
                    }
                    sum += d * d;
                }
                estimate = Math.max(estimate, Math.sqrt(sum) / (TOLERANCE * largest));
            }
            if (estimate > estimateGate) {
                return new Ritz(null, estimate, Double.NaN, false);
            }
            // U = Q·Y and G·U = (G·Q)·Y, with Y's columns padded to whole blocks of the kernels.
            int width = ceilDiv(r, BlockKernels.WIDTH) * BlockKernels.WIDTH;
            double[] yPadded = Scratch.heap("ritz.y", m * width);
            java.util.Arrays.fill(yPadded, 0, m * width, 0.0);
            double[] yRows = new double[m * r];
            y.get(yRows);
            for (int row = 0; row < m; row++) {
                System.arraycopy(yRows, row * r, yPadded, row * width, r);
            }
            double[] u = ritzVectors("ritz.u", q, yPadded, blocks, width, n);
            double[] gu = ritzVectors("ritz.gu", gq, yPadded, blocks, width, n);
            double[] residual = new double[r];
            for (int row = 0; row < n; row++) {
                for (int c = 0; c < r; c++) {
                    double d = gu[row * width + c] - theta[c] * u[row * width + c];
                    residual[c] += d * d;
                }
            }
            double worst = 0;
            for (int c = 0; c < r; c++) {
                worst = Math.max(worst, Math.sqrt(residual[c]) / (TOLERANCE * largest));
            }
            if (orthonormalityError(u, width, n, r) > ORTHONORMALITY_TOLERANCE) {
                return new Ritz(null, estimate, worst, true); // basis lost orthogonality: let dense decide
            }
            Result result = worst <= 1.0
                    ? descending(theta, u, gu, width, n, r, "krylov(" + m + ")", true) : null;
            return new Ritz(result, estimate, worst, false);
        }
    }

    /**
     * The first {@code blocks} blocks of a basis times the padded coefficients: n×width, row-major, in the thread's
     * scratch array {@code name} (fresh arrays of this size cost more in first-touch page faults than the product).
     */
    private static double[] ritzVectors(String name, double[] basis, double[] coefficients, int blocks, int width,
                                        int n) {
        double[] out = Scratch.heap(name, n * width);
        java.util.Arrays.fill(out, 0, n * width, 0.0);
        BlockKernels.multiplyAdd(basis, 0, blocks, coefficients, width, n, out, 0);
        return out;
    }

    /** max |UᵀU − I| for the n×r U stored with {@code stride} doubles per row. */
    private static double orthonormalityError(double[] ua, int stride, int n, int r) {
        try (Scratch.Lease uLease = Scratch.offHeap("ritz.u", (long) n * stride);
             DoublePointer utu = NativeBlas.alloc((long) r * r)) {
            DoublePointer u = uLease.pointer();
            u.position(0).put(ua, 0, n * stride);
            NativeBlas.gemm(true, false, r, r, n, 1.0, u, 0, stride, u, 0, stride, 0.0, utu, 0, r);
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

    /** Fills the first {@code length} elements with seeded uniform noise. */
    private static void fillRandom(double[] p, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            p[i] = random.nextDouble() - 0.5;
        }
    }
}
