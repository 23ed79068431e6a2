package org.repal.core.metric;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.repal.core.linalg.NativeBlas;
import org.repal.core.linalg.Scratch;
import org.repal.core.linalg.TopEigen;

/**
 * HAVOK DMD of one dataset: delay-embed every trial, take the top-r left singular vectors V of the stacked
 * embedding H, and regress V's next step on its current step, A_v = ((VmᵀVm + λI)⁻¹ VmᵀVp)ᵀ.
 *
 * <p>H is never decomposed directly. When it is taller than wide, its Gram matrix HᵀH is assembled from
 * lagged covariances — block (p,q) of HᵀH is Σ_t x[t+a_p]x[t+a_q]ᵀ, and moving one block down the diagonal
 * only drops and adds τ time steps, so the d² blocks cost the last block column (d lagged products, {@link
 * LagProducts}, through the cross-spectrum when that is cheaper) plus d² tiny updates. The regression then needs
 * only V's moments, which {@link GramMoments} takes from G itself at delay interval 1; at longer intervals V = H·W/σ
 * is formed from the top eigenvectors W. When H is wider than tall, the row Gram HHᵀ gives V directly. Rows of H are kept
 * time-major (row t·K + k) so that every operand is a contiguous slab of the time-major data.
 */
public final class HavokDmd {

    /** Singular values below this fraction of the largest are treated as numerically zero. */
    static final double RANK_RELATIVE_FLOOR = 1e-7;

    /** The fitted operator (row-major r×r), the top-r singular values of H and how they were found. */
    public record Fit(double[] a, int rank, double[] singularValues, String eigenMethod) {
    }

    private HavokDmd() {
    }

    /** Rank available for a dataset: min(neurons·d, trials·(T − (d−1)τ)). */
    public static int availableRank(Trajectories x, DmdParams p) {
        long cols = (long) x.neurons() * p.nDelays();
        long rows = (long) x.trials() * p.embeddedLength(x.time());
        return (int) Math.min(cols, rows);
    }

    /** Checks that the parameters suit the data; the message names the field at fault. */
    public static void validate(Trajectories x, DmdParams p) {
        int tPrime = p.embeddedLength(x.time());
        if (tPrime < 2) {
            throw new IllegalArgumentException("time length " + x.time() + " is too short for n_delays "
                    + p.nDelays() + " and delay_interval " + p.delayInterval() + ": T - (n_delays-1)*delay_interval = "
                    + tPrime + ", needs >= 2");
        }
        int available = availableRank(x, p);
        if (p.rank() > available) {
            throw new IllegalArgumentException("rank " + p.rank() + " is larger than available " + available
                    + " = min(neurons*n_delays, trials*(T-(n_delays-1)*delay_interval))");
        }
    }

    public static Fit fit(Trajectories x, DmdParams p) {
        return fitTruncatable(x, p).fit();
    }

    /**
     * A fit that can be cut to any lower rank without touching the data again: the operator at the fitted rank R
     * with the HAVOK regression's moments VmᵀVm and VmᵀVp (R×R, row-major, without the ridge).
     *
     * <p>{@link #atRank}(r) solves the regression with the leading r×r blocks of both. That is exactly the regression
     * a fit at rank r sets up, because V's columns are H's singular vectors in descending order and rank r keeps the
     * first r of them: Vm_rᵀVm_r and Vm_rᵀVp_r are the leading blocks of the rank-R moments. The result equals
     * {@code fit(x, rank r)} up to rounding and to the singular vectors' signs (A ↦ D·A·D with D = diag(±1), which
     * DSA does not see). Memory: 3R² + R doubles (60 KB at R = 50).
     */
    public record Truncatable(Fit fit, double[] vmVm, double[] vmVp, double ridge) {

        public int rank() {
            return fit.rank();
        }

        /**
         * The fit at rank {@code r} ≤ {@link #rank()}: this one for r = R, else the regression solved on the leading
         * blocks (a new Fit each call: cache it if it is needed often).
         *
         * @throws IllegalArgumentException for r outside 1..R
         */
        public Fit atRank(int r) {
            int big = fit.rank();
            if (r < 1 || r > big) {
                throw new IllegalArgumentException("rank " + r + " outside 1.." + big + " of the fitted operator");
            }
            if (r == big) {
                return fit;
            }
            double[] mm = new double[r * r];
            double[] mp = new double[r * r];
            for (int i = 0; i < r; i++) {
                System.arraycopy(vmVm, i * big, mm, i * r, r);
                System.arraycopy(vmVp, i * big, mp, i * r, r);
            }
            return new Fit(solve(mm, mp, r, ridge), r, java.util.Arrays.copyOf(fit.singularValues(), r),
                    fit.eigenMethod());
        }
    }

