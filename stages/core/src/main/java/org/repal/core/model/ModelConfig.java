package org.repal.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.buffer.DataType;

/** An architecture the trainer can build, name and describe (the RNN of spec §3.1, Mamba of §3.2). */
public interface ModelConfig {
    int inputs();

    int outputs();

    /** The reference's model name for this architecture, the learning rate as Python prints it and the batch size. */
    String modelName(String lr, int batchSize);

    /** Adds the architecture's fields to a run's settings (run.json), in a fixed order. */
    void describe(ObjectNode settings);

    /** Seeded initial weights. */
    ModelParameters initialize(DataType type, long seed);

    /** All-zero weights of this architecture (to be loaded). */
    ModelParameters zeros(DataType type);

    /** A network computing with {@code params} (live: not copied). */
    TrainableModel newModel(ModelParameters params);
}
