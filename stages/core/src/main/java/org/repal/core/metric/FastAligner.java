package org.repal.core.metric;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.bytedeco.openblas.global.openblas;
import org.repal.core.linalg.SmallMatrices;

/**
 * The default DSA optimiser: Riemannian L-BFGS on the orthogonal group from several starts, keeping the best.
 *
 * <p>Objective f(C) = ‖A‖² + ‖B‖² − 2⟨CᵀAC, B⟩ (= ‖A − CBCᵀ‖² for orthogonal C). Steps are taken in the Lie
 * algebra at the current point, C ← C·cay(tΩ) with the Cayley map cay(X) = (I − X/2)⁻¹(I + X/2), which keeps
 * C exactly orthogonal and stays in C's connected component. The body gradient is
 * G = −[(ÃᵀB − BᵀÃ) + (ÃBᵀ − BÃᵀ)] with Ã = CᵀAC; L-BFGS pairs are kept in body coordinates (identity
 * transport), which is what makes the method quasi-Newton rather than gradient descent.
 *
 * <p>Starts cover both components of O(n) — the identity, the 0↔1 swap (det −1, as the reference does) —
 * plus a signed identity D chosen to align A and B entry-wise (orthogonally related data gives
 * A_v(Y) = D·A_v(X)·D for an SVD sign pattern D, which is far from I in O(n) and traps local searches) and
 * a spectral start from the eigenbases of the symmetric parts ({@link SpectralStarts}). Optional random
 * starts add coverage.
 */
public final class FastAligner implements OrthogonalAligner {

    private static final int MEMORY = 8;
    private static final double ARMIJO = 1e-4;
    private static final double SQRT2 = Math.sqrt(2.0);
    /** Relative decrease over the stall window below which a start's first descent stops. */
    private static final double LOOSE_DECREASE = 3e-5;
    /** How many of the best first descents are polished to full precision. */
    private static final int POLISHED = 2;
    private static final int STALL_WINDOW = 25;
    /** Relative decrease of the objective over the stall window that ends the final polish. */
    private static final double STALL_DECREASE = 1e-9;

    private final int maxIterations;
    private final int randomStarts;
    private final long seed;
    private final double gradientTolerance;
    private final int threads;

    /**
     * @param maxIterations L-BFGS iterations allowed per start
     * @param randomStarts  extra starts drawn uniformly from O(n) (Haar) with {@code seed}
     */
    public FastAligner(int maxIterations, int randomStarts, long seed) {
        this(maxIterations, randomStarts, seed, 1);
    }