    /** {@link #fit} keeping the regression moments ({@link Truncatable}). */
    public static Truncatable fitTruncatable(Trajectories x, DmdParams p) {
        validate(x, p);
        int k = x.trials();
        int tPrime = p.embeddedLength(x.time());
        int rows = k * tPrime;
        int cols = x.neurons() * p.nDelays();
        int r = p.rank() == 0 ? availableRank(x, p) : p.rank();
        try (Scratch.Lease zLease = timeMajor(x)) {
            DoublePointer z = zLease.pointer();
            TopEigen.Result eig;
            double[] sigma;
            double[][] m;
            if (cols <= rows) {
                try (Scratch.Lease gram = columnGram(z, x, p)) {
                    eig = TopEigen.compute(gram.pointer(), cols, r);
                    sigma = singularValues(eig, r);
                    if (GramMoments.applies(p, eig)) {
                        m = GramMoments.compute(z, gram.pointer(), x, p, eig, sigma);
                    } else {
                        m = projectedMoments(z, x, p, eig, sigma);
                    }
                }
            } else {
                eig = gramEigen(z, x, p, r);
                sigma = singularValues(eig, r);
                m = momentsOf(eig.vectors(), k, tPrime, r); // eigenvectors of the row Gram are V itself
            }
            double[] a = solve(m[0].clone(), m[1].clone(), r, p.ridge());
            return new Truncatable(new Fit(a, r, sigma, eig.method()), m[0], m[1], p.ridge());
        }
    }

    /** The regression moments of V = H·W·Σ⁻¹ formed explicitly (any delay interval, any spectrum). */
    private static double[][] projectedMoments(DoublePointer z, Trajectories x, DmdParams p, TopEigen.Result eig,
                                               double[] sigma) {
        int rows = x.trials() * p.embeddedLength(x.time());
        try (Scratch.Lease vLease = Scratch.offHeap("havok.v", (long) rows * sigma.length)) {
            projectOntoEigenvectors(z, x, p, eig, sigma, vLease.pointer());
            return regressionMoments(vLease.pointer(), x.trials(), p.embeddedLength(x.time()), sigma.length);
        }
    }

    /** The regression moments of a given V (row-major rows×r, time-major rows). */
    private static double[][] momentsOf(double[] v, int k, int tPrime, int r) {
        try (Scratch.Lease vLease = Scratch.offHeap("havok.v", (long) v.length)) {
            vLease.pointer().put(v);
            return regressionMoments(vLease.pointer(), k, tPrime, r);
        }
    }

    /**
     * Top-r eigenpairs of the smaller Gram matrix of the delay embedding: HᵀH (from lagged covariances) when H
     * is taller than wide, else HHᵀ (whose eigenvectors are the left singular vectors of H directly).
     */
    private static TopEigen.Result gramEigen(DoublePointer z, Trajectories x, DmdParams p, int r) {
        int rows = x.trials() * p.embeddedLength(x.time());
        int cols = x.neurons() * p.nDelays();
        if (cols <= rows) {
            try (Scratch.Lease gram = columnGram(z, x, p)) {
                return TopEigen.compute(gram.pointer(), cols, r);
            }
        }
        try (Scratch.Lease h = embedding(z, x, p); Scratch.Lease gram = Scratch.offHeap("havok.gram", (long) rows * rows)) {
            NativeBlas.syrkUpper(rows, cols, 1.0, h.pointer(), cols, 0.0, gram.pointer(), rows);
            return TopEigen.compute(gram.pointer(), rows, r);
        }
    }

