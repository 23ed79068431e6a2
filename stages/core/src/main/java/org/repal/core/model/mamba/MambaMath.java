package org.repal.core.model.mamba;

/** The scalar functions of the block, with PyTorch's semantics. */
final class MambaMath {
    /** F.softplus's default threshold: above it softplus(x) = x. */
    static final double SOFTPLUS_THRESHOLD = 20;

    private MambaMath() {
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double silu(double x) {
        return x * sigmoid(x);
    }

    /** d silu / dx = σ(x)·(1 + x·(1 − σ(x))), with σ(x) kept from the forward pass. */
    static double siluDerivative(double x, double sigmoid) {
        return sigmoid * (1 + x * (1 - sigmoid));
    }

    static double softplus(double x) {
        return x > SOFTPLUS_THRESHOLD ? x : Math.log1p(Math.exp(x));
    }

    static double softplusDerivative(double x) {
        return x > SOFTPLUS_THRESHOLD ? 1 : sigmoid(x);
    }

    /**
     * RMSNorm of the D values at {@code s[so…]}: out = s·(mean(s²) + ε)^{−1/2} ⊙ w[wo…]; returns the inverse
     * root (kept for the backward pass).
     */
    static double rmsNorm(double[] s, int so, double[] w, int wo, double[] out, int oo, int d) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            sum += s[so + j] * s[so + j];
        }
        double r = 1 / Math.sqrt(sum / d + MambaConfig.NORM_EPS);
        for (int j = 0; j < d; j++) {
            out[oo + j] = s[so + j] * r * w[wo + j];
        }
        return r;
    }
}