    /** As above, with the starts spread over {@code threads} threads (for a single comparison). */
    public FastAligner(int maxIterations, int randomStarts, long seed, int threads) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + maxIterations);
        }
        if (randomStarts < 0) {
            throw new IllegalArgumentException("random starts must be >= 0, got " + randomStarts);
        }
        this.maxIterations = maxIterations;
        this.randomStarts = randomStarts;
        this.seed = seed;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.gradientTolerance = 1e-10;
    }

    @Override
    public OrthogonalAligner withThreads(int count) {
        return new FastAligner(maxIterations, randomStarts, seed, count);
    }

    public FastAligner() {
        this(1000, 0, 0L);
    }

    @Override
    public String name() {
        return "fast";
    }

    @Override
    public Alignment align(double[] a, double[] b, int n) {
        if (n == 1) {
            double diff = a[0] - b[0];
            return new Alignment(new double[] {1.0}, diff * diff, 0);
        }
        double constant = dot(a, a) + dot(b, b);
        // Descend from every start to a loose tolerance, then polish only the most promising few: basins are
        // told apart long before the last digits of the winner are, and that final descent is the costly part.
        // Every start always runs (no early exit), so the result and the iteration count do not depend on
        // how many threads share the work.
        List<Callable<Run>> descents = new ArrayList<>();
        for (double[] start : starts(a, b, n)) {
            descents.add(() -> minimise(a, b, n, start, constant, new Workspace(a, b, n), maxIterations, LOOSE_DECREASE));
        }
        List<Run> runs = new ArrayList<>(Dsa.runAll(descents, threads));
        int spent = runs.stream().mapToInt(Run::iterations).sum();
        runs.sort(Comparator.comparingDouble(Run::loss)); // stable: ties keep start order
        List<Callable<Run>> polishes = new ArrayList<>();
        for (Run candidate : runs.subList(0, Math.min(POLISHED, runs.size()))) {
            if (candidate.loss > 1e-14 * constant) {
                polishes.add(() -> minimise(a, b, n, candidate.c, constant, new Workspace(a, b, n), maxIterations,
                        STALL_DECREASE));
            }
        }
        Run best = runs.get(0);
        for (Run finished : Dsa.runAll(polishes, threads)) {
            spent += finished.iterations;
            if (finished.loss < best.loss) {
                best = finished;
            }
        }
        return new Alignment(best.c, SmallMatrices.similarityResidualSquared(a, b, best.c, n), spent);
    }

    private List<double[]> starts(double[] a, double[] b, int n) {
        List<double[]> starts = new ArrayList<>();
        starts.add(SmallMatrices.identity(n));
        double[] swap = SmallMatrices.identity(n);
        swap[0] = 0;
        swap[1] = 1;
        swap[n] = 1;
        swap[n + 1] = 0;
        starts.add(swap);
        double[] signs = SignAlignment.bestSigns(a, b, n);
        boolean allPositive = true;
        for (double s : signs) {
            allPositive &= s > 0;
        }
        if (!allPositive) {
            double[] d = new double[n * n];
            for (int i = 0; i < n; i++) {
                d[i * n + i] = signs[i];
            }
            starts.add(d);
        }
        starts.addAll(SpectralStarts.of(a, b, n));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < randomStarts; i++) {
            starts.add(RandomOrthogonal.haar(n, random));
        }
        return starts;
    }

    private record Run(double[] c, double loss, int iterations, boolean converged) {
    }

    /** L-BFGS with Armijo backtracking from {@code start}. */
    private Run minimise(double[] a, double[] b, int n, double[] start, double constant, Workspace ws, int budget,
                         double stallDecrease) {
        int nn = n * n;
        int dim = n * (n - 1) / 2; // L-BFGS vectors hold the upper triangle of skew matrices, scaled by √2
        double[] c = start.clone();
        double[] g = new double[dim];
        double f = evaluate(a, b, n, c, constant, g, ws);
        double[][] sHist = new double[MEMORY][dim];
        double[][] yHist = new double[MEMORY][dim];
        double[] rho = new double[MEMORY];
        double[] alpha = new double[MEMORY];
        int stored = 0;
        int head = 0;
        double[] dir = new double[dim];
        double[] trialC = new double[nn];
        double[] trialG = new double[dim];
        double[] recent = new double[STALL_WINDOW];
        boolean converged = false;
        int it = 0;
        for (; it < budget; it++) {
            double gnorm = Math.sqrt(dot(g, g));
            // Converged: gradient at working precision, or the objective has stopped moving relative to its
            // value (f = 4·sin²(θ/2), so a relative change of 1e-9 in f is one of ~5e-10 in θ).
            if (gnorm <= gradientTolerance || f <= 1e-14 * constant
                    || (it >= STALL_WINDOW && recent[it % STALL_WINDOW] - f < stallDecrease * f + 1e-15 * constant)) {
                converged = true;
                break;
            }
            recent[it % STALL_WINDOW] = f;
            // Two-loop recursion: dir = −H·g.
            System.arraycopy(g, 0, dir, 0, dim);
            for (int m = 0; m < stored; m++) {
                int idx = Math.floorMod(head - 1 - m, MEMORY);
                alpha[idx] = rho[idx] * dot(sHist[idx], dir);
                axpy(-alpha[idx], yHist[idx], dir);
            }
            double gamma = 1.0;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, MEMORY);
                gamma = dot(sHist[last], yHist[last]) / dot(yHist[last], yHist[last]);
            } else {
                gamma = Math.min(1.0, 1.0 / gnorm);
            }
            scale(gamma, dir);
            for (int m = stored - 1; m >= 0; m--) {
                int idx = Math.floorMod(head - 1 - m, MEMORY);
                double beta = rho[idx] * dot(yHist[idx], dir);
                axpy(alpha[idx] - beta, sHist[idx], dir);
            }
            scale(-1.0, dir);
            double slope = dot(g, dir);
            if (slope >= 0) { // not a descent direction: fall back to steepest descent
                for (int i = 0; i < dim; i++) {
                    dir[i] = -g[i] * Math.min(1.0, 1.0 / gnorm);
                }
                slope = dot(g, dir);
                stored = 0;
            }
            double t = 1.0;
            double trialF = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 40; ls++) {
                retract(c, dir, t, n, trialC, ws);
                trialF = evaluate(a, b, n, trialC, constant, trialG, ws);
                if (trialF <= f + ARMIJO * t * slope) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                converged = true; // no decrease possible at working precision
                break;
            }
            double[] s = sHist[head];
            double[] y = yHist[head];
            double sy = 0;
            for (int i = 0; i < dim; i++) {
                s[i] = t * dir[i];
                y[i] = trialG[i] - g[i];
                sy += s[i] * y[i];
            }
            if (sy > 1e-16 * Math.sqrt(dot(s, s) * dot(y, y))) {
                rho[head] = 1.0 / sy;
                head = (head + 1) % MEMORY;
                stored = Math.min(stored + 1, MEMORY);
            }
            double previous = f;
            System.arraycopy(trialC, 0, c, 0, nn);
            System.arraycopy(trialG, 0, g, 0, dim);
            f = trialF;
            if (previous - f <= 1e-16 * Math.max(1.0, Math.abs(f)) && t < 1e-6) {
                break;
            }
        }
        return new Run(c, f, it, converged);
    }

    /**
     * Reusable scratch so that evaluations do not allocate. Products run on direct buffers (no JNI copies of
     * the operands); element-wise work runs on the Java arrays, joined by bulk copies.
     */
    private static final class Workspace {
        final int n;
        final double[] at;
        final double[] m1;
        final double[] m2;
        final double[] lhs;
        final double[] rhs;
        final DoubleBuffer bufA;
        final DoubleBuffer bufB;
        final DoubleBuffer bufC;
        final DoubleBuffer bufAc;
        final DoubleBuffer bufAt;
        final DoubleBuffer bufM1;
        final DoubleBuffer bufM2;
        final DoubleBuffer bufLhs;
        final DoubleBuffer bufRhs;
        final DoubleBuffer bufOut;
        final IntBuffer pivots;

        Workspace(double[] a, double[] b, int n) {
            int nn = n * n;
            this.n = n;
            at = new double[nn];
            m1 = new double[nn];
            m2 = new double[nn];
            lhs = new double[nn];
            rhs = new double[nn];
            bufA = SmallMatrices.allocateDirect(nn).put(0, a);
            bufB = SmallMatrices.allocateDirect(nn).put(0, b);
            bufC = SmallMatrices.allocateDirect(nn);
            bufAc = SmallMatrices.allocateDirect(nn);
            bufAt = SmallMatrices.allocateDirect(nn);
            bufM1 = SmallMatrices.allocateDirect(nn);
            bufM2 = SmallMatrices.allocateDirect(nn);
            bufLhs = SmallMatrices.allocateDirect(nn);
            bufRhs = SmallMatrices.allocateDirect(nn);
            bufOut = SmallMatrices.allocateDirect(nn);
            pivots = SmallMatrices.allocateDirectInts(n);
        }
    }

    /** f(C) and the body gradient G, packed as √2·G_ij for i < j (written to {@code grad}). */
    private static double evaluate(double[] a, double[] b, int n, double[] c, double constant, double[] grad,
                                   Workspace ws) {
        ws.bufC.put(0, c);
        SmallMatrices.gemm(false, false, 1.0, ws.bufA, ws.bufC, 0.0, ws.bufAc, n);     // A·C
        SmallMatrices.gemm(true, false, 1.0, ws.bufC, ws.bufAc, 0.0, ws.bufAt, n);    // Ã = Cᵀ·A·C
        SmallMatrices.gemm(true, false, 1.0, ws.bufAt, ws.bufB, 0.0, ws.bufM1, n);    // M = ÃᵀB
        SmallMatrices.gemm(false, true, 1.0, ws.bufAt, ws.bufB, 0.0, ws.bufM2, n);    // N = ÃBᵀ
        ws.bufAt.get(0, ws.at);
        ws.bufM1.get(0, ws.m1);
        ws.bufM2.get(0, ws.m2);
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int ij = i * n + j;
                int ji = j * n + i;
                grad[k++] = -SQRT2 * ((ws.m1[ij] - ws.m1[ji]) + (ws.m2[ij] - ws.m2[ji]));
            }
        }
        return constant - 2.0 * dot(ws.at, b);
    }

    /** out = C·cay(t·Ω) for Ω unpacked from {@code omega}; cay(X) = (I − X/2)⁻¹(I + X/2). */
    private static void retract(double[] c, double[] omega, double t, int n, double[] out, Workspace ws) {
        double h = 0.5 * t / SQRT2;
        int k = 0;
        for (int i = 0; i < n; i++) {
            ws.lhs[i * n + i] = 1.0;
            ws.rhs[i * n + i] = 1.0;
            for (int j = i + 1; j < n; j++) {
                double x = h * omega[k++];
                ws.lhs[i * n + j] = -x;
                ws.lhs[j * n + i] = x;
                ws.rhs[i * n + j] = x;
                ws.rhs[j * n + i] = -x;
            }
        }
        ws.bufLhs.put(0, ws.lhs);
        ws.bufRhs.put(0, ws.rhs);
        // Column-major call on row-major data: LAPACK sees the transposes, i.e. solves (I + X/2)·Z = (I − X/2),
        // and Zᵀ (what we read back row-major) = (I + X/2)(I − X/2)⁻¹ = cay(X), because the Cayley factors
        // commute. This skips LAPACKE's row-major transposition copies (and _work its NaN scans).
        int info = openblas.LAPACKE_dgesv_work(openblas.LAPACK_COL_MAJOR, n, n, ws.bufLhs, n, ws.pivots, ws.bufRhs, n);
        if (info != 0) {
            throw new ArithmeticException("Cayley retraction failed (dgesv info " + info + ")");
        }
        ws.bufC.put(0, c);
        SmallMatrices.gemm(false, false, 1.0, ws.bufC, ws.bufRhs, 0.0, ws.bufOut, n);
        ws.bufOut.get(0, out);
    }

    /** Four partial sums: the JIT does not vectorise a floating-point reduction, but it can overlap them. */
    private static double dot(double[] x, double[] y) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < x.length; i += 4) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
        }
        for (; i < x.length; i++) {
            s0 += x[i] * y[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    private static void scale(double alpha, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= alpha;
        }
    }

    @Override
    public String toString() {
        return "FastAligner[maxIterations=" + maxIterations + ", randomStarts=" + randomStarts + ", seed=" + seed
                + "]";
    }
}
