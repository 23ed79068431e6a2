package org.repal.core.metric;

import org.bytedeco.javacpp.DoublePointer;
import org.repal.core.linalg.NativeBlas;
import org.repal.core.linalg.Scratch;
import org.repal.core.linalg.TopEigen;

/**
 * The HAVOK regression moments VmᵀVm and VmᵀVp of V = H·W·Σ⁻¹ without forming V, for delay interval 1.
 *
 * <p>With window rows h_t of H (t = 0..T'−1, each the K trials' delay vectors) the unscaled moments are
 * Mm = Σ_{t<T'−1} (h_t·W)ᵀ(h_t·W) and Mp = Σ_{t<T'−1} (h_t·W)ᵀ(h_{t+1}·W). The first is Wᵀ·G·W minus the last window's
 * term. For the second, one step later every delay block moves one place towards the oldest and only the newest
 * block is new: h_{t+1}·W = h_t·W' + x[t+d]·W₀, where W' is W with its delay blocks shifted up by one (W'_c = W_{c+1},
 * W'_{d−1} = 0) and W₀ is the block of the newest sample. So Mp = (G·W)ᵀ·W' − (last window's term) + Wᵀ·C·W₀ with
 * C = Σ_{t<T'−1} h_tᵀ·x[t+d], and C's delay blocks are blocks of G's first block column minus one time step each,
 * except the oldest, Σ_t x[t]ᵀ·x[t+d], which is one lagged product.
 *
 * <p>G·W comes with the eigenvectors ({@link TopEigen.Result#products}), so what is left costs one lagged product
 * and a few thin ones: about a tenth of projecting the data onto W. The price is precision relative to the largest
 * eigenvalue instead of each pair's own: errors ≈ ε·λ₁/(σ_i·σ_j), which {@link #applies} bounds by requiring
 * λ_r ≥ {@link #SMALLEST_EIGENVALUE_RATIO}·λ₁.
 */
final class GramMoments {

    /** λ_r/λ₁ below which the moments are formed from the projection instead (errors would exceed ≈ 1e-8). */
    static final double SMALLEST_EIGENVALUE_RATIO = 1e-8;

    private GramMoments() {
    }

    /** Whether this route suits the parameters and the spectrum (delay interval 1, spectrum not too wide). */
    static boolean applies(DmdParams p, TopEigen.Result eig) {
        double[] values = eig.values();
        return p.delayInterval() == 1 && values[values.length - 1] >= SMALLEST_EIGENVALUE_RATIO * values[0];
    }

