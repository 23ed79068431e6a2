package org.repal.core.metric;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.repal.core.linalg.SmallMatrices;

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
final class CayleyAdamRun {
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

    CayleyAdamRun(int n) {
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
        FastTanh.tanh(t1, z1, nn);
        bZ1.put(0, z1);
        SmallMatrices.gemm(false, true, 1.0, bZ1, bW2, 0.0, bP, n);
        bP.get(0, t1);
        FastTanh.tanh(t1, z2, nn);
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
        // third layer M = Z2 W3ᵀ, then back through Z2 = tanh(Z1 W2ᵀ)
        backLinearThenTanh(bGM, bZ2, bW3, bGW3, z2);
        // second layer Z2 = tanh(Z1 W2ᵀ), then back through Z1 = tanh(X W1ᵀ)
        backLinearThenTanh(bGA, bZ1, bW2, bGW2, z1);
        // first layer: Z1 = tanh(X W1ᵀ)
        SmallMatrices.gemm(true, false, 1.0, bGA, bX, 0.0, bGW1, n);
        SmallMatrices.gemm(false, false, 1.0, bGA, bW1, 0.0, bGX, n);
        pGrads.get(0, grads);
        return loss;
    }

    /**
     * Backward through out = in·Wᵀ: G_W = G_outᵀ·in, then through in = tanh(·): the pre-activation gradient
     * G_in ∘ (1 − in²) goes to {@code bGA} for the next layer down.
     */
    private void backLinearThenTanh(DoubleBuffer gOut, DoubleBuffer in, DoubleBuffer w, DoubleBuffer gW,
                                    double[] inValues) {
        SmallMatrices.gemm(true, false, 1.0, gOut, in, 0.0, gW, n);
        SmallMatrices.gemm(false, false, 1.0, gOut, w, 0.0, bGZ, n);
        bGZ.get(0, s1);
        for (int i = 0; i < nn; i++) {
            double z = inValues[i];
            s1[i] = s1[i] * (1.0 - z * z);
        }
        bGA.put(0, s1);
    }

    /** One torch-style Adam step on all parameters with the gradients from the last {@link #lossAndGradient}. */
    void adamStep(double lr) {
        step++;
        double bc1 = 1.0 - Math.pow(ReferenceAligner.BETA1, step);
        double bc2 = 1.0 - Math.pow(ReferenceAligner.BETA2, step);
        double stepSize = lr / bc1;
        double bc2Sqrt = Math.sqrt(bc2);
        double oneMinusB1 = 1.0 - ReferenceAligner.BETA1;
        double oneMinusB2 = 1.0 - ReferenceAligner.BETA2;
        double negStep = -stepSize;
        final double[] p = params;
        final double[] g = grads;
        final double[] mm = m;
        final double[] vv = v;
        for (int i = 0; i < p.length; i++) {
            double gi = g[i];
            double mi = mm[i] * ReferenceAligner.BETA1 + oneMinusB1 * gi;
            double vi = vv[i] * ReferenceAligner.BETA2 + oneMinusB2 * gi * gi;
            mm[i] = mi;
            vv[i] = vi;
            double denom = Math.sqrt(vi) / bc2Sqrt + ReferenceAligner.EPS;
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
