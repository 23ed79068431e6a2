package org.repal.core.metric;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.repal.core.linalg.SmallMatrices;

/**
 * The optimiser of the Python DSA package ({@code SimilarityTransformDist}, spec §4), reproduced step for step in
 * double precision.
 *
 * <p>Parametrisation: a parameter X (init I) and three bias-free linear layers W1, W2, W3 (init i.i.d.
 * U(−1/√n, 1/√n), drawn W1, W2, W3, each row-major, from a {@link SplittableRandom} seeded with the constructor's
 * seed); M = tanh(tanh(X W1ᵀ) W2ᵀ) W3ᵀ, S = M − Mᵀ, C = (I+S)⁻¹(I−S) (LU with partial pivoting of I+S). Loss
 * L = Σ (A − C B Cᵀ)². All four matrices are trained by Adam exactly as {@code torch.optim.Adam} with β = (0.9,
 * 0.999), ε = 1e-8 and torch's bias-correction arithmetic (step size lr/(1−β1ᵗ), denominator
 * √v/√(1−β2ᵗ) + ε), for a fixed number of steps (no early stopping). Gradients are the hand-derived ones of spec
 * §4.3, with one exact rewrite: the Cayley backward G_S = −(I+S)⁻ᵀ G_C (C+I)ᵀ uses (I+S)⁻¹ = (C+I)/2 (which
 * holds because C + I = (I+S)⁻¹(I−S) + (I+S)⁻¹(I+S)), i.e. G_S = −½ (C+I)ᵀ G_C (C+I)ᵀ: two GEMMs instead of a
 * transposed LU solve and a GEMM. It differs from the solve only by rounding (≈ 1e-16 relative).
 *
 * <p>Two runs: run 1 on (A, B); run 2 on (A, P B Pᵀ) with P the identity with rows 0 and 1 swapped, from a fresh
 * random initialisation (the same random stream continues). The run whose last recorded loss (the loss before
 * its last step) is lower wins, ties going to run 1; C is read after the last step; if run 2 wins C* = C₂ P.
 * {@link Alignment#loss()} is ‖A − C* B C*ᵀ‖² recomputed at the returned C*, {@link Alignment#iterations()} is
 * the total number of Adam steps (2·iters).
 *
 * <p>The Cayley map only produces rotations (det +1, no eigenvalue −1), so run 1 reaches SO(n) and run 2 the
 * other component of O(n) only approximately; this is the reference behaviour and is deliberately kept.
 *
 * <p>n = 1: S = M − Mᵀ is identically 0, so C = [1], every gradient is 0 and Adam never moves; the swap does
 * nothing, both runs are identical and run 1 wins the tie. The result is C = [1] with loss (a − b)², computed
 * directly without running the (stationary) optimiser; iterations still reports 2·iters.
 *
 * <p>Each {@link #align} call creates its own random stream from the seed, so results are reproducible and the
 * object is safe to share between threads. Performance: all work arrays are allocated once per call; the
 * step loop allocates nothing, keeps the BLAS/LAPACK chain in direct buffers (no JNI array copies) and does the
 * element-wise work in Java arrays.
 */
public final class ReferenceAligner implements OrthogonalAligner {

    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final int DEFAULT_ITERATIONS = 1000;

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final long seed;
    private final double learningRate;
    private final int iterations;

    /** lr 0.01 and 1000 steps per run, RepAL's setting. */
    public ReferenceAligner(long seed) {
        this(seed, DEFAULT_LEARNING_RATE, DEFAULT_ITERATIONS);
    }

    /**
     * @param iterations Adam steps per run (≥ 1)
     */
    public ReferenceAligner(long seed, double learningRate, int iterations) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite: " + learningRate);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1: " + iterations);
        }
        this.seed = seed;
        this.learningRate = learningRate;
        this.iterations = iterations;
    }

    @Override
    public String name() {
        return "reference";
    }

    public long seed() {
        return seed;
    }

    public double learningRate() {
        return learningRate;
    }

    /** Adam steps per run. */
    public int iterationsPerRun() {
        return iterations;
    }

    @Override
    public Alignment align(double[] a, double[] b, int n) {
        return trace(a, b, n).alignment();
    }

    /**
     * Everything the reference records: the final alignment, the per-step (pre-step) losses of both runs, which
     * run was chosen and the C of each run (run 2's C is for the swapped problem, i.e. before multiplying by P).
     */
    public record Trace(Alignment alignment, double[] losses1, double[] losses2, boolean secondRunChosen,
            double[] c1, double[] c2) {
    }

    /** Like {@link #align} but also returns the loss histories. */
    public Trace trace(double[] a, double[] b, int n) {
        validate(a, b, n);
        if (n == 1) {
            double d = a[0] - b[0];
            double[] losses = new double[iterations];
            Arrays.fill(losses, d * d);
            return new Trace(new Alignment(new double[] {1.0}, d * d, 2 * iterations), losses, losses.clone(),
                    false, new double[] {1.0}, new double[] {1.0});
        }
        SplittableRandom rng = new SplittableRandom(seed);
        CayleyAdamRun run = new CayleyAdamRun(n);

        run.setProblem(a, b);
        run.initialise(rng);
        double[] losses1 = run.optimise(learningRate, iterations);
        double[] c1 = run.currentC();

        double[] pbp = swapFirstTwo(b, n);
        run.setProblem(a, pbp);
        run.initialise(rng);
        double[] losses2 = run.optimise(learningRate, iterations);
        double[] c2 = run.currentC();

        boolean second = losses2[iterations - 1] < losses1[iterations - 1];
        double[] cStar;
        if (second) {
            cStar = c2.clone();
            for (int i = 0; i < n; i++) { // C2 P: swap columns 0 and 1
                double t = cStar[i * n];
                cStar[i * n] = cStar[i * n + 1];
                cStar[i * n + 1] = t;
            }
        } else {
            cStar = c1.clone();
        }
        double loss = SmallMatrices.similarityResidualSquared(a, b, cStar, n);
        return new Trace(new Alignment(cStar, loss, 2 * iterations), losses1, losses2, second, c1, c2);
    }

    /** P B Pᵀ with P = I with rows 0 and 1 swapped (swaps rows 0,1 and columns 0,1). */
    static double[] swapFirstTwo(double[] b, int n) {
        double[] out = Arrays.copyOf(b, n * n);
        if (n < 2) {
            return out;
        }
        for (int j = 0; j < n; j++) {
            double t = out[j];
            out[j] = out[n + j];
            out[n + j] = t;
        }
        for (int i = 0; i < n; i++) {
            double t = out[i * n];
            out[i * n] = out[i * n + 1];
            out[i * n + 1] = t;
        }
        return out;
    }

    private static void validate(double[] a, double[] b, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        long nn = (long) n * n;
        if (a.length < nn || b.length < nn) {
            throw new IllegalArgumentException("need " + nn + " elements, got A " + a.length + ", B " + b.length);
        }
        for (int i = 0; i < nn; i++) {
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException("non-finite entry at " + i);
            }
        }
    }

}
