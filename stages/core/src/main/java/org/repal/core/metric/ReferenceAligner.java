package org.repal.core.metric;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
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
        Run run = new Run(n);

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

    // ------------------------------------------------------------------ tanh

    /** Taylor coefficients t_k of tanh x = Σ t_k x^(2k+1), from (2k+1) t_k = −Σ_{i+j=k−1} t_i t_j. */
    private static final double[] TANH_SERIES = tanhSeries(10);
    private static final double TANH_SERIES_LIMIT = 0.2;

    private static double[] tanhSeries(int terms) {
        double[] t = new double[terms];
        t[0] = 1.0;
        for (int k = 1; k < terms; k++) {
            double s = 0.0;
            for (int i = 0; i < k; i++) {
                s += t[i] * t[k - 1 - i];
            }
            t[k] = -s / (2 * k + 1);
        }
        return t;
    }

    /**
     * tanh to within a few ulp, about twice as fast as {@link Math#tanh} on JDK 17: a 10-term odd Taylor
     * polynomial for |x| < 0.2 (truncation < 2e-17 relative), (1 − e^(−2|x|))/(1 + e^(−2|x|)) above (no
     * cancellation there since e^(−2|x|) ≤ 0.67).
     */
    static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < TANH_SERIES_LIMIT) {
            return tanhSeries(x);
        }
        return tanhExp(x, ax);
    }

    private static double tanhSeries(double x) {
        double x2 = x * x;
        double[] t = TANH_SERIES;
        double p = t[9];
        p = p * x2 + t[8];
        p = p * x2 + t[7];
        p = p * x2 + t[6];
        p = p * x2 + t[5];
        p = p * x2 + t[4];
        p = p * x2 + t[3];
        p = p * x2 + t[2];
        p = p * x2 + t[1];
        return x + x * x2 * p;
    }

    private static double tanhExp(double x, double ax) {
        double e = Math.exp(-2.0 * ax);
        return Math.copySign((1.0 - e) / (1.0 + e), x);
    }

    /**
     * {@code out[i] = tanh(in[i])} for i &lt; len, bit-identical to {@link #tanh(double)}. Two passes: the branch-free
     * polynomial for every element (the JIT vectorises it), then the exponential form where |x| ≥ 0.2 — about
     * 2.5× faster than calling {@link #tanh(double)} per element when most arguments are small, as they are here.
     * {@code in} and {@code out} may be the same array.
     */
    static void tanh(double[] in, double[] out, int len) {
        if (in == out) {
            for (int i = 0; i < len; i++) {
                out[i] = tanh(in[i]);
            }
            return;
        }
        final double[] t = TANH_SERIES;
        final double t1 = t[1];
        final double t2 = t[2];
        final double t3 = t[3];
        final double t4 = t[4];
        final double t5 = t[5];
        final double t6 = t[6];
        final double t7 = t[7];
        final double t8 = t[8];
        final double t9 = t[9];
        for (int i = 0; i < len; i++) {
            double x = in[i];
            double x2 = x * x;
            double p = t9;
            p = p * x2 + t8;
            p = p * x2 + t7;
            p = p * x2 + t6;
            p = p * x2 + t5;
            p = p * x2 + t4;
            p = p * x2 + t3;
            p = p * x2 + t2;
            p = p * x2 + t1;
            out[i] = x + x * x2 * p;
        }
        for (int i = 0; i < len; i++) {
            double x = in[i];
            double ax = Math.abs(x);
            if (!(ax < TANH_SERIES_LIMIT)) {
                out[i] = tanhExp(x, ax);
            }
        }
    }

    // ------------------------------------------------------------------ one optimisation run

    /**
     * Work space and state of one Adam run for a fixed n. Parameters are kept flat as [X | W1 | W2 | W3] (each
     * n×n row-major) in a Java array (for Adam) and mirrored in a direct buffer (for BLAS); gradients likewise.
     *
     * <p>Solve convention (LAPACK column-major on row-major buffers, so no LAPACKE transposition copies): the
     * buffer {@code bLU} is filled with the row-major I − S, whose column-major view is (I − S)ᵀ = I + S, so
     * {@code dgetrf} factors exactly I + S, like {@code torch.linalg.solve(I + S, I − S)}. Solving with a buffer
     * holding the row-major I + S gives, row-major, (I+S)(I−S)⁻¹ = Cᵀ (see
     * {@link SmallMatrices#luSolveColMajor}); the column-major content of that buffer is the solution C itself.
     * The run therefore carries Cᵀ ({@code bCt}) and G_Cᵀ instead of C and G_C, and folds the transposes into
     * the GEMM flags.
     */
    static final class Run {
        final int n;
        final int nn;

        // Java side
        final double[] params; // X | W1 | W2 | W3
        final double[] grads; // G_X | G_W1 | G_W2 | G_W3
        final double[] m;
        final double[] v;
        final double[] a;
        final double[] z1;
        final double[] z2;
        final double[] s1; // scratch
        final double[] s2;
        final double[] s3;
        int step;

        // native side
        final DoubleBuffer pParams;
        final DoubleBuffer bX;
        final DoubleBuffer bW1;
        final DoubleBuffer bW2;
        final DoubleBuffer bW3;
        final DoubleBuffer pGrads;
        final DoubleBuffer bGX;
        final DoubleBuffer bGW1;
        final DoubleBuffer bGW2;
        final DoubleBuffer bGW3;
        final DoubleBuffer bP; // pre-activations, M, C B Cᵀ
        final DoubleBuffer bZ1;
        final DoubleBuffer bZ2;
        final DoubleBuffer bLU;
        final DoubleBuffer bCt; // Cᵀ, then (C + I)ᵀ during the backward pass
        final DoubleBuffer bBB; // [B ; Bᵀ], 2n × n
        final DoubleBuffer bK; // [B Cᵀ ; Bᵀ Cᵀ], 2n × n
        final DoubleBuffer bK1;
        final DoubleBuffer bK2;
        final DoubleBuffer bR; // R, then G_C (C+I)ᵀ
        final DoubleBuffer bG; // G_Cᵀ
        final DoubleBuffer bGS;
        final DoubleBuffer bGM;
        final DoubleBuffer bGZ;
        final DoubleBuffer bGA;
        final IntBuffer ipiv;

        Run(int n) {
            this.n = n;
            this.nn = Math.multiplyExact(n, n);
            params = new double[4 * nn];
            grads = new double[4 * nn];
            m = new double[4 * nn];
            v = new double[4 * nn];
            a = new double[nn];
            z1 = new double[nn];
            z2 = new double[nn];
            s1 = new double[nn];
            s2 = new double[nn];
            s3 = new double[nn];

            DoubleBuffer all = SmallMatrices.allocateDirect(Math.multiplyExact(24, nn));
            int off = 0;
            pParams = all.slice(off, 4 * nn);
            bX = all.slice(off, nn);
            bW1 = all.slice(off + nn, nn);
            bW2 = all.slice(off + 2 * nn, nn);
            bW3 = all.slice(off + 3 * nn, nn);
            off += 4 * nn;
            pGrads = all.slice(off, 4 * nn);
            bGX = all.slice(off, nn);
            bGW1 = all.slice(off + nn, nn);
            bGW2 = all.slice(off + 2 * nn, nn);
            bGW3 = all.slice(off + 3 * nn, nn);
            off += 4 * nn;
            bBB = all.slice(off, 2 * nn);
            off += 2 * nn;
            bK = all.slice(off, 2 * nn);
            bK1 = all.slice(off, nn);
            bK2 = all.slice(off + nn, nn);
            off += 2 * nn;
            bP = all.slice(off, nn);
            off += nn;
            bZ1 = all.slice(off, nn);
            off += nn;
            bZ2 = all.slice(off, nn);
            off += nn;
            bLU = all.slice(off, nn);
            off += nn;
            bCt = all.slice(off, nn);
            off += nn;
            bR = all.slice(off, nn);
            off += nn;
            bG = all.slice(off, nn);
            off += nn;
            bGS = all.slice(off, nn);
            off += nn;
            bGM = all.slice(off, nn);
            off += nn;
            bGZ = all.slice(off, nn);
            off += nn;
            bGA = all.slice(off, nn);
            off += nn;
            if (off > 24 * nn) {
                throw new AssertionError("work space layout");
            }
            ipiv = SmallMatrices.allocateDirectInts(n);
        }

        /** Target A and the (possibly swapped) B; stores [B ; Bᵀ] natively. */
        void setProblem(double[] aIn, double[] bIn) {
            System.arraycopy(aIn, 0, a, 0, nn);
            double[] bb = new double[2 * nn];
            System.arraycopy(bIn, 0, bb, 0, nn);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    bb[nn + i * n + j] = bIn[j * n + i];
                }
            }
            bBB.put(0, bb);
        }

        /** X = I, W1..W3 ~ U(−1/√n, 1/√n) in that order, row-major; fresh Adam state. */
        void initialise(SplittableRandom rng) {
            Arrays.fill(params, 0.0);
            for (int i = 0; i < n; i++) {
                params[i * n + i] = 1.0;
            }
            double bound = 1.0 / Math.sqrt(n);
            for (int i = nn; i < 4 * nn; i++) {
                params[i] = rng.nextDouble(-bound, bound);
            }
            Arrays.fill(m, 0.0);
            Arrays.fill(v, 0.0);
            step = 0;
            pParams.put(0, params);
        }

        /** Replaces all parameters ([X | W1 | W2 | W3]); used by tests. */
        void setParameters(double[] flat) {
            System.arraycopy(flat, 0, params, 0, 4 * nn);
            pParams.put(0, params);
        }

        /** {@code iters} Adam steps; returns the loss before each step. */
        double[] optimise(double lr, int iters) {
            double[] losses = new double[iters];
            for (int it = 0; it < iters; it++) {
                losses[it] = lossAndGradient();
                adamStep(lr);
            }
            return losses;
        }

        /** Forward pass up to Cᵀ (left in {@code bCt}), with Z1, Z2 kept for the backward pass. */
        void forwardC() {
            final int n = this.n;
            final int nn = this.nn;
            double[] t1 = s1;
            double[] t2 = s2;
            double[] t3 = s3;
            SmallMatrices.gemm(false, true, 1.0, bX, bW1, 0.0, bP, n);
            bP.get(0, t1);
            tanh(t1, z1, nn);
            bZ1.put(0, z1);
            SmallMatrices.gemm(false, true, 1.0, bZ1, bW2, 0.0, bP, n);
            bP.get(0, t1);
            tanh(t1, z2, nn);
            bZ2.put(0, z2);
            SmallMatrices.gemm(false, true, 1.0, bZ2, bW3, 0.0, bP, n);
            bP.get(0, t1); // M
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = t1[i * n + j] - t1[j * n + i];
                    double d = i == j ? 1.0 : 0.0;
                    t2[i * n + j] = d - s; // I − S
                    t3[i * n + j] = d + s; // I + S
                }
            }
            bLU.put(0, t2);
            bCt.put(0, t3);
            SmallMatrices.luFactorColMajor(bLU, n, ipiv); // LU of I + S
            SmallMatrices.luSolveColMajor(bLU, ipiv, false, bCt, n, n); // Cᵀ
        }

        /** Loss at the current parameters; gradients into {@link #grads}. */
        double lossAndGradient() {
            final int n = this.n;
            final int nn = this.nn;
            forwardC();
            double[] t1 = s1;
            double[] t2 = s2;
            // K = [B Cᵀ ; Bᵀ Cᵀ]; C B Cᵀ = (Bᵀ Cᵀ)ᵀ Cᵀ
            SmallMatrices.gemm(false, false, 2 * n, n, n, 1.0, bBB, bCt, 0.0, bK);
            SmallMatrices.gemm(true, false, 1.0, bK2, bCt, 0.0, bP, n);
            bP.get(0, t1);
            double loss = 0.0;
            for (int i = 0; i < nn; i++) {
                double r = a[i] - t1[i];
                t1[i] = r;
                loss += r * r;
            }
            bR.put(0, t1);
            // G_Cᵀ = −2 (B Cᵀ Rᵀ + Bᵀ Cᵀ R)
            SmallMatrices.gemm(false, true, -2.0, bK1, bR, 0.0, bG, n);
            SmallMatrices.gemm(false, false, -2.0, bK2, bR, 1.0, bG, n);
            // Cayley backward G_S = −(I+S)⁻ᵀ G_C (C+I)ᵀ with (I+S)⁻¹ = (C+I)/2 (as C + I = (I+S)⁻¹ 2I):
            // G_S = −½ (C+I)ᵀ G_C (C+I)ᵀ, two GEMMs instead of a transposed LU solve plus a GEMM
            for (int i = 0; i < n; i++) { // Cᵀ → (C + I)ᵀ
                int d = i * n + i;
                bCt.put(d, bCt.get(d) + 1.0);
            }
            SmallMatrices.gemm(true, false, 1.0, bG, bCt, 0.0, bR, n); // G_C (C+I)ᵀ (R no longer needed)
            SmallMatrices.gemm(false, false, -0.5, bCt, bR, 0.0, bGS, n);
            bGS.get(0, t1);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    t2[i * n + j] = t1[i * n + j] - t1[j * n + i];
                }
            }
            bGM.put(0, t2);
            // third layer: M = Z2 W3ᵀ
            SmallMatrices.gemm(true, false, 1.0, bGM, bZ2, 0.0, bGW3, n);
            SmallMatrices.gemm(false, false, 1.0, bGM, bW3, 0.0, bGZ, n);
            bGZ.get(0, t1);
            for (int i = 0; i < nn; i++) {
                double z = z2[i];
                t1[i] = t1[i] * (1.0 - z * z);
            }
            bGA.put(0, t1);
            // second layer: Z2 = tanh(Z1 W2ᵀ)
            SmallMatrices.gemm(true, false, 1.0, bGA, bZ1, 0.0, bGW2, n);
            SmallMatrices.gemm(false, false, 1.0, bGA, bW2, 0.0, bGZ, n);
            bGZ.get(0, t1);
            for (int i = 0; i < nn; i++) {
                double z = z1[i];
                t1[i] = t1[i] * (1.0 - z * z);
            }
            bGA.put(0, t1);
            // first layer: Z1 = tanh(X W1ᵀ)
            SmallMatrices.gemm(true, false, 1.0, bGA, bX, 0.0, bGW1, n);
            SmallMatrices.gemm(false, false, 1.0, bGA, bW1, 0.0, bGX, n);
            pGrads.get(0, grads);
            return loss;
        }

        /** One torch-style Adam step on all parameters with the gradients from the last {@link #lossAndGradient}. */
        void adamStep(double lr) {
            step++;
            double bc1 = 1.0 - Math.pow(BETA1, step);
            double bc2 = 1.0 - Math.pow(BETA2, step);
            double stepSize = lr / bc1;
            double bc2Sqrt = Math.sqrt(bc2);
            double oneMinusB1 = 1.0 - BETA1;
            double oneMinusB2 = 1.0 - BETA2;
            double negStep = -stepSize;
            final double[] p = params;
            final double[] g = grads;
            final double[] mm = m;
            final double[] vv = v;
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                double mi = mm[i] * BETA1 + oneMinusB1 * gi;
                double vi = vv[i] * BETA2 + oneMinusB2 * gi * gi;
                mm[i] = mi;
                vv[i] = vi;
                double denom = Math.sqrt(vi) / bc2Sqrt + EPS;
                p[i] = p[i] + negStep * (mi / denom);
            }
            pParams.put(0, p);
        }

        /** C (row-major) at the current parameters. */
        double[] currentC() {
            forwardC();
            double[] ct = new double[nn];
            bCt.get(0, ct);
            SmallMatrices.transposeSquareInPlace(ct, n);
            return ct;
        }

        /** Copy of the gradient from the last {@link #lossAndGradient}. */
        double[] gradient() {
            return grads.clone();
        }
    }
}