    /**
     * How many singular values of the delay embedding exceed {@link #RANK_RELATIVE_FLOOR} of the largest: the
     * largest rank {@link #fit} accepts for this dataset (at most {@link #availableRank}).
     */
    public static int numericalRank(Trajectories x, DmdParams p) {
        DmdParams full = new DmdParams(p.nDelays(), p.delayInterval(), 0, p.ridge());
        validate(x, full);
        int r = availableRank(x, p);
        TopEigen.Result eig;
        try (Scratch.Lease z = timeMajor(x)) {
            eig = gramEigen(z.pointer(), x, p, r);
        }
        double top = Math.sqrt(Math.max(0, eig.values()[0]));
        int rank = 0;
        while (rank < r && Math.sqrt(Math.max(0, eig.values()[rank])) > RANK_RELATIVE_FLOOR * top) {
            rank++;
        }
        return rank;
    }

    /** σ_i = √λ_i, rejecting a rank beyond the numerical rank of H. */
    private static double[] singularValues(TopEigen.Result eig, int r) {
        double[] sigma = new double[r];
        double top = Math.sqrt(Math.max(0, eig.values()[0]));
        for (int i = 0; i < r; i++) {
            sigma[i] = Math.sqrt(Math.max(0, eig.values()[i]));
            if (!(sigma[i] > RANK_RELATIVE_FLOOR * top)) {
                throw new IllegalArgumentException("rank " + r + " exceeds the numerical rank of the delay embedding ("
                        + i + " singular values above " + RANK_RELATIVE_FLOOR + " of the largest): use rank <= " + i);
            }
        }
        return sigma;
    }

    /** Copies (trials, time, neurons) into time-major (time, trials, neurons) off-heap. */
    static Scratch.Lease timeMajor(Trajectories x) {
        int k = x.trials();
        int t = x.time();
        int n = x.neurons();
        Scratch.Lease lease = Scratch.offHeap("havok.z", (long) k * t * n);
        // Reordered on the heap, then one bulk copy: a native copy per row cost ≈ 0.6 µs each (6400 for the bench).
        double[] src = x.data();
        double[] ordered = Scratch.heap("havok.z-heap", k * t * n);
        for (int trial = 0; trial < k; trial++) {
            for (int step = 0; step < t; step++) {
                System.arraycopy(src, (trial * t + step) * n, ordered, (step * k + trial) * n, n);
            }
        }
        lease.pointer().position(0).put(ordered, 0, k * t * n);
        return lease;
    }

    /** Offset of delay block j from the window start: block 0 holds the newest sample x[t+(d−1)τ]. */
    private static int lag(DmdParams p, int block) {
        return (p.nDelays() - 1 - block) * p.delayInterval();
    }

    /**
     * The upper triangle of HᵀH (cols×cols, row-major; the lower triangle is left unwritten: {@link TopEigen} reads
     * only the upper one) from lagged covariances, see the class comment.
     */
    static Scratch.Lease columnGram(DoublePointer z, Trajectories x, DmdParams p) {
        int k = x.trials();
        int n = x.neurons();
        int d = p.nDelays();
        int tau = p.delayInterval();
        int tPrime = p.embeddedLength(x.time());
        int cols = n * d;
        long slab = (long) k * n; // elements of one time step in z
        Scratch.Lease lease = Scratch.offHeap("havok.gram", (long) cols * cols);
        DoublePointer g = lease.pointer(); // every element is written below
        // Last block column (lag 0): block (b, d−1) = Σ_{t<T'} x[t+lag_b]·x[t]ᵀ, the windowed lagged products.
        int[] lags = new int[d];
        for (int b = 0; b < d; b++) {
            lags[b] = lag(p, b);
        }
        try (Scratch.Lease productsLease = Scratch.offHeap("havok.lag-products", (long) d * n * n)) {
            DoublePointer products = productsLease.pointer();
            LagProducts.compute(z, k, x.time(), n, tPrime, lags, products);
            for (int b = 0; b < d; b++) {
                NativeBlas.copyBlock(products, (long) b * n * n, n, g, blockOffset(b, d - 1, n, cols), cols, n, n);
            }
        }
        // Walk each diagonal towards the top-left: both lags grow by τ, so τ steps leave and τ steps join.
        for (int start = d - 1; start >= 1; start--) {
            for (int bp = start, bq = d - 1; bp >= 1; bp--, bq--) {
                int la = lag(p, bp);
                int lb = lag(p, bq);
                long from = blockOffset(bp, bq, n, cols);
                long to = blockOffset(bp - 1, bq - 1, n, cols);
                NativeBlas.copyBlock(g, from, cols, g, to, cols, n, n);
                NativeBlas.gemm(true, false, n, n, tau * k, -1.0, z, la * slab, n, z, lb * slab, n, 1.0, g, to, cols);
                NativeBlas.gemm(true, false, n, n, tau * k, 1.0, z, (la + tPrime) * slab, n,
                        z, (lb + tPrime) * slab, n, 1.0, g, to, cols);
            }
        }
        return lease;
    }

