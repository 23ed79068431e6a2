package org.repal.core.model.mamba;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Mat;
import org.repal.core.model.ModelParameters;
import org.repal.core.store.NpyArray;

/**
 * All weights of a Mamba network in one flat float32/float64 buffer laid out by {@link MambaLayout} (the
 * reference's state_dict order, embedding first), with a matrix view per tensor.
 */
public final class MambaParameters implements ModelParameters {
    private final MambaLayout layout;
    private final Mat flat;
    private final List<Mat> tensors = new ArrayList<>();

    private MambaParameters(MambaLayout layout, DataType type) {
        this.layout = layout;
        this.flat = Mat.zeros(type, 1, layout.size());
        for (MambaLayout.Tensor t : layout.tensors()) {
            int[] s = t.shape();
            int rows = s.length == 1 ? 1 : s[0];
            tensors.add(flat.span(t.offset(), rows, t.size() / rows));
        }
    }

    public static MambaParameters zeros(MambaConfig config, DataType type) {
        return new MambaParameters(new MambaLayout(config), type);
    }

    public MambaConfig config() {
        return layout.config();
    }

    public MambaLayout layout() {
        return layout;
    }

    @Override
    public DataType dataType() {
        return flat.dataType();
    }

    @Override
    public Mat flat() {
        return flat;
    }

    @Override
    public List<Mat> tensors() {
        return List.copyOf(tensors);
    }

    /** The tensor with this state_dict name. */
    public Mat tensor(String name) {
        List<MambaLayout.Tensor> all = layout.tensors();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(name)) {
                return tensors.get(i);
            }
        }
        throw new IllegalArgumentException("no parameter '" + name + "'");
    }

    /** Embedding weight and bias. */
    @Override
    public int frozenCount() {
        return layout.embeddingSize();
    }

    @Override
    public MambaParameters zerosLike() {
        return new MambaParameters(layout, dataType());
    }

    /** A copy in the given data type. */
    public MambaParameters copy(DataType type) {
        MambaParameters p = new MambaParameters(layout, type);
        p.flat.setAll(flat.toDoubles());
        return p;
    }

    @Override
    public Map<String, NpyArray> toArrays() {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        double[] v = flat.toDoubles();
        for (MambaLayout.Tensor t : layout.tensors()) {
            double[] part = Arrays.copyOfRange(v, t.offset(), t.offset() + t.size());
            if (flat.isDouble()) {
                out.put(t.name(), NpyArray.ofDoubles(part, t.shape()));
            } else {
                float[] f = new float[part.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) part[i];
                }
                out.put(t.name(), NpyArray.ofFloats(f, t.shape()));
            }
        }
        return out;
    }

    /** Loads every tensor; shapes must be PyTorch's exactly. Extra arrays (e.g. optimiser state) are ignored. */
    @Override
    public void load(Map<String, NpyArray> arrays, String source) {
        double[] v = new double[layout.size()];
        for (MambaLayout.Tensor t : layout.tensors()) {
            NpyArray a = arrays.get(t.name());
            if (a == null) {
                throw new IllegalArgumentException(source + ": no array '" + t.name() + "' (expected shape "
                        + Arrays.toString(t.shape()) + ")");
            }
            if (!Arrays.equals(a.shape(), t.shape())) {
                throw new IllegalArgumentException(source + ": '" + t.name() + "' has shape "
                        + Arrays.toString(a.shape()) + ", the network needs " + Arrays.toString(t.shape()));
            }
            System.arraycopy(a.toDoubleArray(), 0, v, t.offset(), t.size());
        }
        flat.setAll(v);
    }
}
