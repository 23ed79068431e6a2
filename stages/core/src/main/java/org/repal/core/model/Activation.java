package org.repal.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The hidden-unit non-linearities of the reference (PyTorch semantics): relu, leaky_relu with slope 0.01,
 * softplus (β 1; above 20 it is the identity, as PyTorch's threshold) and tanh.
 */
public enum Activation {
    RELU("relu"), LEAKY_RELU("leaky_relu"), SOFTPLUS("softplus"), TANH("tanh");

    /** PyTorch's default negative slope. */
    public static final double LEAKY_SLOPE = 0.01;
    /** PyTorch's softplus threshold: above it softplus(x) = x (also keeps float32 exp from overflowing). */
    public static final double SOFTPLUS_THRESHOLD = 20;

    private final String jsonName;

    Activation(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The reference's name, used in configuration and model names. */
    public String jsonName() {
        return jsonName;
    }

    /** f(c·x) = c·f(x) for c > 0: lets the leaky RNN fold its (1 − d) factor into the GEMMs. */
    public boolean isPositivelyHomogeneous() {
        return this == RELU || this == LEAKY_RELU;
    }

    /** f(x), in double (the definition the array ops follow; used by tests). */
    public double value(double x) {
        switch (this) {
            case RELU:
                return x > 0 ? x : 0;
            case LEAKY_RELU:
                return x > 0 ? x : LEAKY_SLOPE * x;
            case SOFTPLUS:
                return x > SOFTPLUS_THRESHOLD ? x : Math.log1p(Math.exp(x));
            default:
                return Math.tanh(x);
        }
    }

    /**
     * out = f(pre), element by element with the cells' kernels ({@link Pointwise}: exact library functions in
     * float64, the fast ones in float32). {@code scratch} is not used (kept for callers of the array form).
     */
    void apply(Mat pre, Mat out, Mat scratch) {
        int n = Math.toIntExact(pre.size());
        double[] value = new double[n];
        Pointwise.activate(this, pre.isDouble(), Vec.of(pre), 0, new double[n], 0, n, value, new double[n], 0);
        out.setAll(value);
    }

    /**
     * out = f'(pre) (out may be pre). For tanh, {@code value} must hold f(pre) (1 − f² avoids a second
     * tanh pass); the other activations ignore it. relu'(0) = 0 and leaky_relu'(0) = 0.01, as in PyTorch.
     */
    void derivative(Mat pre, Mat value, Mat out) {
        int n = Math.toIntExact(out.size());
        double[] deriv = new double[n];
        if (this == TANH) {
            for (int i = 0; i < n; i++) {
                double t = value.get(i);
                deriv[i] = 1 - t * t;
            }
        } else {
            Pointwise.activate(this, pre.isDouble(), Vec.of(pre), 0, new double[n], 0, n, new double[n], deriv, 0);
        }
        out.setAll(deriv);
    }

    /**
     * The activation with this reference name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    public static Activation parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Activation a : values()) {
            if (a.jsonName.equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "' (expected one of "
                + Arrays.stream(values()).map(Activation::jsonName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
