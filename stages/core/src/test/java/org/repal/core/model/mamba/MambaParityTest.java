package org.repal.core.model.mamba;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repal.core.model.Architecture;
import org.repal.core.model.Batch;
import org.repal.core.model.ImportedModel;
import org.repal.core.model.LossMode;
import org.repal.core.model.SequenceData;
import org.repal.core.model.SequenceLayout;
import org.repal.core.model.StateDictLoader;
import org.repal.core.testing.GoldenCase;
import org.repal.core.testing.GoldenChecks;
import org.repal.core.train.TrainingStep;
import org.repal.core.train.WeightPenalty;

/**
 * The reference's float64 golden vectors ({@code $REPAL_SHARED/testdata/mamba}, made with mamba.py): logits,
 * residual stream, layer-0 SSM states, loss and every gradient (tolerances in {@link GoldenChecks}). The
 * weights go through {@link StateDictLoader}, which must find D, L, ED, N and dt_rank from the shapes alone.
 */
class MambaParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"d16_l2", "d8_l1"})
    void matchesTheReference(String name) {
        GoldenCase g = GoldenCase.of("mamba", name);
        JsonNode meta = g.json();
        int dModel = meta.get("d_model").asInt();
        MambaConfig config = new MambaConfig(7, dModel, meta.get("n_layers").asInt(), 3,
                meta.get("expand").asInt() * dModel, meta.get("d_state").asInt(), meta.get("dt_rank").asInt());
        assertEquals(MambaConfig.of(dModel, config.layers()), config, "the reference's block sizes are mamba.py's");
        ImportedModel imported = StateDictLoader.fromArrays(g.npz("params"), name + "_params.npz", Architecture.MAMBA,
                null);
        assertEquals(config, imported.config(), "architecture read from the shapes");
        MambaParameters p = (MambaParameters) imported.parameters();
        SequenceData data = SequenceData.of(g.npy("inputs"), "inputs", g.npy("targets"), "targets",
                SequenceLayout.BATCH, 7, 3);
        int batch = data.batch();
        int steps = data.steps();
        assertEquals(meta.get("batch").asInt(), batch);
        assertEquals(meta.get("steps").asInt(), steps);
        Batch b = data.toBatch();

        TrainingStep step = new TrainingStep(new MambaModel(p), 0.001, LossMode.ALL_STEPS, false,
                WeightPenalty.REFERENCE_COEFFICIENT);
        double loss = step.evaluate(b);
        double penalty = WeightPenalty.value(p, WeightPenalty.REFERENCE_COEFFICIENT);
        double lossErr = GoldenChecks.loss(g, loss, loss - penalty, penalty);

        SequenceLayout out = SequenceLayout.BATCH;
        double logitErr = GoldenChecks.activity(g, "logits",
                out.fromTimeMajor(step.model().forward(b).toDoubles(), batch, steps, 3));
        MambaActivity act = MambaActivity.record(p, data.batchMajorInputs(), batch, steps, false);
        double streamErr = GoldenChecks.activity(g, "stream", out.fromTimeMajor(act.stream(), batch, steps, dModel));
        double stateErr = GoldenChecks.activity(g, "ssm_states_layer0",
                out.fromTimeMajor(act.ssm(0), batch, steps, config.inner() * config.state()));
        GoldenChecks.activity(g, "logits", out.fromTimeMajor(act.logits(), batch, steps, 3));

        GoldenChecks.GradientErrors grads = GoldenChecks.gradients(g, step.gradients().toArrays());
        System.out.printf("mamba %s: |loss err| %.2e, logits %.2e, stream %.2e, states %.2e, worst gradient rel %.2e"
                + " (A_log, D: %.2e)%n", name, lossErr, logitErr, streamErr, stateErr, grads.worst(),
                grads.worstFloat32());
    }
}