    private static long blockOffset(int blockRow, int blockCol, int n, int cols) {
        return (long) blockRow * n * cols + (long) blockCol * n;
    }

    /** V = H·W·diag(1/σ) as a sum over delay blocks of Z-slabs times rows of W. */
    private static void projectOntoEigenvectors(DoublePointer z, Trajectories x, DmdParams p, TopEigen.Result eig,
                                                double[] sigma, DoublePointer v) {
        int k = x.trials();
        int n = x.neurons();
        int r = sigma.length;
        int tPrime = p.embeddedLength(x.time());
        double[] w = eig.vectors().clone();
        for (int row = 0; row < eig.n(); row++) {
            for (int c = 0; c < r; c++) {
                w[row * r + c] /= sigma[c];
            }
        }
        try (Scratch.Lease wLease = Scratch.offHeap("havok.w", w.length)) {
            DoublePointer wp = wLease.pointer();
            wp.put(w);
            for (int b = 0; b < p.nDelays(); b++) {
                NativeBlas.gemm(false, false, tPrime * k, r, n, 1.0, z, (long) lag(p, b) * k * n, n,
                        wp, (long) b * n * r, r, b == 0 ? 0.0 : 1.0, v, 0, r);
            }
        }
    }

    /** The delay embedding itself (rows×cols, time-major rows), for the wide case only. */
    private static Scratch.Lease embedding(DoublePointer z, Trajectories x, DmdParams p) {
        int k = x.trials();
        int n = x.neurons();
        int d = p.nDelays();
        int tPrime = p.embeddedLength(x.time());
        int cols = n * d;
        Scratch.Lease lease = Scratch.offHeap("havok.embedding", (long) k * tPrime * cols);
        DoublePointer h = lease.pointer(); // every element is written below
        for (int t = 0; t < tPrime; t++) {
            for (int trial = 0; trial < k; trial++) {
                long row = (long) t * k + trial;
                for (int b = 0; b < d; b++) {
                    NativeBlas.copy(z, ((long) (t + lag(p, b)) * k + trial) * n, h, row * cols + (long) b * n, n);
                }
            }
        }
        return lease;
    }

    /** VmᵀVm and VmᵀVp (r×r, row-major) with Vm the rows of steps 0..T'−2 and Vp those of steps 1..T'−1. */
    private static double[][] regressionMoments(DoublePointer v, int k, int tPrime, int r) {
        int pairs = (tPrime - 1) * k;
        try (DoublePointer mm = NativeBlas.alloc((long) r * r); DoublePointer mp = NativeBlas.alloc((long) r * r)) {
            NativeBlas.gemm(true, false, r, r, pairs, 1.0, v, 0, r, v, 0, r, 0.0, mm, 0, r);
            NativeBlas.gemm(true, false, r, r, pairs, 1.0, v, 0, r, v, (long) k * r, r, 0.0, mp, 0, r);
            double[] lhs = new double[r * r];
            double[] rhs = new double[r * r];
            mm.get(lhs);
            mp.get(rhs);
            return new double[][] {lhs, rhs};
        }
    }

    /** A_v = ((VmᵀVm + λI)⁻¹ VmᵀVp)ᵀ from the moments; both arrays are overwritten. */
    private static double[] solve(double[] lhs, double[] rhs, int r, double ridge) {
        for (int i = 0; i < r; i++) {
            lhs[i * r + i] += ridge;
        }
        int info = openblas.LAPACKE_dgesv(openblas.LAPACK_ROW_MAJOR, r, r, lhs, r, new int[r], rhs, r);
        if (info != 0) {
            throw new ArithmeticException("HAVOK regression is singular (LAPACK dgesv info " + info
                    + "): reduce rank or add a ridge (lambda > 0)");
        }
        double[] a = new double[r * r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                a[i * r + j] = rhs[j * r + i];
            }
        }
        return a;
    }
}
