package org.repal.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.store.NpyArray;

/**
 * All weights of a network in one flat buffer, with matrix views of each tensor, so that an optimiser
 * updates every parameter in one pass. Layout (the reference's state_dict order): W_ih [G, n_in],
 * W_hh [G, H], b [G], W_out [n_out, H] with G = H (RNN) or 3H (GRU, blocks r, z, n). W_ih comes first,
 * so "train W_ih only" is the prefix {@code [0, inputWeightCount())}.
 */
public final class RnnParameters implements ModelParameters {
    /** Array names in final.npz: the keys of the reference's saved state_dict. */
    public static final String WEIGHT_IH = "rnn.rnncell.weight_ih";
    public static final String WEIGHT_HH = "rnn.rnncell.weight_hh";
    public static final String BIAS = "rnn.rnncell.bias";
    public static final String READOUT = "readout.weight";

    private final RnnConfig config;
    private final Mat flat;
    private final Mat weightIh;
    private final Mat weightHh;
    private final Mat bias;
    private final Mat readout;

    private RnnParameters(RnnConfig config, DataType type) {
        this.config = config;
        int g = config.gateRows();
        int h = config.hidden();
        this.flat = Mat.zeros(type, 1, config.parameterCount());
        long off = 0;
        this.weightIh = flat.span(off, g, config.inputs());
        off += weightIh.size();
        this.weightHh = flat.span(off, g, h);
        off += weightHh.size();
        this.bias = flat.span(off, 1, g);
        off += bias.size();
        this.readout = flat.span(off, config.outputs(), h);
    }

    /** All zeros (gradient buffers, or weights to be filled). */
    public static RnnParameters zeros(RnnConfig config, DataType type) {
        return new RnnParameters(config, type);
    }

    public RnnConfig config() {
        return config;
    }

    @Override
    public DataType dataType() {
        return flat.dataType();
    }

    /** The whole buffer as a 1 × P matrix. */
    @Override
    public Mat flat() {
        return flat;
    }

    public Mat weightIh() {
        return weightIh;
    }

    public Mat weightHh() {
        return weightHh;
    }

    /** b as a 1 × G row. */
    public Mat bias() {
        return bias;
    }

    public Mat readout() {
        return readout;
    }

    /** The tensors in layout order. */
    @Override
    public List<Mat> tensors() {
        return List.of(weightIh, weightHh, bias, readout);
    }

    /** Size of W_ih, the only tensor that frozen training updates. */
    public int inputWeightCount() {
        return Math.toIntExact(weightIh.size());
    }

    /** W_ih. */
    @Override
    public int frozenCount() {
        return inputWeightCount();
    }

    @Override
    public RnnParameters zerosLike() {
        return zeros(config, dataType());
    }

    public void copyFrom(RnnParameters other) {
        if (other.config.parameterCount() != config.parameterCount()) {
            throw new IllegalArgumentException("parameter counts differ");
        }
        flat.array().assign(other.flat.array()); // an ND4J op: right on any backend
    }

    /** A copy in the given data type. */
    public RnnParameters copy(DataType type) {
        RnnParameters p = zeros(config, type);
        p.flat.setAll(flat.toDoubles());
        return p;
    }

    /** The named arrays (float32 or float64 as held), PyTorch's shapes: b is 1-D. */
    @Override
    public Map<String, NpyArray> toArrays() {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        out.put(WEIGHT_IH, array(weightIh, weightIh.rows(), weightIh.cols()));
        out.put(WEIGHT_HH, array(weightHh, weightHh.rows(), weightHh.cols()));
        out.put(BIAS, array(bias, bias.cols()));
        out.put(READOUT, array(readout, readout.rows(), readout.cols()));
        return out;
    }

    private static NpyArray array(Mat m, int... shape) {
        double[] v = m.toDoubles();
        if (m.isDouble()) {
            return NpyArray.ofDoubles(v, shape);
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return NpyArray.ofFloats(f, shape);
    }

    /**
     * Loads the named arrays written by {@link #toArrays}.
     *
     * @throws IllegalArgumentException naming a missing array or a shape that does not fit this network
     */
    @Override
    public void load(Map<String, NpyArray> arrays, String source) {
        load(arrays, WEIGHT_IH, weightIh, source);
        load(arrays, WEIGHT_HH, weightHh, source);
        load(arrays, BIAS, bias, source);
        load(arrays, READOUT, readout, source);
    }

    private static void load(Map<String, NpyArray> arrays, String name, Mat into, String source) {
        NpyArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException(source + ": no array '" + name + "'");
        }
        if (a.size() != into.size() || a.shape()[a.ndim() - 1] != into.cols()) {
            throw new IllegalArgumentException(source + ": '" + name + "' has shape "
                    + java.util.Arrays.toString(a.shape()) + ", the network needs " + into.rows() + "x" + into.cols());
        }
        into.setAll(a.toDoubleArray());
    }
}
