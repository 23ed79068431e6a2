package org.repal.core.model;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.store.NpyArray;

/**
 * A network's weights (or gradients) in one flat buffer with a view per tensor, in the order of the
 * reference's state_dict. The tensors that frozen training updates form a prefix of the buffer, so one
 * optimiser covers both cases by its length.
 */
public interface ModelParameters {
    DataType dataType();

    /** The whole buffer as a 1 × P matrix. */
    Mat flat();

    /** The tensors in buffer order (each a view of {@link #flat()}). */
    List<Mat> tensors();

    /** Length of the prefix updated by frozen training. */
    int frozenCount();

    /** All zeros, same architecture and type (gradient buffers). */
    ModelParameters zerosLike();

    /** The named arrays under the reference's state_dict names and PyTorch shapes. */
    Map<String, NpyArray> toArrays();

    /**
     * Loads arrays named as {@link #toArrays} writes them.
     *
     * @throws IllegalArgumentException naming a missing array or one whose shape does not fit, with {@code source}
     */
    void load(Map<String, NpyArray> arrays, String source);
}
