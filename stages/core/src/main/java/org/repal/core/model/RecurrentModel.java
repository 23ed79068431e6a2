package org.repal.core.model;

/** An RNN as training and activity recording use it: a {@link TrainableModel} that also hands out its states. */
public interface RecurrentModel extends TrainableModel {
    @Override
    RnnParameters parameters();

    /**
     * The hidden states h_1 … h_T of the last forward pass of this batch shape, [T·B, H] time-major (valid until
     * the next call), readable from the host.
     */
    Mat states(Batch batch);
}
