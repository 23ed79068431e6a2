package org.repal.core.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * What the trainer needs from a network: logits of a batch, the cross-entropy and its gradient, and the live
 * weights. Implementations keep per-shape buffers and are not thread-safe: one model per training thread.
 */
public interface TrainableModel {
    DataType dataType();

    /** The live weights (updated in place by the optimiser). */
    ModelParameters parameters();

    /** The logits [T·B, n_out] in the batch's time-major row order, valid until the next call. */
    Mat forward(Batch batch);

    /**
     * Forward and backward: returns the mean cross-entropy and writes its gradient into {@code grads}. With
     * {@code frozen} only the tensors of the {@link ModelParameters#frozenCount() frozen prefix} need be formed.
     */
    double lossAndGradient(Batch batch, LossMode mode, ModelParameters grads, boolean frozen);

    /** The mean cross-entropy of a forward pass (no gradient). */
    default double loss(Batch batch, LossMode mode) {
        return CrossEntropy.loss(forward(batch), batch, mode, null);
    }
}