    /**
     * VmᵀVm and VmᵀVp (r×r, row-major) for the time-major data {@code z}, its column Gram {@code g} (cols×cols, of which
     * only the blocks right of the first diagonal block are read, all in the upper triangle) and its top eigenpairs (σ = √λ already checked positive).
     */
    static double[][] compute(DoublePointer z, DoublePointer g, Trajectories x, DmdParams p, TopEigen.Result eig,
                              double[] sigma) {
        int k = x.trials();
        int n = x.neurons();
        int d = p.nDelays();
        int tPrime = p.embeddedLength(x.time());
        int cols = n * d;
        int r = sigma.length;
        long slab = (long) k * n; // one time step of z
        long blockRows = (long) n * r; // one delay block of W
        try (Scratch.Lease wLease = Scratch.offHeap("gram-moments.w", (long) cols * r);
             Scratch.Lease gwLease = Scratch.offHeap("gram-moments.gw", (long) cols * r);
             Scratch.Lease yLease = Scratch.offHeap("gram-moments.y", (long) cols * r);
             Scratch.Lease lastLease = Scratch.offHeap("gram-moments.last", 2L * k * r);
             Scratch.Lease firstLease = Scratch.offHeap("gram-moments.first", 2L * k * r);
             Scratch.Lease lagLease = Scratch.offHeap("gram-moments.lag", (long) n * n + (long) n * r);
             Scratch.Lease mLease = Scratch.offHeap("gram-moments.m", 2L * r * r)) {
            DoublePointer w = wLease.pointer();
            DoublePointer gw = gwLease.pointer();
            DoublePointer y = yLease.pointer();
            DoublePointer last = lastLease.pointer(); // h_{T'−1}·W, then h_{T'−1}·W'
            DoublePointer first = firstLease.pointer(); // Σ_c x[lag_{c+1}]·W_c, then x[lag_0]·W₀
            DoublePointer lag = lagLease.pointer(); // Σ_t x[t]ᵀ·x[t+d] (n×n), then that times W₀ (n×r)
            DoublePointer mm = mLease.pointer();
            long mp = (long) r * r;
            w.put(eig.vectors(), 0, cols * r);
            gw.put(eig.products(), 0, cols * r);

            // The last window's terms: h_{T'−1}·W and h_{T'−1}·W' (W' skips W's first block).
            long lastWindow = (long) (tPrime - 1) * slab;
            for (int b = 0; b < d; b++) {
                long at = lastWindow + lagOf(d, b) * slab;
                NativeBlas.gemm(false, false, k, r, n, 1.0, z, at, n, w, b * blockRows, r, b == 0 ? 0.0 : 1.0,
                        last, 0, r);
                if (b + 1 < d) {
                    NativeBlas.gemm(false, false, k, r, n, 1.0, z, at, n, w, (b + 1) * blockRows, r,
                            b == 0 ? 0.0 : 1.0, last, (long) k * r, r);
                }
            }
            // Mm = Wᵀ·(G·W) − (h_{T'−1}·W)ᵀ(h_{T'−1}·W)
            NativeBlas.gemm(true, false, r, r, cols, 1.0, w, 0, r, gw, 0, r, 0.0, mm, 0, r);
            NativeBlas.gemm(true, false, r, r, k, -1.0, last, 0, r, last, 0, r, 1.0, mm, 0, r);

            // Mp = (G·W)ᵀ·W' − (h_{T'−1}·W)ᵀ(h_{T'−1}·W') + Wᵀ·C·W₀
            if (d > 1) {
                int shifted = (d - 1) * n; // rows of W' that are not zero
                NativeBlas.gemm(true, false, r, r, shifted, 1.0, gw, 0, r, w, blockRows, r, 0.0, mm, mp, r);
                NativeBlas.gemm(true, false, r, r, k, -1.0, last, 0, r, last, (long) k * r, r, 1.0, mm, mp, r);
                // Blocks c < d−1 of C: G_{c+1,0} − x[lag_{c+1}]ᵀ·x[lag_0]; with Y_b = G_{b,0}·W₀ = G_{0,b}ᵀ·W₀ (b ≥ 1,
                // from G's first block row) their part of Wᵀ·C·W₀ is Σ_c W_cᵀ·Y_{c+1} − (Σ_c x[lag_{c+1}]·W_c)ᵀ·(x[lag_0]·W₀).
                NativeBlas.gemm(true, false, shifted, r, n, 1.0, g, n, cols, w, 0, r, 0.0, y, 0, r);
                NativeBlas.gemm(true, false, r, r, shifted, 1.0, w, 0, r, y, 0, r, 1.0, mm, mp, r);
                for (int c = 0; c + 1 < d; c++) {
                    NativeBlas.gemm(false, false, k, r, n, 1.0, z, lagOf(d, c + 1) * slab, n, w, c * blockRows, r,
                            c == 0 ? 0.0 : 1.0, first, 0, r);
                }
                NativeBlas.gemm(false, false, k, r, n, 1.0, z, lagOf(d, 0) * slab, n, w, 0, r, 0.0,
                        first, (long) k * r, r);
                NativeBlas.gemm(true, false, r, r, k, -1.0, first, 0, r, first, (long) k * r, r, 1.0, mm, mp, r);
            }
            // The oldest block of C: Σ_{t<T'−1} x[t]ᵀ·x[t+d], then W_{d−1}ᵀ·(that·W₀).
            NativeBlas.gemm(true, false, n, n, (tPrime - 1) * k, 1.0, z, 0, n, z, (long) d * slab, n, 0.0, lag, 0, n);
            NativeBlas.gemm(false, false, n, r, n, 1.0, lag, 0, n, w, 0, r, 0.0, lag, (long) n * n, r);
            NativeBlas.gemm(true, false, r, r, n, 1.0, w, (d - 1) * blockRows, r, lag, (long) n * n, r,
                    d > 1 ? 1.0 : 0.0, mm, mp, r);

            double[] vmVm = new double[r * r];
            double[] vmVp = new double[r * r];
            mm.get(vmVm, 0, r * r);
            NativeBlas.at(mm, mp).get(vmVp, 0, r * r);
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    vmVm[i * r + j] /= sigma[i] * sigma[j];
                    vmVp[i * r + j] /= sigma[i] * sigma[j];
                }
            }
            return new double[][] {vmVm, vmVp};
        }
    }

    /** Time offset of delay block b (block 0 the newest sample) at delay interval 1. */
    private static long lagOf(int d, int b) {
        return d - 1 - b;
    }
}
