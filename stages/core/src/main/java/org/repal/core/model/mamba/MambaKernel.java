package org.repal.core.model.mamba;

import java.util.Arrays;
import org.repal.core.linalg.SmallMatrices;

/**
 * Forward and hand-written backward of one sequence, in double precision, with every buffer owned by this
 * lane and sized once per sequence length: nothing is allocated inside the time loops. The SSM is the
 * sequential scan ({@link MambaScan}); its states and decays are stored ([T][N][ED]) for the reverse scan. Rows
 * are time steps. The projections are GEMMs over the sequence's T rows in OpenBLAS (measured at T = 400, its
 * vector kernels beat register-blocked scalar Java loops 2–7× even with the JNI call and array copies), so lanes
 * run with one OpenBLAS thread.
 */
final class MambaKernel {
    private static final int K = MambaConfig.D_CONV;

    private final MambaLayout lay;
    private final int d;
    private final int e;
    private final int n;
    private final int xr;
    private final int r;
    private final int o;
    private final int in;
    private final int layers;
    private int steps;

    double[] x;
    /** Residual stream: s[l] enters block l, s[layers] leaves the last one. [T·D] each. */
    double[][] s;
    /** Inverse RMS and normalised rows per norm; index {@code layers} is norm_f. */
    double[][] rinv;
    double[][] nrm;
    double[][] xz;
    double[][] cv;
    /** σ of the conv output and of the gate's z, [T·ED]: the backward pass reuses them instead of exp again. */
    double[][] sigCv;
    double[][] sigZ;
    double[][] u;
    double[][] dbc;
    double[][] dtp;
    double[][] delta;
    double[][] h;
    double[][] decay;
    double[][] y;
    double[][] g;
    double[] logits;
    double[] dlogits;

    private double[] gs;
    private double[] dn;
    private double[] dxz;
    private double[] dy;
    private double[] du;
    private double[] ddt;
    private double[] ddbc;
    private final double[] dA;
    private final double[] dD;
    private final MambaScan scan;
    /** One weight's gradient for one sequence, before it is added into the lane's sum. */
    private final double[] wg;

    MambaKernel(MambaLayout layout) {
        this.lay = layout;
        MambaConfig c = layout.config();
        this.d = c.dModel();
        this.e = c.inner();
        this.n = c.state();
        this.xr = c.xProjRows();
        this.r = c.dtRank();
        this.o = c.outputs();
        this.in = c.inputs();
        this.layers = c.layers();
        this.dA = new double[e * n];
        this.dD = new double[e];
        this.scan = new MambaScan(c);
        this.wg = new double[Math.max(Math.max(2 * e * d, xr * e), o * d)];
    }

    /** Sizes the buffers for sequences of {@code t} steps (reallocates only when T changes). */
    void ensure(int t) {
        if (t == steps) {
            return;
        }
        steps = t;
        x = new double[t * in];
        s = new double[layers + 1][t * d];
        rinv = new double[layers + 1][t];
        nrm = new double[layers + 1][t * d];
        xz = new double[layers][t * 2 * e];
        cv = new double[layers][t * e];
        sigCv = new double[layers][t * e];
        sigZ = new double[layers][t * e];
        u = new double[layers][t * e];
        dbc = new double[layers][t * xr];
        dtp = new double[layers][t * e];
        delta = new double[layers][t * e];
        h = new double[layers][t * e * n];
        decay = new double[layers][t * e * n];
        y = new double[layers][t * e];
        g = new double[layers][t * e];
        logits = new double[t * o];
        dlogits = new double[t * o];
        gs = new double[t * d];
        dn = new double[t * d];
        dxz = new double[t * 2 * e];
        dy = new double[t * e];
        du = new double[t * e];
        ddt = new double[t * e];
        ddbc = new double[t * xr];
    }

    int steps() {
        return steps;
    }

    /** Layer l's SSM state after step t in PyTorch's order [ED][N] (the buffers are state-major). */
    double[] ssmState(int l, int t) {
        double[] out = new double[e * n];
        int ho = t * e * n;
        for (int k = 0; k < n; k++) {
            for (int ch = 0; ch < e; ch++) {
                out[ch * n + k] = h[l][ho + k * e + ch];
            }
        }
        return out;
    }

    /** out[T × rows] = a[T × cols] · wᵀ (+ out when {@code accumulate}); w is a weight in PyTorch's [rows][cols]. */
    private void project(double[] a, double[] w, int rows, int cols, boolean accumulate, double[] out) {
        SmallMatrices.gemm(false, true, steps, rows, cols, 1, a, w, accumulate ? 1 : 0, out);
    }

    /** out[T × cols] (+)= a[T × rows] · w: the input side's gradient of {@link #project}. */
    private void projectBack(double[] a, double[] w, int rows, int cols, boolean accumulate, double[] out) {
        SmallMatrices.gemm(false, false, steps, cols, rows, 1, a, w, accumulate ? 1 : 0, out);
    }

