package org.repal.core.model.mamba;

import java.util.Arrays;

/**
 * The selective scan of one layer over one sequence, forward h_t = exp(Δ_t A)⊙h_{t−1} + (Δ_t u_t) B_t,
 * y_t = C_t·h_t + D u_t, and its reverse. States are stored state-major, [T][N][ED] (index k·ED + ch), so the
 * innermost loops run over the ED channels with B_t[k] and C_t[k] as scalars: the per-channel sums become
 * element-wise accumulations the JIT vectorises, and only the per-state sums of the reverse scan stay dot products.
 * Rows of {@code bc} are x_proj's [δ (dt_rank), B (N), C (N)].
 */
final class MambaScan {
    private final int e;
    private final int n;
    private final int xr;
    private final int r;
    private final double[] zero;
    private final double[] yAcc;
    private final double[] dU;
    private final double[] sumB;
    private final double[] sumA;
    private final double[] dh;
    private final double[] carry;

    MambaScan(MambaConfig c) {
        e = c.inner();
        n = c.state();
        xr = c.xProjRows();
        r = c.dtRank();
        zero = new double[e * n];
        yAcc = new double[e];
        dU = new double[e];
        sumB = new double[e];
        sumA = new double[e];
        dh = new double[e * n];
        carry = new double[e * n];
    }

    /**
     * Fills h and decay ([T][N][ED]) and y ([T][ED]) from Δ, u ([T][ED]), bc ([T][xr]), A ([N][ED]) and D ([ED]).
     */
    void forward(int steps, double[] delta, double[] u, double[] bc, double[] aT, double[] dSkip,
            double[] h, double[] decay, double[] y) {
        int en = e * n;
        for (int t = 0; t < steps; t++) {
            int to = t * e;
            int ho = t * en;
            int bo = t * xr + r;
            int co = bo + n;
            double[] hp = t > 0 ? h : zero;
            int po = t > 0 ? ho - en : 0;
            // Math.exp is a call: kept out of the loop below so that one vectorises.
            for (int k = 0; k < n; k++) {
                int ao = k * e;
                for (int ch = 0; ch < e; ch++) {
                    decay[ho + ao + ch] = Math.exp(delta[to + ch] * aT[ao + ch]);
                }
            }
            for (int ch = 0; ch < e; ch++) {
                dU[ch] = delta[to + ch] * u[to + ch];
                yAcc[ch] = 0;
            }
            for (int k = 0; k < n; k++) {
                double bk = bc[bo + k];
                double ck = bc[co + k];
                int ko = k * e;
                for (int ch = 0; ch < e; ch++) {
                    double hv = decay[ho + ko + ch] * hp[po + ko + ch] + dU[ch] * bk;
                    h[ho + ko + ch] = hv;
                    yAcc[ch] += hv * ck;
                }
            }
            for (int ch = 0; ch < e; ch++) {
                y[to + ch] = yAcc[ch] + dSkip[ch] * u[to + ch];
            }
        }
    }

    /**
     * Reverse scan from dy ([T][ED]): sets du (the scan's part of ∂L/∂u) and dDelta ([T][ED]), adds ∂L/∂B and
     * ∂L/∂C into bc's rows of {@code dbc}, ∂L/∂A ([N][ED]) into dA and ∂L/∂D into dD.
     */
    void backward(int steps, double[] delta, double[] u, double[] bc, double[] aT, double[] dSkip,
            double[] h, double[] decay, double[] dy, double[] du, double[] dDelta, double[] dbc, double[] dA,
            double[] dD) {
        int en = e * n;
        Arrays.fill(carry, 0);
        for (int t = steps - 1; t >= 0; t--) {
            int to = t * e;
            int ho = t * en;
            int bo = t * xr + r;
            int co = bo + n;
            double[] hp = t > 0 ? h : zero;
            int po = t > 0 ? ho - en : 0;
            for (int ch = 0; ch < e; ch++) {
                dD[ch] += dy[to + ch] * u[to + ch];
                dU[ch] = delta[to + ch] * u[to + ch];
                sumB[ch] = 0;
                sumA[ch] = 0;
            }
            // carry = ∂L/∂h_t through h_{t+1}; dh = ∂L/∂h_t.
            for (int k = 0; k < n; k++) {
                double bk = bc[bo + k];
                double ck = bc[co + k];
                int ko = k * e;
                for (int ch = 0; ch < e; ch++) {
                    double g = carry[ko + ch] + dy[to + ch] * ck;
                    double dec = decay[ho + ko + ch];
                    double ga = g * hp[po + ko + ch] * dec;
                    sumA[ch] += ga * aT[ko + ch];
                    dA[ko + ch] += ga * delta[to + ch];
                    sumB[ch] += g * bk;
                    carry[ko + ch] = g * dec;
                    dh[ko + ch] = g;
                }
            }
            // The per-state sums over the channels (dot products).
            for (int k = 0; k < n; k++) {
                int ko = k * e;
                double sb = 0;
                double sc = 0;
                for (int ch = 0; ch < e; ch++) {
                    sb += dh[ko + ch] * dU[ch];
                    sc += dy[to + ch] * h[ho + ko + ch];
                }
                dbc[bo + k] += sb;
                dbc[co + k] += sc;
            }
            for (int ch = 0; ch < e; ch++) {
                du[to + ch] = dy[to + ch] * dSkip[ch] + delta[to + ch] * sumB[ch];
                dDelta[to + ch] = sumA[ch] + sumB[ch] * u[to + ch];
            }
        }
    }
}
