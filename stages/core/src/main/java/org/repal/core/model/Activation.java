package org.repal.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

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

    /** softplus(20) − 20 = log1p(e^−20). */
    private static final double SOFTPLUS_EXCESS = Math.log1p(Math.exp(-SOFTPLUS_THRESHOLD));

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
     * out = f(pre). {@code scratch} (same shape) is used by softplus only: softplus(min(x, 20)) + (x − min(x, 20)),
     * exact below the threshold and the identity above it (to rounding).
     */
    void apply(Mat pre, Mat out, Mat scratch) {
        switch (this) {
            case RELU:
                Nd4j.exec(new RectifiedLinear(pre.array(), out.array(), 0.0));
                break;
            case LEAKY_RELU:
                Nd4j.exec(new LeakyReLU(pre.array(), out.array(), LEAKY_SLOPE));
                break;
            case SOFTPLUS:
                Ops.minScalar(pre, SOFTPLUS_THRESHOLD, scratch);
                Nd4j.exec(new SoftPlus(scratch.array(), out.array()));
                Ops.axpy(1, pre, out);
                Ops.axpy(-1, scratch, out);
                // Above the threshold that is softplus(20) + x − 20 = x + 2.1e-9; PyTorch gives x. (A no-op in
                // float32, where 2.1e-9 is below half an ulp of x; in float64 it made the GRU miss the reference.)
                Nd4j.exec(new Step(pre.array(), scratch.array(), SOFTPLUS_THRESHOLD));
                Ops.axpy(-SOFTPLUS_EXCESS, scratch, out);
                break;
            default:
                Nd4j.exec(new Tanh(pre.array(), out.array()));
        }
    }

    /**
     * out = f'(pre) (out may be pre). For tanh, {@code value} must hold f(pre) (1 − f² avoids a second
     * tanh pass); the other activations ignore it. relu'(0) = 0 and leaky_relu'(0) = 0.01, as in PyTorch.
     */
    void derivative(Mat pre, Mat value, Mat out) {
        switch (this) {
            case RELU:
                Nd4j.exec(new Step(pre.array(), out.array(), 0.0));
                break;
            case LEAKY_RELU:
                // ND4J's LeakyReLUDerivative gives 1 at 0; PyTorch gives the slope.
                Nd4j.exec(new Step(pre.array(), out.array(), 0.0));
                Ops.scal(1 - LEAKY_SLOPE, out);
                Ops.addScalar(out, LEAKY_SLOPE);
                break;
            case SOFTPLUS:
                Ops.sigmoid(pre, out);
                break;
            default:
                Ops.square(value, out);
                Ops.scal(-1, out);
                Ops.addScalar(out, 1);
        }
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
