package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.store.NpyArray;
import org.repal.core.testing.Closeness;
import org.repal.core.testing.GoldenCase;
import org.repal.core.train.TrainingStep;
import org.repal.core.train.WeightPenalty;

/**
 * The reference's float64 golden vectors for the leaky RNN / GRU ({@code $REPAL_SHARED/testdata/rnn}): logits,
 * hidden states, loss and every gradient, for all 8 (rnn_type, activation) pairs.
 */
class RnnParityTest {

    static List<String> cases() {
        List<String> out = new ArrayList<>();
        for (RnnType type : RnnType.values()) {
            for (Activation f : Activation.values()) {
                out.add(type.jsonName() + "_" + f.jsonName());
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheReference(String name) {
        GoldenCase g = GoldenCase.of("rnn", name);
        JsonNode meta = g.json();
        RnnConfig config = new RnnConfig(RnnType.parse(meta.get("rnn_type").asText()),
                Activation.parse(meta.get("activation").asText()), 7, meta.get("hidden").asInt(), 3, InitType.KAIMING);
        assertEquals(meta.get("decay").asDouble(), config.decay(), 1e-16);
        RnnParameters p = RnnParameters.zeros(config, DataType.DOUBLE);
        p.load(g.npz("params"), name + "_params.npz");
        int batch = meta.get("batch").asInt();
        int steps = meta.get("steps").asInt();
        byte[] targets = g.npy("targets").toByteArray(); // [T, B], time-major as the batch
        Batch b = new Batch(DataType.DOUBLE, batch, steps, 7);
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < batch; s++) {
                b.setTarget(t, s, targets[t * batch + s], false);
            }
        }
        b.setInputs(g.npy("inputs").toDoubleArray());

        RnnModel model = new RnnModel(p);
        TrainingStep step = new TrainingStep(model, 0.001, LossMode.ALL_STEPS, false, WeightPenalty.REFERENCE_COEFFICIENT);
        double loss = step.evaluate(b);
        Mat logits = model.forward(b);
        double logitErr = Closeness.maxAbs(logits.toDoubles(), g.npy("logits").toDoubleArray(), 1e-10, name + " logits");
        double hiddenErr = Closeness.maxAbs(model.states(b).toDoubles(), g.npy("hidden").toDoubleArray(), 1e-10,
                name + " hidden");
        double expectedLoss = meta.get("loss").asDouble();
        assertEquals(expectedLoss, loss, 1e-12, name + " loss");
        assertEquals(meta.get("weight_penalty").asDouble(), WeightPenalty.value(p, 1e-4), 1e-14, name + " weight term");
        Map<String, NpyArray> expected = g.npz("grads");
        Map<String, NpyArray> ours = step.gradients().toArrays();
        assertEquals(expected.keySet(), ours.keySet());
        double worst = 0;
        for (String k : expected.keySet()) {
            worst = Math.max(worst, Closeness.relative(ours.get(k).toDoubleArray(), expected.get(k).toDoubleArray(),
                    1e-8, name + " gradient of " + k));
        }
        System.out.printf("rnn %s: |loss err| %.2e, logits %.2e, hidden %.2e, worst gradient rel %.2e%n", name,
                Math.abs(loss - expectedLoss), logitErr, hiddenErr, worst);
    }
}
