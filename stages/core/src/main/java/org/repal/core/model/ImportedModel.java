package org.repal.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.repal.core.model.mamba.MambaConfig;

/**
 * A network read from a state_dict ({@link StateDictLoader}): its family, the architecture found from the
 * tensor shapes, and its float64 weights under the reference's names.
 */
public record ImportedModel(Architecture architecture, ModelConfig config, ModelParameters parameters) {

    /** A network computing with these weights (live: not copied). */
    public TrainableModel newModel() {
        return config.newModel(parameters);
    }

    /** The architecture's sizes as JSON fields (rnn_type, activation, hidden, or d_model, n_layers, d_inner, …). */
    public void describe(ObjectNode out) {
        out.put("arch", architecture.id());
        if (config instanceof RnnConfig r) {
            out.put("rnn_type", r.type().jsonName());
            out.put("activation", r.activation().jsonName());
            out.put("hidden", r.hidden());
        } else if (config instanceof MambaConfig m) {
            out.put("d_model", m.dModel());
            out.put("n_layers", m.layers());
            out.put("d_inner", m.inner());
            out.put("d_state", m.state());
            out.put("dt_rank", m.dtRank());
        }
        out.put("inputs", config.inputs());
        out.put("outputs", config.outputs());
    }
}
