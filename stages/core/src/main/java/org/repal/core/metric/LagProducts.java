package org.repal.core.metric;

import org.bytedeco.javacpp.DoublePointer;
import org.repal.core.linalg.NativeBlas;
import org.repal.core.linalg.Scratch;

/**
 * Windowed lagged products of multi-trial time series, C_δ = Σ_trials Σ_{t<w} x[t+δ]·x[t]ᵀ (n×n, row index from
 * the lagged sample), for a set of lags δ with δ + w ≤ T. They are the last block column of a delay embedding's
 * Gram matrix, its most expensive part: done directly each costs a GEMM over every sample of the window.
 *
 * <p>The spectral route computes all of them at once through a length-T discrete Fourier transform in time: with
 * u = x and v = x cut to its first w samples (zero after), C_δ is the circular cross-correlation of u and v at δ,
 * which never wraps because t + δ &lt; T. So C_δ = (1/T)·Σ_f Re(S(f)·e^{2πifδ/T}) with the cross-spectrum
 * S(f) = Σ_trials û(f)·v̂(f)ᴴ. Every step is a real GEMM: the transforms are products with a cos/sin matrix, the
 * cross-spectra are n×n products over trials, one per frequency, and the sum over frequencies is one product with
 * a (lags × frequencies) weight matrix. For many lags and wide data (20 lags of 128 neurons) this is about a
 * quarter of the direct work; for few lags or few neurons the direct route is cheaper and is chosen instead.
 */
final class LagProducts {

    /** The spectral route must promise at most this fraction of the direct work (its GEMMs are smaller). */
    private static final double SPECTRAL_ADVANTAGE = 0.5;
    /** Cross-spectra are formed this many doubles at a time, then folded into the result. */
    private static final long SPECTRUM_CHUNK_DOUBLES = 1L << 21;

    private LagProducts() {
    }

    /**
     * C_δ for every δ in {@code lags}, written to {@code out} (lags.length consecutive row-major n×n matrices).
     * {@code z} holds the series time-major: element (t, trial, i) at (t·trials + trial)·n + i.
     */
    static void compute(DoublePointer z, int trials, int time, int n, int window, int[] lags, DoublePointer out) {
        check(time, window, lags);
        if (spectralIsCheaper(trials, time, n, window, lags.length)) {
            spectral(z, trials, time, n, window, lags, out);
        } else {
            direct(z, trials, time, n, window, lags, out);
        }
    }

    /** Whether the spectral route's estimated FLOPs are below {@link #SPECTRAL_ADVANTAGE} of the direct route's. */
    static boolean spectralIsCheaper(int trials, int time, int n, int window, int lagCount) {
        double freqs = time / 2 + 1;
        double samples = (double) trials * n;
        double directFlops = 2.0 * lagCount * n * n * window * trials;
        double spectralFlops = 4.0 * freqs * samples * (time + window) // both transforms
                + 8.0 * freqs * n * n * trials                          // cross-spectra
                + 4.0 * lagCount * freqs * n * n;                       // back to lags
        return spectralFlops < SPECTRAL_ADVANTAGE * directFlops;
    }

    /** One GEMM per lag over the window's samples of all trials. */
    static void direct(DoublePointer z, int trials, int time, int n, int window, int[] lags, DoublePointer out) {
        check(time, window, lags);
        long slab = (long) trials * n;
        for (int j = 0; j < lags.length; j++) {
            NativeBlas.gemm(true, false, n, n, window * trials, 1.0, z, lags[j] * slab, n, z, 0, n,
                    0.0, out, (long) j * n * n, n);
        }
    }

