package org.repal.core.model;

/**
 * The float32 cells' element-wise work on one row of a step, over Java arrays, in loops that HotSpot's C2 turns
 * into SIMD code (superword): no branches, no table look-ups, no bit tricks, no calls but intrinsics, few
 * operations per loop (a large loop body is not unrolled and so not vectorised). The scalar loops of
 * {@link Pointwise} measured 15–20 ns per GRU element on an AVX-512 machine, these 4–6 ns. Values are
 * computed in double and rounded to float once, as the scalar loops.
 *
 * <p>[x > 0] is min(max(x·10³⁰⁰, 0), 1): exact for every non-zero float32 sum (|x| ≥ 1.4·10⁻⁴⁵), 0 for ±0, NaN
 * stays NaN.
 */
final class FloatRows {
    /**
     * |t| above this is clamped in {@link #exp}: e^−104 = 6.8·10⁻⁴⁶ is below half float32's smallest
     * subnormal, so σ, softplus and their derivatives round to the same float32 values as unclamped.
     */
    static final double EXP_LIMIT = 104;

    private FloatRows() {
    }

    /**
     * e^{t/1024} for |t| ≤ {@link #EXP_LIMIT} (t clamped to that range, NaN stays NaN) by its Taylor polynomial of
     * degree 10 (|t/1024| < 0.102: remainder < 4e-19); {@link #pow1024} of it is e^t, about 2e-13 relative (the ten
     * squarings multiply the error by 1024) — far below float32's 6e-8. Two steps, so that each loop stays small
     * enough for C2 to unroll and vectorise.
     */
    static double expRoot(double t) {
        double u = Math.max(Math.min(t, EXP_LIMIT), -EXP_LIMIT) * (1.0 / 1024);
        return 1 + u * (1 + u * (1.0 / 2 + u * (1.0 / 6 + u * (1.0 / 24 + u * (1.0 / 120 + u * (1.0 / 720
                + u * (1.0 / 5040 + u * (1.0 / 40320 + u * (1.0 / 362880 + u * (1.0 / 3628800))))))))));
    }

    /** p^1024 by ten squarings. */
    static double pow1024(double p) {
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        return p * p;
    }

    /** e^t as {@link #expRoot} and {@link #pow1024} (for tests; the loops call the two parts apart). */
    static double exp(double t) {
        return pow1024(expRoot(t));
    }

    /** [x > 0] as 1 or 0, branch-free (see the class comment). */
    static double positive(double x) {
        return Math.min(Math.max(x * 1e300, 0), 1);
    }

    /** out[j] = σ(in[j] + bias[j]), j &lt; n (no offsets: C2 left loops with unknown start offsets
     * scalar). */
    static void sigmoid(double[] in, double[] bias, double[] out, int n) {
        for (int j = 0; j < n; j++) {
            out[j] = expRoot(-(in[j] + bias[j]));
        }
        for (int j = 0; j < n; j++) {
            out[j] = 1 / (1 + pow1024(out[j]));
        }
    }

    /**
     * f(a) into value[j] and f'(a) into deriv[j] for a = in[j] + bias[j], j &lt; n, with
     * {@link Activation}'s semantics (softplus: the identity above its threshold, derivative σ(a); relu'(0) = 0,
     * leaky_relu'(0) = the slope); {@code work} is scratch of n elements.
     */
    static void activate(Activation f, double[] in, double[] bias, double[] value, double[] deriv,
                         double[] work, int n) {
        switch (f) {
            case RELU -> piecewise(0, in, bias, value, deriv, n);
            case LEAKY_RELU -> piecewise(Activation.LEAKY_SLOPE, in, bias, value, deriv, n);
            case SOFTPLUS -> softplus(in, bias, value, deriv, work, n);
            default -> tanh(in, bias, value, deriv, n);
        }
    }

    /** f(a) = a·f'(a), f'(a) = slope + (1 − slope)·[a > 0]. */
    private static void piecewise(double slope, double[] in, double[] bias, double[] value,
                                  double[] deriv, int n) {
        for (int j = 0; j < n; j++) {
            double a = in[j] + bias[j];
            double d = slope + (1 - slope) * positive(a);
            value[j] = a * d;
            deriv[j] = d;
        }
    }

    /** v = e^{−|a|}; log(1 + v) as 2·atanh(v/(2 + v)) ({@link Pointwise#log1pUnit}); σ(a) from v. */
    private static void softplus(double[] in, double[] bias, double[] value, double[] deriv,
                                 double[] work, int n) {
        for (int j = 0; j < n; j++) {
            double a = in[j] + bias[j];
            value[j] = a;
            deriv[j] = expRoot(-Math.abs(a));
        }
        for (int j = 0; j < n; j++) {
            deriv[j] = pow1024(deriv[j]);
        }
        // s = v/(2 + v) in a loop of its own: with the division in it, C2 left the series loop scalar (measured
        // 7–11 ns per element against 2–3 ns for the two loops; the same operations, so the same values).
        for (int j = 0; j < n; j++) {
            double v = deriv[j];
            work[j] = v / (2 + v);
        }
        for (int j = 0; j < n; j++) {
            double s = work[j];
            double w = s * s;
            double w2 = w * w;
            double q = (1 + w * (1.0 / 3)) + w2 * ((1.0 / 5 + w * (1.0 / 7)) + w2 * ((1.0 / 9 + w * (1.0 / 11))
                    + w2 * ((1.0 / 13 + w * (1.0 / 15)) + w2 * (1.0 / 17 + w * (1.0 / 19)))));
            work[j] = 2 * s * q;
        }
        for (int j = 0; j < n; j++) {
            double a = value[j];
            double v = deriv[j];
            double on = positive(a);
            double above = positive(a - Activation.SOFTPLUS_THRESHOLD);
            value[j] = above * a + (1 - above) * (a * on + work[j]);
            deriv[j] = (on + (1 - on) * v) / (1 + v);
        }
    }

    /** tanh by {@link Pointwise#tanh} (scalar: its series branch near 0 keeps small values exact). */
    private static void tanh(double[] in, double[] bias, double[] value, double[] deriv, int n) {
        for (int j = 0; j < n; j++) {
            double t = Pointwise.tanh(in[j] + bias[j]);
            value[j] = t;
            deriv[j] = 1 - t * t;
        }
    }
}
