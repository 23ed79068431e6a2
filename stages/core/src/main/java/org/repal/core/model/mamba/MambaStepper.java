package org.repal.core.model.mamba;

/**
 * The network one time step at a time, with explicit state per layer: the conv window (the x-branch values
 * of the previous steps) and the SSM state h (ED × N). By default the window holds the last d_conv − 1 = 3
 * steps, so stepping through a sequence gives exactly the sequence forward.
 *
 * <p>{@code referenceCompat} reproduces the reference's analysis code (spec §3.2 HEAD, §10 item 12): its conv
 * cache was 7 wide (n_input instead of d_conv − 1) and the conv read the window's first 4 entries, so the
 * conv at step t saw the x-branch of steps t−7…t−4 (zeros before the start) and never the current step, in
 * every layer. Only for reproducing the reference's recorded states; never the default.
 * Weights are read once at construction. Not thread-safe; allocation-free per step.
 */
public final class MambaStepper {
    private static final int K = MambaConfig.D_CONV;

    private final MambaWeights wt;
    private final MambaLayout lay;
    private final boolean compat;
    private final int d;
    private final int e;
    private final int n;
    private final int xr;
    private final int r;
    private final int in;
    private final int layers;
    /** Window length: d_conv − 1, or 7 in reference-compat mode. */
    private final int width;
    /** Per layer [width][E], oldest first. */
    private final double[][] window;
    private final double[][] ssm;
    private final double[] stream;
    private final double[] norm;
    private final double[] xz;
    private final double[] u;
    private final double[] bc;
    private final double[] gated;
    private final double[] logits;

    /** With mamba.py's float32 A and D, as {@link MambaModel#MambaModel(MambaParameters)}. */
    public MambaStepper(MambaParameters params, boolean referenceCompat) {
        this(params, referenceCompat, true);
    }

    public MambaStepper(MambaParameters params, boolean referenceCompat, boolean float32Ssm) {
        this.lay = params.layout();
        this.wt = new MambaWeights(lay, params.flat().toDoubles(), float32Ssm);
        this.compat = referenceCompat;
        MambaConfig c = lay.config();
        this.d = c.dModel();
        this.e = c.inner();
        this.n = c.state();
        this.xr = c.xProjRows();
        this.r = c.dtRank();
        this.in = c.inputs();
        this.layers = c.layers();
        this.width = referenceCompat ? 7 : K - 1;
        this.window = new double[layers][width * e];
        this.ssm = new double[layers][e * n];
        this.stream = new double[d];
        this.norm = new double[d];
        this.xz = new double[2 * e];
        this.u = new double[e];
        this.bc = new double[xr];
        this.gated = new double[e];
        this.logits = new double[c.outputs()];
    }

    public boolean referenceCompat() {
        return compat;
    }

    /** Back to the state before the first step (all zeros). */
    public void reset() {
        for (int l = 0; l < layers; l++) {
            java.util.Arrays.fill(window[l], 0);
            java.util.Arrays.fill(ssm[l], 0);
        }
    }

    /** Advances one step with the inputs at {@code x[off…off+n_in)}; returns the logits (live array). */
    public double[] step(double[] x, int off) {
        double[] w = wt.w;
        for (int j = 0; j < d; j++) {
            double v = w[lay.embB + j];
            for (int i = 0; i < in; i++) {
                v += w[lay.embW + j * in + i] * x[off + i];
            }
            stream[j] = v;
        }
        for (int l = 0; l < layers; l++) {
            layer(l);
        }
        MambaMath.rmsNorm(stream, 0, w, lay.normF, norm, 0, d);
        int o = logits.length;
        for (int k = 0; k < o; k++) {
            double v = 0;
            for (int j = 0; j < d; j++) {
                v += w[lay.head + k * d + j] * norm[j];
            }
            logits[k] = v;
        }
        return logits;
    }

    private void layer(int l) {
        double[] w = wt.w;
        MambaMath.rmsNorm(stream, 0, w, lay.norm[l], norm, 0, d);
        int ip = lay.inProj[l];
        for (int j = 0; j < 2 * e; j++) {
            double v = 0;
            for (int k = 0; k < d; k++) {
                v += w[ip + j * d + k] * norm[k];
            }
            xz[j] = v;
        }
        double[] win = window[l];
        int cw = lay.convW[l];
        for (int ch = 0; ch < e; ch++) {
            double acc = w[lay.convB[l] + ch];
            // Default: window t−3…t−1, then the current step. Compat: the window's first four, t−7…t−4.
            for (int k = 0; k < K; k++) {
                double v = compat || k < K - 1 ? win[k * e + ch] : xz[ch];
                acc += w[cw + ch * K + k] * v;
            }
            u[ch] = MambaMath.silu(acc);
        }
        System.arraycopy(win, e, win, 0, (width - 1) * e);
        System.arraycopy(xz, 0, win, (width - 1) * e, e);
        int xp = lay.xProj[l];
        for (int q = 0; q < xr; q++) {
            double v = 0;
            for (int ch = 0; ch < e; ch++) {
                v += w[xp + q * e + ch] * u[ch];
            }
            bc[q] = v;
        }
        double[] h = ssm[l];
        double[] a = wt.a[l];
        for (int ch = 0; ch < e; ch++) {
            double p = w[lay.dtB[l] + ch];
            for (int q = 0; q < r; q++) {
                p += w[lay.dtW[l] + ch * r + q] * bc[q];
            }
            double de = MambaMath.softplus(p);
            double acc = 0;
            for (int k = 0; k < n; k++) {
                int i = ch * n + k;
                h[i] = Math.exp(de * a[i]) * h[i] + de * bc[r + k] * u[ch];
                acc += h[i] * bc[r + n + k];
            }
            double y = acc + wt.dSkip[l][ch] * u[ch];
            gated[ch] = y * MambaMath.silu(xz[e + ch]);
        }
        int op = lay.outProj[l];
        for (int j = 0; j < d; j++) {
            double v = 0;
            for (int ch = 0; ch < e; ch++) {
                v += w[op + j * e + ch] * gated[ch];
            }
            stream[j] += v;
        }
    }

    /** Layer {@code l}'s SSM state h after the last step, ED × N row-major (live array: copy to keep). */
    public double[] ssmState(int l) {
        return ssm[l];
    }

    /** The residual stream after the last block (before norm_f), D values (live array). */
    public double[] stream() {
        return stream;
    }

    /** Layer {@code l}'s conv window, oldest step first, [width][ED] (live array). */
    public double[] convWindow(int l) {
        return window[l];
    }
}
