package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.repal.core.testing.GoldenCase;
import org.repal.core.testing.GoldenChecks;
import org.repal.core.train.TrainingStep;
import org.repal.core.train.WeightPenalty;

/**
 * The reference's float64 golden vectors for the leaky RNN / GRU ({@code $REPAL_SHARED/testdata/rnn}): logits,
 * hidden states, loss and every gradient, for all 8 (rnn_type, activation) pairs. The weights go through
 * {@link StateDictLoader}, which must find the case's cell type and hidden size from the shapes alone.
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
        ImportedModel imported = StateDictLoader.fromArrays(g.npz("params"), name + "_params.npz", Architecture.RNN,
                config.activation());
        assertEquals(config, imported.config(), "architecture read from the shapes");
        RnnParameters p = (RnnParameters) imported.parameters();
        SequenceData data = SequenceData.of(g.npy("inputs"), "inputs", g.npy("targets"), "targets",
                SequenceLayout.TIME, 7, 3);
        assertEquals(meta.get("batch").asInt(), data.batch());
        assertEquals(meta.get("steps").asInt(), data.steps());
        Batch b = data.toBatch();

        RnnModel model = new RnnModel(p);
        TrainingStep step = new TrainingStep(model, 0.001, LossMode.ALL_STEPS, false, WeightPenalty.REFERENCE_COEFFICIENT);
        double loss = step.evaluate(b);
        double penalty = WeightPenalty.value(p, WeightPenalty.REFERENCE_COEFFICIENT);
        double lossErr = GoldenChecks.loss(g, loss, loss - penalty, penalty);
        double logitErr = GoldenChecks.activity(g, "logits", model.forward(b).toDoubles());
        double hiddenErr = GoldenChecks.activity(g, "hidden", model.states(b).toDoubles());
        GoldenChecks.GradientErrors grads = GoldenChecks.gradients(g, step.gradients().toArrays());
        System.out.printf("rnn %s: |loss err| %.2e, logits %.2e, hidden %.2e, worst gradient rel %.2e%n", name,
                lossErr, logitErr, hiddenErr, grads.worst());
    }
}
