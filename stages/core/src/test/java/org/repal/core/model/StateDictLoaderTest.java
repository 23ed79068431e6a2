package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.store.NpyArray;

/** The architecture is found from a state_dict's shapes alone, and every malformed one is refused by name. */
class StateDictLoaderTest {

    private static Map<String, NpyArray> arrays(ModelConfig config, long seed) {
        // float32, as a PyTorch export usually is: the loader holds them in float64.
        return new LinkedHashMap<>(config.initialize(DataType.FLOAT, seed).toArrays());
    }

    @Test
    void findsEveryArchitectureFromTheShapes() {
        for (RnnType type : RnnType.values()) {
            RnnConfig c = new RnnConfig(type, Activation.SOFTPLUS, 5, 11, 4, InitType.KAIMING);
            Map<String, NpyArray> a = arrays(c, 1);
            ImportedModel m = StateDictLoader.fromArrays(a, "p.npz", Architecture.RNN, Activation.SOFTPLUS);
            assertEquals(c, m.config());
            assertEquals(DataType.DOUBLE, m.parameters().dataType());
            assertArrayEquals(a.get(RnnParameters.WEIGHT_HH).toDoubleArray(),
                    m.parameters().toArrays().get(RnnParameters.WEIGHT_HH).toDoubleArray());
        }
        for (MambaConfig c : new MambaConfig[] {MambaConfig.of(16, 2), new MambaConfig(5, 20, 3, 4, 30, 6, 3)}) {
            Map<String, NpyArray> a = arrays(c, 2);
            ImportedModel m = StateDictLoader.fromArrays(a, "p.npz", Architecture.MAMBA, null);
            assertEquals(c, m.config());
            for (String k : a.keySet()) {
                assertArrayEquals(a.get(k).toDoubleArray(), m.parameters().toArrays().get(k).toDoubleArray(), k);
            }
        }
    }

    private static void refused(Architecture arch, ModelConfig config, Consumer<Map<String, NpyArray>> damage,
                                String... mentions) {
        Map<String, NpyArray> a = arrays(config, 3);
        damage.accept(a);
        Activation f = arch == Architecture.RNN ? Activation.RELU : null;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateDictLoader.fromArrays(a, "p.npz", arch, f));
        assertTrue(e.getMessage().startsWith("p.npz: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), () -> "'" + m + "' not in: " + e.getMessage());
        }
    }

    @Test
    void refusesMalformedStateDictsNamingTheParameterAndTheExpectedShape() {
        RnnConfig gru = RnnConfig.of(RnnType.LEAKY_GRU, Activation.RELU, 4);
        MambaConfig mamba = MambaConfig.of(8, 2);
        refused(Architecture.RNN, gru, a -> a.remove(RnnParameters.BIAS), "missing parameter 'rnn.rnncell.bias'",
                "(12,)");
        refused(Architecture.RNN, gru, a -> a.put(RnnParameters.BIAS, NpyArray.ofDoubles(new double[12], 1, 12)),
                "'rnn.rnncell.bias' has shape (1, 12), expected (12,)");
        refused(Architecture.RNN, gru, a -> a.put(RnnParameters.WEIGHT_IH, NpyArray.ofDoubles(new double[14], 2, 7)),
                "(2, 7)", "(4, 7) (leaky_rnn) or (12, 7) (leaky_gru)");
        refused(Architecture.RNN, gru, a -> a.put("rnn.h0", NpyArray.ofDoubles(new double[4], 4)),
                "unknown parameter 'rnn.h0'");
        refused(Architecture.RNN, gru, a -> a.put(RnnParameters.READOUT, NpyArray.ofInts(new int[12], 3, 4)),
                "'readout.weight' (3, 4) is int32");
        refused(Architecture.RNN, gru, a -> {
            double[] v = a.get(RnnParameters.WEIGHT_HH).toDoubleArray();
            v[4 * 2 + 1] = Double.NEGATIVE_INFINITY;
            a.put(RnnParameters.WEIGHT_HH, NpyArray.ofDoubles(v, 12, 4));
        }, "'rnn.rnncell.weight_hh' (12, 4) holds -Infinity at [2, 1]");
        refused(Architecture.MAMBA, gru, a -> { }, "missing parameter 'embedding.weight'", "an RNN's names");
        refused(Architecture.MAMBA, mamba, a -> a.remove("mamba.layers.1.mixer.D"),
                "missing parameter 'mamba.layers.1.mixer.D'", "(16,)");
        refused(Architecture.MAMBA, mamba, a -> a.put("mamba.layers.3.norm.weight", NpyArray.ofDoubles(new double[8], 8)),
                "missing parameters of layer 2");
        refused(Architecture.MAMBA, mamba, a -> a.put("mamba.layers.1.mixer.x_proj.weight",
                        NpyArray.ofDoubles(new double[34 * 16], 34, 16)),
                "'mamba.layers.1.mixer.x_proj.weight' has shape (34, 16), expected (33, 16)", "dt_rank 1");
        assertThrows(IllegalArgumentException.class, () -> StateDictLoader.fromArrays(arrays(gru, 1), "p.npz",
                Architecture.RNN, null), "an RNN needs its activation");
    }
}
