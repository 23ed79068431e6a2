package org.repal.core.eval;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.model.Batch;
import org.repal.core.model.ImportedModel;
import org.repal.core.model.LossMode;
import org.repal.core.model.ModelParameters;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RecurrentModel;
import org.repal.core.model.SequenceData;
import org.repal.core.model.TrainableModel;
import org.repal.core.model.mamba.MambaActivity;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.model.mamba.MambaParameters;
import org.repal.core.train.WeightPenalty;

/**
 * Runs an imported network on sequences in float64: the logits, the activity the analyses use (an RNN's hidden
 * states; Mamba's residual stream after the last block and every layer's SSM state, from the step mode, which
 * equals the sequence forward), and with labels the reference's training objective (spec §4: mean
 * cross-entropy over all steps + 1e-4·Σ‖p‖_F) with its gradient for every tensor.
 */
public final class ModelEvaluator {
    private ModelEvaluator() {
    }

    public static ModelEvaluation evaluate(ImportedModel imported, SequenceData data) {
        if (data.features() != imported.config().inputs()) {
            throw new IllegalArgumentException("inputs have " + data.features() + " features, the network takes "
                    + imported.config().inputs());
        }
        TrainableModel model = imported.newModel();
        Batch batch = data.toBatch();
        int outputs = imported.config().outputs();
        ModelEvaluation.Recorded logits = new ModelEvaluation.Recorded("logits", model.forward(batch).toDoubles(),
                outputs);
        List<ModelEvaluation.Recorded> activity = new ArrayList<>();
        if (imported.config() instanceof RnnConfig rnn) {
            // Valid after the forward above, which filled this batch shape's states.
            activity.add(new ModelEvaluation.Recorded("hidden", ((RecurrentModel) model).states(batch).toDoubles(),
                    rnn.hidden()));
        } else {
            MambaConfig m = (MambaConfig) imported.config();
            MambaActivity act = MambaActivity.record((MambaParameters) imported.parameters(), data.batchMajorInputs(),
                    data.batch(), data.steps(), false);
            activity.add(new ModelEvaluation.Recorded("stream", act.stream(), m.dModel()));
            for (int l = 0; l < m.layers(); l++) {
                activity.add(new ModelEvaluation.Recorded("ssm_states_layer" + l, act.ssm(l), m.inner(), m.state()));
            }
        }
        if (!data.hasTargets()) {
            return new ModelEvaluation(data.layout(), data.batch(), data.steps(), logits, activity, null, null);
        }
        ModelParameters params = imported.parameters();
        ModelParameters grads = params.zerosLike();
        double ce = model.lossAndGradient(batch, LossMode.ALL_STEPS, grads, false);
        double penalty = WeightPenalty.addGradient(params, grads, WeightPenalty.REFERENCE_COEFFICIENT, false);
        return new ModelEvaluation(data.layout(), data.batch(), data.steps(), logits, activity,
                new ModelEvaluation.Loss(ce + penalty, ce, penalty), grads.toArrays());
    }
}