    /** grad[off…] += dOutᵀ · in, the [rows][cols] weight's gradient summed over the steps. */
    private void weightGradient(double[] dOut, int rows, double[] in, int cols, double[] grad, int off) {
        SmallMatrices.gemm(true, false, rows, cols, steps, 1, dOut, in, 0, wg);
        for (int i = 0; i < rows * cols; i++) {
            grad[off + i] += wg[i];
        }
    }

    /** Runs the network over {@link #x} (T·n_in, filled by the caller), filling every buffer and {@link #logits}. */
    void forward(MambaWeights wt) {
        double[] w = wt.w;
        int t1 = steps;
        double[] s0 = s[0];
        for (int t = 0; t < t1; t++) {
            for (int j = 0; j < d; j++) {
                s0[t * d + j] = w[lay.embB + j];
            }
            for (int i = 0; i < in; i++) {
                double v = x[t * in + i];
                for (int j = 0; j < d; j++) {
                    s0[t * d + j] += v * wt.embT[i * d + j];
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            block(wt, l);
        }
        double[] sl = s[layers];
        for (int t = 0; t < t1; t++) {
            rinv[layers][t] = MambaMath.rmsNorm(sl, t * d, w, lay.normF, nrm[layers], t * d, d);
        }
        project(nrm[layers], wt.head, o, d, false, logits);
    }

    private void block(MambaWeights wt, int l) {
        double[] w = wt.w;
        int t1 = steps;
        int e2 = 2 * e;
        double[] sIn = s[l];
        double[] nl = nrm[l];
        for (int t = 0; t < t1; t++) {
            rinv[l][t] = MambaMath.rmsNorm(sIn, t * d, w, lay.norm[l], nl, t * d, d);
        }
        double[] xzl = xz[l];
        project(nl, wt.in[l], e2, d, false, xzl);
        // Causal depthwise conv over the x half, then SiLU.
        double[] cvl = cv[l];
        double[] sc = sigCv[l];
        double[] ul = u[l];
        int cw = lay.convW[l];
        int cb = lay.convB[l];
        for (int t = 0; t < t1; t++) {
            for (int ch = 0; ch < e; ch++) {
                double acc = w[cb + ch];
                for (int k = 0; k < K; k++) {
                    int ts = t - (K - 1) + k;
                    if (ts >= 0) {
                        acc += w[cw + ch * K + k] * xzl[ts * e2 + ch];
                    }
                }
                cvl[t * e + ch] = acc;
                double sg = MambaMath.sigmoid(acc);
                sc[t * e + ch] = sg;
                ul[t * e + ch] = acc * sg;
            }
        }
        double[] bc = dbc[l];
        project(ul, wt.x[l], xr, e, false, bc);
        double[] pre = dtp[l];
        double[] dl = delta[l];
        int dw = lay.dtW[l];
        int db = lay.dtB[l];
        for (int t = 0; t < t1; t++) {
            for (int ch = 0; ch < e; ch++) {
                double p = w[db + ch];
                for (int q = 0; q < r; q++) {
                    p += w[dw + ch * r + q] * bc[t * xr + q];
                }
                pre[t * e + ch] = p;
                dl[t * e + ch] = MambaMath.softplus(p);
            }
        }
        double[] yl = y[l];
        scan.forward(t1, dl, ul, bc, wt.aT[l], wt.dSkip[l], h[l], decay[l], yl);
        double[] gl = g[l];
        double[] sz = sigZ[l];
        for (int t = 0; t < t1; t++) {
            for (int ch = 0; ch < e; ch++) {
                double z = xzl[t * e2 + e + ch];
                double sg = MambaMath.sigmoid(z);
                sz[t * e + ch] = sg;
                gl[t * e + ch] = yl[t * e + ch] * (z * sg);
            }
        }
        double[] sOut = s[l + 1];
        System.arraycopy(sIn, 0, sOut, 0, t1 * d);
        project(gl, wt.out[l], d, e, true, sOut);
    }

    /**
     * Back-propagates {@link #dlogits} (filled by the caller) through the last {@link #forward} and adds every
     * parameter's gradient into {@code grad} (the flat layout), except that the A_log slots receive ∂L/∂A.
     */
    void backward(MambaWeights wt, double[] grad) {
        double[] w = wt.w;
        int t1 = steps;
        double[] nf = nrm[layers];
        weightGradient(dlogits, o, nf, d, grad, lay.head);
        projectBack(dlogits, wt.head, o, d, false, dn);
        Arrays.fill(gs, 0, t1 * d, 0);
        rmsBackward(s[layers], w, lay.normF, rinv[layers], grad);
        for (int l = layers - 1; l >= 0; l--) {
            blockBackward(wt, l, grad);
        }
        for (int t = 0; t < t1; t++) {
            for (int j = 0; j < d; j++) {
                double gv = gs[t * d + j];
                grad[lay.embB + j] += gv;
                int go = lay.embW + j * in;
                for (int i = 0; i < in; i++) {
                    grad[go + i] += gv * x[t * in + i];
                }
            }
        }
    }

    /** gs += ∂/∂s of the norm applied to s (rows of {@link #dn} hold ∂L/∂ normalised); adds the weight's gradient. */
    private void rmsBackward(double[] sv, double[] w, int wo, double[] ri, double[] grad) {
        for (int t = 0; t < steps; t++) {
            int so = t * d;
            double rt = ri[t];
            double dot = 0;
            for (int j = 0; j < d; j++) {
                dot += dn[so + j] * w[wo + j] * sv[so + j];
                grad[wo + j] += dn[so + j] * sv[so + j] * rt;
            }
            double c = rt * rt * rt * dot / d;
            for (int j = 0; j < d; j++) {
                gs[so + j] += rt * dn[so + j] * w[wo + j] - c * sv[so + j];
            }
        }
    }

    /** On entry gs = ∂L/∂s[l + 1]; on exit gs = ∂L/∂s[l]. */
    private void blockBackward(MambaWeights wt, int l, double[] grad) {
        double[] w = wt.w;
        int t1 = steps;
        int e2 = 2 * e;
        double[] xzl = xz[l];
        double[] yl = y[l];
        double[] gl = g[l];
        double[] ul = u[l];
        double[] dl = delta[l];
        double[] bc = dbc[l];
        // out_proj, then the gate y ⊙ silu(z): dy, and dz into the z half of dxz.
        weightGradient(gs, d, gl, e, grad, lay.outProj[l]);
        projectBack(gs, wt.out[l], d, e, false, dy);
        for (int t = 0; t < t1; t++) {
            for (int ch = 0; ch < e; ch++) {
                double z = xzl[t * e2 + e + ch];
                double sz = sigZ[l][t * e + ch];
                double dgv = dy[t * e + ch];
                dxz[t * e2 + e + ch] = dgv * yl[t * e + ch] * sz * (1 + z * (1 - sz));
                dxz[t * e2 + ch] = 0;
                dy[t * e + ch] = dgv * z * sz;
            }
        }
        Arrays.fill(dA, 0);
        Arrays.fill(dD, 0);
        Arrays.fill(ddbc, 0, t1 * xr, 0);
        scan.backward(t1, dl, ul, bc, wt.aT[l], wt.dSkip[l], h[l], decay[l], dy, du, ddt, ddbc, dA, dD);
        // dA is state-major; the A_log slots receive ∂L/∂A (MambaWeights.finishDecayGradient makes it ∂L/∂A_log
        // once summed).
        int al0 = lay.aLog[l];
        int ds = lay.dSkip[l];
        for (int ch = 0; ch < e; ch++) {
            grad[ds + ch] += dD[ch];
            for (int k = 0; k < n; k++) {
                grad[al0 + ch * n + k] += dA[k * e + ch];
            }
        }
        // Δ = softplus(W_dt δ + b_dt).
        double[] pre = dtp[l];
        int dw = lay.dtW[l];
        int db = lay.dtB[l];
        for (int t = 0; t < t1; t++) {
            for (int ch = 0; ch < e; ch++) {
                double dp = ddt[t * e + ch] * MambaMath.softplusDerivative(pre[t * e + ch]);
                grad[db + ch] += dp;
                for (int q = 0; q < r; q++) {
                    grad[dw + ch * r + q] += dp * bc[t * xr + q];
                    ddbc[t * xr + q] += w[dw + ch * r + q] * dp;
                }
            }
        }
        // x_proj, then SiLU and the conv.
        weightGradient(ddbc, xr, ul, e, grad, lay.xProj[l]);
        projectBack(ddbc, wt.x[l], xr, e, true, du);
        double[] cvl = cv[l];
        int cw = lay.convW[l];
        int cb = lay.convB[l];
        for (int t = 0; t < t1; t++) {
            for (int ch = 0; ch < e; ch++) {
                double dc = du[t * e + ch] * MambaMath.siluDerivative(cvl[t * e + ch], sigCv[l][t * e + ch]);
                grad[cb + ch] += dc;
                for (int k = 0; k < K; k++) {
                    int ts = t - (K - 1) + k;
                    if (ts >= 0) {
                        grad[cw + ch * K + k] += dc * xzl[ts * e2 + ch];
                        dxz[ts * e2 + ch] += dc * w[cw + ch * K + k];
                    }
                }
            }
        }
        // in_proj, then the block's norm adds its part to gs.
        weightGradient(dxz, e2, nrm[l], d, grad, lay.inProj[l]);
        projectBack(dxz, wt.in[l], e2, d, false, dn);
        rmsBackward(s[l], w, lay.norm[l], rinv[l], grad);
    }
}
