package org.repal.core.model.mamba;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Batch;
import org.repal.core.model.LossMode;
import org.repal.core.model.Mat;
import org.repal.core.store.NpyArray;
import org.repal.core.testing.Closeness;
import org.repal.core.testing.GoldenCase;
import org.repal.core.train.TrainingStep;
import org.repal.core.train.WeightPenalty;

/**
 * The reference's float64 golden vectors ({@code $REPAL_SHARED/testdata/mamba}, made with mamba.py): logits,
 * residual stream, layer-0 SSM states, loss and every gradient.
 *
 * <p>mamba.py's A_log is a float32 tensor and its SSM casts A_log and D with {@code .float()}, so in the
 * reference's float64 run the gradients of A_log (and its norm in the weight term) and the cross-entropy part
 * of D's gradient are float32 values. Those two tensors are compared at float32 precision, the rest at 1e-8.
 */
class MambaParityTest {
    /** About 5 float32 ulps, relative. */
    private static final double FLOAT32_TOL = 3e-7;

    @ParameterizedTest
    @ValueSource(strings = {"d16_l2", "d8_l1"})
    void matchesTheReference(String name) {
        GoldenCase g = GoldenCase.of("mamba", name);
        JsonNode meta = g.json();
        MambaConfig config = MambaConfig.of(meta.get("d_model").asInt(), meta.get("n_layers").asInt());
        assertEquals(meta.get("dt_rank").asInt(), config.dtRank());
        MambaParameters p = MambaParameters.zeros(config, DataType.DOUBLE);
        p.load(g.npz("params"), name + "_params.npz");
        int batch = meta.get("batch").asInt();
        int steps = meta.get("steps").asInt();
        double[] inputs = g.npy("inputs").toDoubleArray(); // [B, T, 7]
        byte[] targets = g.npy("targets").toByteArray(); // [B, T]
        Batch b = batch(inputs, targets, batch, steps);

        TrainingStep step = new TrainingStep(new MambaModel(p), 0.001, LossMode.ALL_STEPS, false,
                WeightPenalty.REFERENCE_COEFFICIENT);
        double loss = step.evaluate(b);

        Mat logits = step.model().forward(b);
        double[] expectedLogits = g.npy("logits").toDoubleArray();
        double logitErr = Closeness.maxAbs(timeMajorToBatchMajor(logits.toDoubles(), batch, steps, 3),
                expectedLogits, 1e-10, name + " logits");

        MambaActivity act = MambaActivity.record(p, inputs, batch, steps, 0, false);
        double streamErr = Closeness.maxAbs(timeMajorToBatchMajor(act.stream(), batch, steps, config.dModel()),
                g.npy("stream").toDoubleArray(), 1e-10, name + " stream");
        int hs = config.inner() * config.state();
        double stateErr = Closeness.maxAbs(timeMajorToBatchMajor(act.ssm(), batch, steps, hs),
                g.npy("ssm_states_layer0").toDoubleArray(), 1e-10, name + " layer-0 SSM states");
        Closeness.maxAbs(timeMajorToBatchMajor(act.logits(), batch, steps, 3), expectedLogits, 1e-10,
                name + " step-mode logits");

        double expectedLoss = meta.get("loss").asDouble();
        assertEquals(expectedLoss, loss, 1e-8 * expectedLoss, "loss");
        double penalty = WeightPenalty.value(p, WeightPenalty.REFERENCE_COEFFICIENT);
        assertEquals(meta.get("cross_entropy").asDouble(), loss - penalty, 1e-12, "cross-entropy");
        // The reference's ‖A_log‖ is a float32 norm.
        assertEquals(meta.get("weight_penalty").asDouble(), penalty, FLOAT32_TOL * penalty, "weight term");
        Map<String, NpyArray> grads = g.npz("grads");
        Map<String, NpyArray> ours = step.gradients().toArrays();
        double worst = 0;
        double worstF32 = 0;
        for (MambaLayout.Tensor t : p.layout().tensors()) {
            NpyArray expected = grads.get(t.name());
            assertEquals(java.util.Arrays.toString(t.shape()), java.util.Arrays.toString(expected.shape()), t.name());
            boolean float32 = t.name().endsWith(".A_log") || t.name().endsWith(".D");
            double rel = Closeness.relative(ours.get(t.name()).toDoubleArray(), expected.toDoubleArray(),
                    float32 ? FLOAT32_TOL : 1e-8, name + " gradient of " + t.name());
            if (float32) {
                worstF32 = Math.max(worstF32, rel);
            } else {
                worst = Math.max(worst, rel);
            }
        }
        System.out.printf("mamba %s: |loss err| %.2e, logits %.2e, stream %.2e, states %.2e, worst gradient rel %.2e"
                + " (A_log, D: %.2e)%n", name, Math.abs(loss - expectedLoss), logitErr, streamErr, stateErr, worst, worstF32);
    }

    /** A float64 batch with the case's float64 inputs (batch-major [B, T, 7]) and targets. */
    static Batch batch(double[] inputs, byte[] targets, int batch, int steps) {
        Batch b = new Batch(DataType.DOUBLE, batch, steps, 7);
        double[] x = new double[inputs.length];
        for (int s = 0; s < batch; s++) {
            for (int t = 0; t < steps; t++) {
                System.arraycopy(inputs, (s * steps + t) * 7, x, b.row(t, s) * 7, 7);
                b.setTarget(t, s, targets[s * steps + t], false);
            }
        }
        b.setInputs(x);
        return b;
    }

    /** [T, B, w] rows → [B, T, w]. */
    static double[] timeMajorToBatchMajor(double[] v, int batch, int steps, int w) {
        double[] out = new double[v.length];
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < batch; s++) {
                System.arraycopy(v, (t * batch + s) * w, out, (s * steps + t) * w, w);
            }
        }
        return out;
    }
}
