package org.repal.core.model.mamba;

import java.util.Arrays;

/**
 * Forward and hand-written backward of one sequence, in double precision, with every buffer owned by this
 * lane and sized once per sequence length: nothing is allocated inside the time loops. The SSM is the
 * sequential scan h_t = exp(Δ_t A)⊙h_{t−1} + (Δ_t ⊗ B_t)·u_t; its states and decays are stored for the reverse
 * scan. Rows are time steps; every product is a loop over contiguous rows (D ≤ 16, ED ≤ 32 are too small for
 * BLAS calls to pay off per sequence).
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
    private double[] carry;
    private double[] dA;
    private final double[] zeroState;

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
        this.zeroState = new double[e * n];
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
        carry = new double[e * n];
        dA = new double[e * n];
    }

    int steps() {
        return steps;
    }

    /** out[rows × cols] = a[rows × k] · bT[k × cols]. */
    private static void matmul(double[] a, int rows, int k, double[] bT, int cols, double[] out) {
        Arrays.fill(out, 0, rows * cols, 0);
        for (int t = 0; t < rows; t++) {
            int ao = t * k;
            int oo = t * cols;
            for (int i = 0; i < k; i++) {
                double v = a[ao + i];
                int bo = i * cols;
                for (int j = 0; j < cols; j++) {
                    out[oo + j] += v * bT[bo + j];
                }
            }
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
        matmul(nrm[layers], t1, d, wt.headT, o, logits);
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
        matmul(nl, t1, d, wt.inT[l], e2, xzl);
        // Causal depthwise conv over the x half, then SiLU.
        double[] cvl = cv[l];
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
                ul[t * e + ch] = MambaMath.silu(acc);
            }
        }
        double[] bc = dbc[l];
        matmul(ul, t1, e, wt.xT[l], xr, bc);
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
        double[] hl = h[l];
        double[] al = decay[l];
        double[] a = wt.a[l];
        double[] yl = y[l];
        double[] gl = g[l];
        int en = e * n;
        for (int t = 0; t < t1; t++) {
            int bo = t * xr + r;
            int co = bo + n;
            double[] hp = t > 0 ? hl : zeroState;
            int hpo = t > 0 ? (t - 1) * en : 0;
            for (int ch = 0; ch < e; ch++) {
                double de = dl[t * e + ch];
                double ue = ul[t * e + ch];
                double du0 = de * ue;
                int ho = t * en + ch * n;
                int ao = ch * n;
                int po = hpo + ch * n;
                double acc = 0;
                for (int k = 0; k < n; k++) {
                    double dec = Math.exp(de * a[ao + k]);
                    double hv = dec * hp[po + k] + du0 * bc[bo + k];
                    hl[ho + k] = hv;
                    al[ho + k] = dec;
                    acc += hv * bc[co + k];
                }
                double yv = acc + wt.dSkip[l][ch] * ue;
                yl[t * e + ch] = yv;
                gl[t * e + ch] = yv * MambaMath.silu(xzl[t * e2 + e + ch]);
            }
        }
        double[] sOut = s[l + 1];
        matmul(gl, t1, e, wt.outT[l], d, sOut);
        for (int i = 0; i < t1 * d; i++) {
            sOut[i] += sIn[i];
        }
    }

    /**
     * Back-propagates {@link #dlogits} (filled by the caller) through the last {@link #forward} and adds every
     * parameter's gradient into {@code grad} (the flat layout), except that the A_log slots receive ∂L/∂A.
     */
    void backward(MambaWeights wt, double[] grad) {
        double[] w = wt.w;
        int t1 = steps;
        double[] nf = nrm[layers];
        Arrays.fill(dn, 0, t1 * d, 0);
        for (int t = 0; t < t1; t++) {
            for (int k = 0; k < o; k++) {
                double gv = dlogits[t * o + k];
                int go = lay.head + k * d;
                for (int j = 0; j < d; j++) {
                    grad[go + j] += gv * nf[t * d + j];
                    dn[t * d + j] += gv * w[go + j];
                }
            }
        }
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
        int en = e * n;
        double[] xzl = xz[l];
        double[] yl = y[l];
        double[] gl = g[l];
        double[] ul = u[l];
        double[] dl = delta[l];
        double[] bc = dbc[l];
        // out_proj, then the gate y ⊙ silu(z): dy, and dz into the z half of dxz.
        int op = lay.outProj[l];
        Arrays.fill(dy, 0, t1 * e, 0);
        for (int t = 0; t < t1; t++) {
            for (int j = 0; j < d; j++) {
                double gv = gs[t * d + j];
                int go = op + j * e;
                for (int ch = 0; ch < e; ch++) {
                    grad[go + ch] += gv * gl[t * e + ch];
                    dy[t * e + ch] += gv * w[go + ch];
                }
            }
            for (int ch = 0; ch < e; ch++) {
                double z = xzl[t * e2 + e + ch];
                double sz = MambaMath.sigmoid(z);
                double dgv = dy[t * e + ch];
                dxz[t * e2 + e + ch] = dgv * yl[t * e + ch] * sz * (1 + z * (1 - sz));
                dxz[t * e2 + ch] = 0;
                dy[t * e + ch] = dgv * z * sz;
            }
        }
        // Reverse scan: carry = ∂L/∂h_t through h_{t+1}.
        double[] hl = h[l];
        double[] al = decay[l];
        double[] a = wt.a[l];
        int ds = lay.dSkip[l];
        Arrays.fill(carry, 0);
        Arrays.fill(dA, 0);
        Arrays.fill(ddbc, 0, t1 * xr, 0);
        for (int t = t1 - 1; t >= 0; t--) {
            int bo = t * xr + r;
            int co = bo + n;
            double[] hp = t > 0 ? hl : zeroState;
            int hpo = t > 0 ? (t - 1) * en : 0;
            for (int ch = 0; ch < e; ch++) {
                double dye = dy[t * e + ch];
                double de = dl[t * e + ch];
                double ue = ul[t * e + ch];
                grad[ds + ch] += dye * ue;
                double sumB = 0;
                double dDelta = 0;
                int ho = t * en + ch * n;
                int co2 = ch * n;
                int po = hpo + ch * n;
                for (int k = 0; k < n; k++) {
                    double dh = carry[co2 + k] + dye * bc[co + k];
                    ddbc[co + k] += dye * hl[ho + k];
                    double dec = al[ho + k];
                    double ga = dh * hp[po + k] * dec;
                    dDelta += ga * a[co2 + k] + dh * bc[bo + k] * ue;
                    dA[co2 + k] += ga * de;
                    ddbc[bo + k] += dh * de * ue;
                    sumB += dh * bc[bo + k];
                    carry[co2 + k] = dh * dec;
                }
                du[t * e + ch] = dye * wt.dSkip[l][ch] + de * sumB;
                ddt[t * e + ch] = dDelta;
            }
        }
        int al0 = lay.aLog[l];
        for (int i = 0; i < en; i++) {
            grad[al0 + i] += dA[i]; // ∂L/∂A: MambaWeights.finishDecayGradient makes it ∂L/∂A_log once summed
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
        int xp = lay.xProj[l];
        for (int t = 0; t < t1; t++) {
            for (int q = 0; q < xr; q++) {
                double gv = ddbc[t * xr + q];
                int go = xp + q * e;
                for (int ch = 0; ch < e; ch++) {
                    grad[go + ch] += gv * ul[t * e + ch];
                    du[t * e + ch] += gv * w[go + ch];
                }
            }
        }
        double[] cvl = cv[l];
        int cw = lay.convW[l];
        int cb = lay.convB[l];
        for (int t = 0; t < t1; t++) {
            for (int ch = 0; ch < e; ch++) {
                double dc = du[t * e + ch] * MambaMath.siluDerivative(cvl[t * e + ch]);
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
        int ip = lay.inProj[l];
        double[] nl = nrm[l];
        Arrays.fill(dn, 0, t1 * d, 0);
        for (int t = 0; t < t1; t++) {
            for (int j = 0; j < e2; j++) {
                double gv = dxz[t * e2 + j];
                int go = ip + j * d;
                for (int k = 0; k < d; k++) {
                    grad[go + k] += gv * nl[t * d + k];
                    dn[t * d + k] += gv * w[go + k];
                }
            }
        }
        rmsBackward(s[l], w, lay.norm[l], rinv[l], grad);
    }
}
