package org.repal.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.repal.core.store.NpyArray;

/**
 * The golden-vector comparisons and their tolerances, shared by the in-process parity tests and the end-to-end
 * {@code repal model eval} tests: activity (logits, hidden states, stream, SSM states) to 1e-10 absolute,
 * gradients to 1e-8 relative, loss parts as the reference computed them. Each returns the error it measured.
 *
 * <p>mamba.py's A_log is a float32 tensor and its SSM casts A_log and D with {@code .float()}, so in the
 * reference's float64 run the gradients of A_log (and its norm in the weight term) and the cross-entropy part
 * of D's gradient are float32 values: those two tensors are compared at float32 precision.
 */
public final class GoldenChecks {
    public static final double ACTIVITY_TOL = 1e-10;
    public static final double GRADIENT_TOL = 1e-8;
    /** About 5 float32 ulps, relative. */
    public static final double FLOAT32_TOL = 3e-7;

    /** The worst relative gradient error, over the float64 tensors and over Mamba's float32 A_log and D. */
    public record GradientErrors(double worst, double worstFloat32) {
    }

    private GoldenChecks() {
    }

    /** {@code actual} (values in the golden file's layout) against {@code <name>_<part>.npy}; max abs error. */
    public static double activity(GoldenCase g, String part, double[] actual) {
        return Closeness.maxAbs(actual, g.npy(part).toDoubleArray(), ACTIVITY_TOL, g.name() + " " + part);
    }

    /** As {@link #activity(GoldenCase, String, double[])}, the shape checked too. */
    public static double activity(GoldenCase g, String part, NpyArray actual) {
        assertArrayEquals(g.npy(part).shape(), actual.shape(), g.name() + " " + part + ": shape");
        return activity(g, part, actual.toDoubleArray());
    }

    /** Every tensor of {@code <name>_grads.npz}: same names, same shapes, within the tolerances above. */
    public static GradientErrors gradients(GoldenCase g, Map<String, NpyArray> ours) {
        Map<String, NpyArray> expected = g.npz("grads");
        assertEquals(expected.keySet(), ours.keySet(), g.name() + ": gradient names");
        double worst = 0;
        double worstF32 = 0;
        for (Map.Entry<String, NpyArray> e : expected.entrySet()) {
            String k = e.getKey();
            NpyArray mine = ours.get(k);
            assertArrayEquals(e.getValue().shape(), mine.shape(), g.name() + ": shape of the gradient of " + k);
            boolean float32 = k.endsWith(".A_log") || k.endsWith(".D");
            double rel = Closeness.relative(mine.toDoubleArray(), e.getValue().toDoubleArray(),
                    float32 ? FLOAT32_TOL : GRADIENT_TOL, g.name() + " gradient of " + k);
            if (float32) {
                worstF32 = Math.max(worstF32, rel);
            } else {
                worst = Math.max(worst, rel);
            }
        }
        return new GradientErrors(worst, worstF32);
    }

    /**
     * The loss and its parts against {@code <name>.json}; returns |loss error|. RNN cases hold to 1e-12 (weight
     * term 1e-14); Mamba cases to 1e-8 relative, with the cross-entropy to 1e-12 and the weight term, which holds
     * the float32 ‖A_log‖, to float32 precision.
     */
    public static double loss(GoldenCase g, double loss, double crossEntropy, double weightPenalty) {
        JsonNode meta = g.json();
        double expected = meta.get("loss").asDouble();
        double penalty = meta.get("weight_penalty").asDouble();
        if (g.dir().getFileName().toString().equals("mamba")) {
            assertEquals(expected, loss, 1e-8 * expected, g.name() + " loss");
            assertEquals(penalty, weightPenalty, FLOAT32_TOL * penalty, g.name() + " weight term");
        } else {
            assertEquals(expected, loss, 1e-12, g.name() + " loss");
            assertEquals(penalty, weightPenalty, 1e-14, g.name() + " weight term");
        }
        assertEquals(meta.get("cross_entropy").asDouble(), crossEntropy, 1e-12, g.name() + " cross-entropy");
        return Math.abs(loss - expected);
    }
}
