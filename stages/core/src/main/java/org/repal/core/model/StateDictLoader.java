package org.repal.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.model.mamba.MambaLayout;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Npz;

/**
 * Reads a network's weights from an .npz holding its PyTorch state_dict under the reference's names (a RepAL
 * {@code .pth} exported with {@code np.savez(f, **{k: v.numpy() for k, v in sd.items()})}) and finds the
 * architecture from the shapes: for the RNN the hidden size and the cell (3H gate rows: leaky_gru), for Mamba
 * D, the layer count, ED, N and dt_rank. The activation is not in a state_dict and must be given.
 *
 * <p>Strict, because a silently misread network would poison every later analysis: an unknown or missing
 * name, a wrong shape, a non-float dtype or a NaN/Inf value is an IllegalArgumentException whose one line
 * names the file, the parameter and the expected shape. Weights are held in float64.
 */
public final class StateDictLoader {
    private static final Pattern LAYER = Pattern.compile("^mamba\\.layers\\.(\\d+)\\.");

    private StateDictLoader() {
    }

    /**
     * Loads {@code file}.
     *
     * @param activation the RNN's activation (required for {@link Architecture#RNN}, null for Mamba)
     * @throws IllegalArgumentException for a missing or unreadable file and any of the problems above
     */
    public static ImportedModel load(Path file, Architecture arch, Activation activation) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        Map<String, NpyArray> arrays;
        try {
            arrays = Npz.read(file);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException(m.startsWith(file.toString()) ? m : file + ": " + m, e);
        }
        return fromArrays(arrays, file.toString(), arch, activation);
    }

    /** As {@link #load} for arrays already read; {@code source} names them in messages. */
    public static ImportedModel fromArrays(Map<String, NpyArray> arrays, String source, Architecture arch,
                                           Activation activation) {
        ModelConfig config = switch (arch) {
            case RNN -> rnnConfig(arrays, source, activation);
            case MAMBA -> {
                if (activation != null) {
                    throw new IllegalArgumentException("a Mamba network has no activation to choose");
                }
                yield mambaConfig(arrays, source);
            }
        };
        ModelParameters params = config.zeros(DataType.DOUBLE);
        Map<String, NpyArray> expected = params.toArrays();
        String sizes = describeSizes(config);
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                throw new IllegalArgumentException(source + ": unknown parameter '" + e.getKey() + "' "
                        + Shapes.format(e.getValue().shape()) + ": not in the state_dict of " + sizes);
            }
        }
        for (Map.Entry<String, NpyArray> e : expected.entrySet()) {
            check(source, e.getKey(), arrays.get(e.getKey()), e.getValue().shape(), sizes);
        }
        params.load(arrays, source);
        return new ImportedModel(arch, config, params);
    }

    private static void check(String source, String name, NpyArray a, int[] shape, String sizes) {
        String want = Shapes.format(shape);
        if (a == null) {
            throw new IllegalArgumentException(source + ": missing parameter '" + name + "' (expected shape " + want
                    + " for " + sizes + ")");
        }
        if (!java.util.Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException(source + ": parameter '" + name + "' has shape "
                    + Shapes.format(a.shape()) + ", expected " + want + " for " + sizes);
        }
        if (!a.dtype().isFloating()) {
            throw new IllegalArgumentException(source + ": parameter '" + name + "' " + want + " is "
                    + a.dtype().numpyName() + ", expected float32 or float64");
        }
        double[] v = a.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(source + ": parameter '" + name + "' " + want + " holds " + v[i]
                        + " at " + Shapes.index(shape, i) + ": every weight must be finite");
            }
        }
    }

    private static RnnConfig rnnConfig(Map<String, NpyArray> arrays, String source, Activation activation) {
        if (activation == null) {
            throw new IllegalArgumentException(source + ": an RNN's activation is not in its state_dict and must be"
                    + " given (relu, leaky_relu, softplus or tanh)");
        }
        int[] readout = shape(arrays, source, RnnParameters.READOUT, "(outputs, H)");
        int[] wih = shape(arrays, source, RnnParameters.WEIGHT_IH, "(H or 3H, inputs)");
        int h = readout[1];
        RnnType type = null;
        for (RnnType t : RnnType.values()) {
            if (wih[0] == t.blocks() * h) {
                type = t;
            }
        }
        if (type == null) {
            throw new IllegalArgumentException(source + ": parameter '" + RnnParameters.WEIGHT_IH + "' has shape "
                    + Shapes.format(wih) + ", expected " + Shapes.format(h, wih[1]) + " (leaky_rnn) or "
                    + Shapes.format(3 * h, wih[1]) + " (leaky_gru) for the hidden size " + h + " of '"
                    + RnnParameters.READOUT + "' " + Shapes.format(readout));
        }
        return new RnnConfig(type, activation, wih[1], h, readout[0], InitType.KAIMING);
    }

    private static MambaConfig mambaConfig(Map<String, NpyArray> arrays, String source) {
        int[] emb = shape(arrays, source, MambaLayout.EMBEDDING_WEIGHT, "(D, inputs)");
        int layers = 0;
        for (String name : arrays.keySet()) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) {
                layers = Math.max(layers, Math.addExact(Integer.parseInt(m.group(1)), 1));
            }
        }
        // A gap in the layer numbers would otherwise size the network by a stray name.
        for (int k = 0; k < layers; k++) {
            String prefix = "mamba.layers." + k + ".";
            if (arrays.keySet().stream().noneMatch(n -> n.startsWith(prefix))) {
                throw new IllegalArgumentException(source + ": missing parameters of layer " + k + " ('" + prefix
                        + "mixer.A_log' …) while names of layer " + (layers - 1) + " are present");
            }
        }
        String mixer = "mamba.layers.0.mixer.";
        int[] aLog = shape(arrays, source, mixer + "A_log", "(ED, N)");
        int[] dt = shape(arrays, source, mixer + "dt_proj.weight", "(ED, dt_rank)");
        int[] head = shape(arrays, source, MambaLayout.HEAD, "(outputs, D)");
        return new MambaConfig(emb[1], emb[0], layers, head[0], aLog[0], aLog[1], dt[1]);
    }

    /** The shape of a 2-D tensor that an architecture size is read from. */
    private static int[] shape(Map<String, NpyArray> arrays, String source, String name, String symbolic) {
        NpyArray a = arrays.get(name);
        if (a == null) {
            // The likeliest cause is the other family's file: say so.
            String other = arrays.containsKey(RnnParameters.READOUT) ? " (the file holds an RNN's names)"
                    : arrays.containsKey(MambaLayout.EMBEDDING_WEIGHT) ? " (the file holds a Mamba network's names)"
                    : "";
            throw new IllegalArgumentException(source + ": missing parameter '" + name + "' (expected shape "
                    + symbolic + ")" + other);
        }
        int[] s = a.shape();
        if (s.length != 2 || s[0] < 1 || s[1] < 1) {
            throw new IllegalArgumentException(source + ": parameter '" + name + "' has shape " + Shapes.format(s)
                    + ", expected " + symbolic);
        }
        return s;
    }

    /** What the expected shapes were derived from, for messages. */
    private static String describeSizes(ModelConfig config) {
        if (config instanceof RnnConfig r) {
            return "a " + r.type().jsonName() + " with " + r.inputs() + " inputs, H " + r.hidden() + " (from '"
                    + RnnParameters.READOUT + "'), " + r.outputs() + " outputs";
        }
        MambaConfig m = (MambaConfig) config;
        return "a Mamba network with " + m.inputs() + " inputs, D " + m.dModel() + " (from '"
                + MambaLayout.EMBEDDING_WEIGHT + "'), " + m.layers() + " layers, ED " + m.inner() + " and N "
                + m.state() + " (from layer 0's A_log), dt_rank " + m.dtRank() + ", " + m.outputs() + " outputs";
    }
}
