package org.repal.core.model.mamba;

import java.util.Arrays;

/**
 * The selective scan of one layer over one sequence, forward h_t = exp(Δ_t A)⊙h_{t−1} + (Δ_t u_t) B_t,
 * y_t = C_t·h_t + D u_t, and its reverse. States are stored state-major, [T][N][ED] (index k·ED + ch). The loops
 * over a step's ED·N elements run channel outer, state inner: at ED, N = 16 neither loop is long enough for the
 * JIT to vectorise, so what counts is keeping the per-channel values and sums in registers and breaking the
 * reverse scan's per-state sums into independent chains.
 * Rows of {@code bc} are x_proj's [δ (dt_rank), B (N), C (N)].
 */
final class MambaScan {
    private final int e;
    private final int n;
    private final int xr;
    private final int r;
    private final double[] zero;
    /** Per state: the reverse scan's ∂L/∂B_t and ∂L/∂C_t, summed over the channels. */
    private final double[] sumB;
    private final double[] sumC;
    private final double[] carry;

    MambaScan(MambaConfig c) {
        e = c.inner();
        n = c.state();
        xr = c.xProjRows();
        r = c.dtRank();
        zero = new double[e * n];
        sumB = new double[n];
        sumC = new double[n];
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
            for (int k = 0; k < n; k++) {
                int ko = k * e;
                for (int ch = 0; ch < e; ch++) {
                    decay[ho + ko + ch] = Math.exp(delta[to + ch] * aT[ko + ch]);
                }
            }
            // Math.exp is a stub call that clobbers every register, so it has the loop above to itself.
            // Channel outer, state inner: the channel's values and y's sum over the states stay in registers.
            for (int ch = 0; ch < e; ch++) {
                double du = delta[to + ch] * u[to + ch];
                double acc = 0;
                for (int k = 0, i = ch; k < n; k++, i += e) {
                    double hv = decay[ho + i] * hp[po + i] + du * bc[bo + k];
                    h[ho + i] = hv;
                    acc += hv * bc[co + k];
                }
                y[to + ch] = acc + dSkip[ch] * u[to + ch];
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
            Arrays.fill(sumB, 0, n, 0);
            Arrays.fill(sumC, 0, n, 0);
            // Channel outer, state inner: the per-channel sums are registers, and the per-state sums (∂L/∂B,
            // ∂L/∂C) are n independent chains instead of two serial dot products; every sum keeps its order.
            // carry = ∂L/∂h_t through h_{t+1}; g = ∂L/∂h_t.
            for (int ch = 0; ch < e; ch++) {
                double dyc = dy[to + ch];
                double dlt = delta[to + ch];
                double uc = u[to + ch];
                double duc = dlt * uc;
                double sa = 0;
                double sb = 0;
                dD[ch] += dyc * uc;
                for (int k = 0, i = ch; k < n; k++, i += e) {
                    double g = carry[i] + dyc * bc[co + k];
                    double dec = decay[ho + i];
                    double ga = g * hp[po + i] * dec;
                    sa += ga * aT[i];
                    dA[i] += ga * dlt;
                    sb += g * bc[bo + k];
                    carry[i] = g * dec;
                    sumB[k] += g * duc;
                    sumC[k] += dyc * h[ho + i];
                }
                du[to + ch] = dyc * dSkip[ch] + dlt * sb;
                dDelta[to + ch] = sa + sb * uc;
            }
            for (int k = 0; k < n; k++) {
                dbc[bo + k] += sumB[k];
                dbc[co + k] += sumC[k];
            }
        }
    }
}
