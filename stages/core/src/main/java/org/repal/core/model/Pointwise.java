package org.repal.core.model;

/**
 * The scalar functions of the cells' element-wise loops, in two flavours: {@code precise} (float64 networks:
 * {@code Math.exp}, {@code Math.log1p}, {@code Math.tanh}, the definitions the golden vectors hold to 1e-10) and fast
 * (float32 networks: a table-driven exp of ~1e-15 relative error, log1p to ~1e-11, tanh built on exp, all
 * evaluated in double, so that the float32 result is the correctly rounded value but for rare last-bit ties).
 * Semantics as {@link Activation}: softplus is the identity above 20 and its derivative is σ(x); relu'(0) = 0, leaky_relu'(0) =
 * the slope.
 */
final class Pointwise {
    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 split so that k·LN2_HI is exact for |k| < 2²⁰ (fdlibm's constants). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;

    private Pointwise() {
    }

    /** 1.5·2⁵²: adding it rounds a double of magnitude below 2⁵¹ to an integer held in the low mantissa bits. */
    private static final double ROUNDER = 6755399441055744.0;
    /** 2^(i/32), i = 0 … 31. */
    private static final double[] POW2 = new double[32];

    static {
        for (int i = 0; i < POW2.length; i++) {
            POW2[i] = StrictMath.pow(2, i / 32.0);
        }
    }

    /**
     * e^x: x = (32m + i)·ln 2/32 + r with |r| ≤ ln 2/64, e^x = 2^m·2^(i/32)·e^r, e^r by its Taylor polynomial of
     * degree 5 (remainder < 3e-15), 2^(i/32) from a table, 2^m built in the exponent bits; the integer is rounded
     * by {@link #ROUNDER} (Math.rint is no intrinsic here). About 1e-15 relative; outside ±700, and for NaN,
     * {@code Math.exp}.
     */
    static double exp(double x) {
        if (!(x > -700 && x < 700)) {
            return Math.exp(x);
        }
        double shifted = x * (32 * LOG2E) + ROUNDER;
        long bits = Double.doubleToRawLongBits(shifted);
        double k = shifted - ROUNDER;
        double r = (x - k * (LN2_HI / 32)) - k * (LN2_LO / 32);
        double r2 = r * r;
        double p = (1 + r) + r2 * ((1.0 / 2 + r * (1.0 / 6)) + r2 * (1.0 / 24 + r * (1.0 / 120)));
        // The low bits of `bits` are k = 32m + i (two's complement): i its low 5 bits, m + 1023 in [13, 2033].
        return p * POW2[(int) bits & 31] * Double.longBitsToDouble(((bits >> 5) + 1023) << 52);
    }

    static double exp(double x, boolean precise) {
        return precise ? Math.exp(x) : exp(x);
    }

    /** σ(x) = 1 / (1 + e^{−x}). */
    static double sigmoid(double x, boolean precise) {
        return 1 / (1 + exp(-x, precise));
    }

    /**
     * log(1 + v) for 0 ≤ v ≤ 1 (fast flavour): 2·atanh(s) with s = v/(2 + v) ≤ 1/3, by its series in s² to the
     * s¹⁹ term (remainder < 2e-11 relative: float32 results are still correctly rounded but for rare ties).
     */
    static double log1pUnit(double v) {
        double s = v / (2 + v);
        double w = s * s;
        double w2 = w * w;
        double q = (1 + w * (1.0 / 3)) + w2 * ((1.0 / 5 + w * (1.0 / 7)) + w2 * ((1.0 / 9 + w * (1.0 / 11))
                + w2 * ((1.0 / 13 + w * (1.0 / 15)) + w2 * (1.0 / 17 + w * (1.0 / 19)))));
        return 2 * s * q;
    }

    /** softplus(a) = max(a, 0) + log(1 + e^{−|a|}), the identity above the threshold (fast flavour). */
    static double softplus(double a) {
        return a > Activation.SOFTPLUS_THRESHOLD ? a : a * positive(a) + log1pUnit(exp(-Math.abs(a)));
    }

    /**
     * 1 for a > 0, else 0 (also for −0), without a branch: the signs of the pre-activations are random, and a
     * mispredicted branch per element cost more than the rest of the loop.
     */
    static double positive(double a) {
        long bits = Double.doubleToRawLongBits(a);
        return 1 - (((bits - 1) | bits) >>> 63);
    }

    /**
     * f(a) into {@code value[vo + i]} and f'(a) into {@code deriv[vo + i]} for a = src[so + i] + bias[bo + i],
     * i = 0 … n − 1. Branch-free but for rare cases (softplus above its threshold, tanh near 0); relu(a) is
     * a·[a > 0], not Math.max, whose intrinsic measured 2–3× slower per element here.
     */
    static void activate(Activation f, boolean precise, Vec src, int so, double[] bias, int bo, int n,
                         double[] value, double[] deriv, int vo) {
        switch (f) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    double a = src.get(so + i) + bias[bo + i];
                    double on = positive(a);
                    value[vo + i] = a * on;
                    deriv[vo + i] = on;
                }
                break;
            case LEAKY_RELU:
                for (int i = 0; i < n; i++) {
                    double a = src.get(so + i) + bias[bo + i];
                    double d = Activation.LEAKY_SLOPE + (1 - Activation.LEAKY_SLOPE) * positive(a);
                    value[vo + i] = a * d;
                    deriv[vo + i] = d;
                }
                break;
            case SOFTPLUS:
                for (int i = 0; i < n; i++) {
                    double a = src.get(so + i) + bias[bo + i];
                    if (precise) {
                        value[vo + i] = a > Activation.SOFTPLUS_THRESHOLD ? a : Math.log1p(Math.exp(a));
                        deriv[vo + i] = 1 / (1 + Math.exp(-a));
                    } else {
                        // One exp for both: v = e^{−|a|}, σ(a) = 1/(1 + v) for a > 0, else v/(1 + v).
                        double v = exp(-Math.abs(a));
                        double on = positive(a);
                        double sp = a * on + log1pUnit(v);
                        value[vo + i] = a > Activation.SOFTPLUS_THRESHOLD ? a : sp;
                        deriv[vo + i] = (on + (1 - on) * v) / (1 + v);
                    }
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    double a = src.get(so + i) + bias[bo + i];
                    double t = precise ? Math.tanh(a) : tanh(a);
                    value[vo + i] = t;
                    deriv[vo + i] = 1 - t * t;
                }
        }
    }

    /** tanh by its series below 1/16, else 1 − 2/(e^{2|x|} + 1) with the sign of x (fast flavour). */
    static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < 0.0625) {
            double x2 = x * x;
            return x * (1 + x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315 + x2 * (62.0 / 2835
                    + x2 * (-1382.0 / 155925))))));
        }
        // e^{2|x|} is +∞ beyond 350 (then t = 1), NaN stays NaN.
        return Math.copySign(1 - 2 / (exp(2 * ax) + 1), x);
    }
}