    /** Through the cross-spectrum, see the class comment. */
    static void spectral(DoublePointer z, int trials, int time, int n, int window, int[] lags, DoublePointer out) {
        check(time, window, lags);
        int length = time;
        int freqs = length / 2 + 1;
        int rows = 2 * freqs; // per frequency a cos row and a −sin row
        long samples = (long) trials * n;
        long nn = (long) n * n;
        // Work space kept by the thread (Scratch): every element is written before it is read.
        try (Scratch.Lease dftLease = Scratch.offHeap("lag-products.dft", (long) rows * length);
             Scratch.Lease uLease = Scratch.offHeap("lag-products.u", rows * samples);
             Scratch.Lease vLease = Scratch.offHeap("lag-products.v", rows * samples);
             Scratch.Lease weightsLease = Scratch.offHeap("lag-products.weights", (long) lags.length * rows);
             Scratch.Lease spectrumLease = Scratch.offHeap("lag-products.spectrum",
                     2 * Math.max(1, Math.min(freqs, SPECTRUM_CHUNK_DOUBLES / (2 * nn))) * nn)) {
            DoublePointer dft = dftLease.pointer();
            DoublePointer u = uLease.pointer();
            DoublePointer v = vLease.pointer();
            DoublePointer weights = weightsLease.pointer();
            DoublePointer spectrum = spectrumLease.pointer();
            dft.put(transformMatrix(freqs, length));
            weights.put(lagWeights(freqs, length, lags));
            // û = D·x over all T samples, v̂ = D[:, :w]·x[:w]: row 2f holds Re, row 2f+1 holds Im, each trials×n. When
            // the window leaves out fewer samples than it keeps, v̂ = û − D[:, w:]·x[w:] is the cheaper product.
            NativeBlas.gemm(false, false, rows, (int) samples, length, 1.0, dft, 0, length, z, 0, (int) samples,
                    0.0, u, 0, (int) samples);
            if (length - window < window) {
                NativeBlas.copy(u, 0, v, 0, rows * samples);
                NativeBlas.gemm(false, false, rows, (int) samples, length - window, -1.0, dft, window, length,
                        z, window * samples, (int) samples, 1.0, v, 0, (int) samples);
            } else {
                NativeBlas.gemm(false, false, rows, (int) samples, window, 1.0, dft, 0, length, z, 0, (int) samples,
                        0.0, v, 0, (int) samples);
            }
            int chunk = (int) Math.max(1, Math.min(freqs, SPECTRUM_CHUNK_DOUBLES / (2 * nn)));
            for (int f0 = 0; f0 < freqs; f0 += chunk) {
                int count = Math.min(chunk, freqs - f0);
                for (int c = 0; c < count; c++) {
                    crossSpectrum(u, v, (long) (f0 + c) * 2 * samples, trials, n, spectrum, 2L * c * nn);
                }
                // C += W[:, chunk]·S[chunk]
                NativeBlas.gemm(false, false, lags.length, (int) nn, 2 * count, 1.0, weights, 2L * f0, rows,
                        spectrum, 0, (int) nn, f0 == 0 ? 0.0 : 1.0, out, 0, (int) nn);
            }
        }
    }

    /**
     * S(f) = Σ_trials û·v̂ᴴ for one frequency whose (Re; Im) rows start at {@code off} in u and v (each a
     * 2·trials × n matrix): Re S = ReûᵀRev̂ + ImûᵀImv̂ (one product over both halves), Im S = ImûᵀRev̂ − ReûᵀImv̂.
     */
    private static void crossSpectrum(DoublePointer u, DoublePointer v, long off, int trials, int n,
                                      DoublePointer s, long sOff) {
        long half = (long) trials * n;
        long nn = (long) n * n;
        NativeBlas.gemm(true, false, n, n, 2 * trials, 1.0, u, off, n, v, off, n, 0.0, s, sOff, n);
        NativeBlas.gemm(true, false, n, n, trials, 1.0, u, off + half, n, v, off, n, 0.0, s, sOff + nn, n);
        NativeBlas.gemm(true, false, n, n, trials, -1.0, u, off, n, v, off + half, n, 1.0, s, sOff + nn, n);
    }

    /** D (2F × L): row 2f = cos(2πft/L), row 2f+1 = −sin(2πft/L). */
    static double[] transformMatrix(int freqs, int length) {
        double[] d = new double[2 * freqs * length];
        for (int f = 0; f < freqs; f++) {
            for (int t = 0; t < length; t++) {
                double angle = angle((long) f * t, length);
                d[(2 * f) * length + t] = Math.cos(angle);
                d[(2 * f + 1) * length + t] = -Math.sin(angle);
            }
        }
        return d;
    }

    /**
     * W (lags × 2F): C_δ = Σ_f W[δ, 2f]·Re S(f) + W[δ, 2f+1]·Im S(f), folding each frequency with its mirror
     * L − f (weight 2, except f = 0 and, for even L, f = L/2, which have no separate mirror).
     */
    private static double[] lagWeights(int freqs, int length, int[] lags) {
        double[] w = new double[lags.length * 2 * freqs];
        for (int j = 0; j < lags.length; j++) {
            for (int f = 0; f < freqs; f++) {
                boolean selfMirrored = f == 0 || 2 * f == length;
                double scale = (selfMirrored ? 1.0 : 2.0) / length;
                double angle = angle((long) f * lags[j], length);
                w[j * 2 * freqs + 2 * f] = scale * Math.cos(angle);
                w[j * 2 * freqs + 2 * f + 1] = -scale * Math.sin(angle);
            }
        }
        return w;
    }

    /** 2π·(m mod L)/L, reduced first so that the angle is exact to the last bit for any m. */
    private static double angle(long m, int length) {
        return 2 * Math.PI * (m % length) / length;
    }

    private static void check(int time, int window, int[] lags) {
        for (int lag : lags) {
            if (lag < 0 || lag + window > time || window < 1) {
                throw new IllegalArgumentException("lag " + lag + " with window " + window + " exceeds " + time
                        + " time steps");
            }
        }
    }
}
