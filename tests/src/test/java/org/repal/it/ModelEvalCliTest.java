package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Activation;
import org.repal.core.model.Batch;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.model.mamba.MambaModel;
import org.repal.core.model.mamba.MambaParameters;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Npz;

/**
 * {@code repal model eval} end to end on networks made here (no REPAL_SHARED needed): both layouts give the
 * same numbers, float32 inputs are computed in float64, Mamba's block sizes come from the shapes, an earlier
 * output is replaced but a foreign folder is not, and every kind of bad input exits 2 with one stderr line
 * naming the problem and nothing written.
 */
class ModelEvalCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int STEPS = 9;
    private static final int BATCH = 2;
    private static final int HIDDEN = 6;
    /** Not mamba.py's defaults for D 8 (ED 16, N 16, dt_rank 1): the loader must read them from the shapes. */
    private static final MambaConfig MAMBA = new MambaConfig(7, 8, 2, 3, 12, 4, 2);

    @TempDir
    static Path dir;

    private static CliRunner cli;
    private static MambaParameters mamba;
    private static double[] xTime;

    @BeforeAll
    static void writeFiles() throws IOException {
        cli = new CliRunner(dir);
        SplittableRandom rng = new SplittableRandom(5);
        xTime = new double[STEPS * BATCH * 7];
        for (int i = 0; i < xTime.length; i++) {
            xTime[i] = 2 * rng.nextDouble() - 1;
        }
        byte[] yTime = new byte[STEPS * BATCH];
        for (int i = 0; i < yTime.length; i++) {
            yTime[i] = (byte) rng.nextInt(3);
        }
        Npy.write(NpyArray.ofDoubles(xTime, STEPS, BATCH, 7), dir.resolve("x_time.npy"));
        Npy.write(NpyArray.ofBytes(yTime, STEPS, BATCH), dir.resolve("y_time.npy"));
        Npy.write(NpyArray.ofDoubles(swap(xTime, STEPS, BATCH, 7), BATCH, STEPS, 7), dir.resolve("x_batch.npy"));
        Npy.write(NpyArray.ofBytes(swapBytes(yTime, STEPS, BATCH), BATCH, STEPS), dir.resolve("y_batch.npy"));
        float[] f = new float[xTime.length];
        double[] widened = new double[xTime.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) xTime[i];
            widened[i] = f[i];
        }
        Npy.write(NpyArray.ofFloats(f, STEPS, BATCH, 7), dir.resolve("x_f32.npy"));
        Npy.write(NpyArray.ofDoubles(widened, STEPS, BATCH, 7), dir.resolve("x_f32_as_f64.npy"));

        Map<String, NpyArray> gru = RnnConfig.of(RnnType.LEAKY_GRU, Activation.TANH, HIDDEN)
                .initialize(DataType.DOUBLE, 1).toArrays();
        Npz.write(gru, dir.resolve("gru.npz"), false);
        mamba = MAMBA.initialize(DataType.DOUBLE, 2);
        Npz.write(mamba.toArrays(), dir.resolve("mamba.npz"), false);

        // Bad inputs, one problem each.
        Map<String, NpyArray> missing = new LinkedHashMap<>(gru);
        missing.remove("rnn.rnncell.bias");
        Npz.write(missing, dir.resolve("gru_missing.npz"), false);
        Map<String, NpyArray> extra = new LinkedHashMap<>(gru);
        extra.put("rnn.rnncell.weight_ho", NpyArray.ofDoubles(new double[HIDDEN], HIDDEN));
        Npz.write(extra, dir.resolve("gru_extra.npz"), false);
        Map<String, NpyArray> nan = new LinkedHashMap<>(gru);
        double[] whh = gru.get("rnn.rnncell.weight_hh").toDoubleArray();
        whh[3 * HIDDEN + 2] = Double.NaN;
        nan.put("rnn.rnncell.weight_hh", NpyArray.ofDoubles(whh, 3 * HIDDEN, HIDDEN));
        Npz.write(nan, dir.resolve("gru_nan.npz"), false);
        Map<String, NpyArray> shape = new LinkedHashMap<>(mamba.toArrays());
        String conv = "mamba.layers.1.mixer.conv1d.weight";
        shape.put(conv, NpyArray.ofDoubles(shape.get(conv).toDoubleArray(), 12, 4));
        Npz.write(shape, dir.resolve("mamba_shape.npz"), false);

        double[] inf = xTime.clone();
        inf[20] = Double.POSITIVE_INFINITY;
        Npy.write(NpyArray.ofDoubles(inf, STEPS, BATCH, 7), dir.resolve("x_inf.npy"));
        Npy.write(NpyArray.ofDoubles(xTime, STEPS * BATCH, 7), dir.resolve("x_2d.npy"));
        Npy.write(NpyArray.ofDoubles(java.util.Arrays.copyOf(xTime, STEPS * BATCH * 6), STEPS, BATCH, 6),
                dir.resolve("x_6.npy"));
        Npy.write(NpyArray.ofBytes(java.util.Arrays.copyOf(yTime, (STEPS - 1) * BATCH), STEPS - 1, BATCH),
                dir.resolve("y_short.npy"));
        byte[] badLabel = yTime.clone();
        badLabel[5] = 3;
        Npy.write(NpyArray.ofBytes(badLabel, STEPS, BATCH), dir.resolve("y_label.npy"));
    }

    /** [a, b, w] → [b, a, w]. */
    private static double[] swap(double[] v, int a, int b, int w) {
        double[] out = new double[v.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(v, (i * b + j) * w, out, (j * a + i) * w, w);
            }
        }
        return out;
    }

    private static byte[] swapBytes(byte[] v, int a, int b) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                out[j * a + i] = v[i * b + j];
            }
        }
        return out;
    }

    private static JsonNode eval(String out, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("model", "eval", "--out", out));
        args.addAll(List.of(more));
        CliRunner.Result r = cli.run(args);
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(1, r.stdout().strip().lines().count(), r::describe);
        return MAPPER.readTree(r.stdout());
    }

    private static NpyArray read(String out, String file) throws IOException {
        return Npy.read(dir.resolve(out).resolve(file));
    }

    @Test
    void bothLayoutsGiveTheSameNumbers() throws IOException {
        String[] rnn = {"--arch", "rnn", "--activation", "tanh", "--params", "gru.npz"};
        JsonNode time = eval("time", concat(rnn, "--inputs", "x_time.npy", "--targets", "y_time.npy"));
        assertEquals("leaky_gru", time.get("rnn_type").asText());
        assertEquals(HIDDEN, time.get("hidden").asInt());
        assertEquals("time", time.get("layout").asText());
        eval("batch", concat(rnn, "--inputs", "x_batch.npy", "--targets", "y_batch.npy", "--layout", "batch"));
        for (String f : List.of("logits.npy", "hidden.npy")) {
            NpyArray t = read("time", f);
            NpyArray b = read("batch", f);
            int w = t.shape()[2];
            assertArrayEquals(new int[] {STEPS, BATCH, w}, t.shape(), f);
            assertArrayEquals(new int[] {BATCH, STEPS, w}, b.shape(), f);
            assertArrayEquals(swap(t.toDoubleArray(), STEPS, BATCH, w), b.toDoubleArray(), f);
        }
        assertEquals(Files.readString(dir.resolve("time/loss.json")), Files.readString(dir.resolve("batch/loss.json")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("time/grads.npz")),
                Files.readAllBytes(dir.resolve("batch/grads.npz")));
        JsonNode loss = MAPPER.readTree(dir.resolve("time/loss.json").toFile());
        assertEquals(loss.get("loss").asDouble(),
                loss.get("cross_entropy").asDouble() + loss.get("weight_penalty").asDouble(), 1e-15);
        assertTrue(loss.get("cross_entropy").asDouble() > 0.1, loss::toString);
    }

    @Test
    void float32InputsAreComputedInFloat64() throws IOException {
        String[] rnn = {"--arch", "rnn", "--activation", "tanh", "--params", "gru.npz"};
        eval("f32", concat(rnn, "--inputs", "x_f32.npy"));
        eval("f32_as_f64", concat(rnn, "--inputs", "x_f32_as_f64.npy"));
        NpyArray a = read("f32", "logits.npy");
        assertEquals(org.repal.core.store.NpyDtype.FLOAT64, a.dtype());
        assertArrayEquals(read("f32_as_f64", "logits.npy").toDoubleArray(), a.toDoubleArray());
        assertFalse(Files.exists(dir.resolve("f32/loss.json")), "no targets, no loss");
        assertFalse(Files.exists(dir.resolve("f32/grads.npz")), "no targets, no gradients");
    }

    @Test
    void mambaBlockSizesComeFromTheShapes() throws IOException {
        JsonNode s = eval("mamba", "--arch", "mamba", "--params", "mamba.npz", "--inputs", "x_batch.npy",
                "--targets", "y_batch.npy");
        assertEquals("batch", s.get("layout").asText());
        assertEquals(8, s.get("d_model").asInt());
        assertEquals(2, s.get("n_layers").asInt());
        assertEquals(12, s.get("d_inner").asInt());
        assertEquals(4, s.get("d_state").asInt());
        assertEquals(2, s.get("dt_rank").asInt());
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(new int[] {BATCH, STEPS, 12, 4}, read("mamba", "ssm_states_layer" + l + ".npy").shape());
        }
        assertArrayEquals(new int[] {BATCH, STEPS, 8}, read("mamba", "stream.npy").shape());
        Map<String, NpyArray> grads = Npz.read(dir.resolve("mamba/grads.npz"));
        assertEquals(mamba.toArrays().keySet(), grads.keySet());

        // The same network in this process, from the weights before export.
        Batch b = new Batch(DataType.DOUBLE, BATCH, STEPS, 7);
        b.setInputs(xTime);
        double[] expected = swap(new MambaModel(mamba).forward(b).toDoubles(), STEPS, BATCH, 3);
        double[] logits = read("mamba", "logits.npy").toDoubleArray();
        for (int i = 0; i < logits.length; i++) {
            assertEquals(expected[i], logits[i], 1e-12, "logit " + i);
        }
    }

    @Test
    void anEarlierOutputIsReplacedButNotAForeignFolder() throws IOException {
        String[] args = {"--arch", "mamba", "--params", "mamba.npz", "--inputs", "x_batch.npy"};
        eval("again", args);
        eval("again", args);
        assertTrue(Files.isRegularFile(dir.resolve("again/logits.npy")));
        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        List<String> a = new ArrayList<>(List.of("model", "eval", "--out", "foreign"));
        a.addAll(List.of(args));
        CliRunner.Result r = cli.run(a);
        assertEquals(2, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("notes.txt"), r::describe);
        try (Stream<Path> files = Files.list(foreign)) {
            assertEquals(List.of(foreign.resolve("notes.txt")), files.toList());
        }
        assertNoStagingLeft();
    }

    static Stream<Arguments> badInputs() {
        String[] gruArgs = {"--arch", "rnn", "--activation", "tanh", "--inputs", "x_time.npy"};
        return Stream.of(
                bad("missing parameter", List.of("gru_missing.npz", "'rnn.rnncell.bias'", "(18,)"),
                        concat(gruArgs, "--params", "gru_missing.npz")),
                bad("unknown parameter", List.of("gru_extra.npz", "'rnn.rnncell.weight_ho'"),
                        concat(gruArgs, "--params", "gru_extra.npz")),
                bad("NaN parameter", List.of("gru_nan.npz", "'rnn.rnncell.weight_hh'", "(18, 6)", "NaN", "[3, 2]"),
                        concat(gruArgs, "--params", "gru_nan.npz")),
                bad("wrong shape", List.of("mamba_shape.npz", "'mamba.layers.1.mixer.conv1d.weight'", "(12, 4)",
                        "expected (12, 1, 4)"),
                        "--arch", "mamba", "--params", "mamba_shape.npz", "--inputs", "x_batch.npy"),
                bad("state_dict of the other family", List.of("gru.npz", "'embedding.weight'", "an RNN's names"),
                        "--arch", "mamba", "--params", "gru.npz", "--inputs", "x_batch.npy"),
                bad("missing file", List.of("nope.npz", "no such file"), concat(gruArgs, "--params", "nope.npz")),
                bad("no activation", List.of("--activation"),
                        "--arch", "rnn", "--params", "gru.npz", "--inputs", "x_time.npy"),
                bad("bad layout", List.of("diagonal", "batch or time"),
                        concat(gruArgs, "--params", "gru.npz", "--layout", "diagonal")),
                bad("2-D inputs", List.of("x_2d.npy", "(18, 7)", "(steps, batch, 7)"),
                        "--arch", "rnn", "--activation", "tanh", "--params", "gru.npz", "--inputs", "x_2d.npy"),
                bad("6 input features", List.of("x_6.npy", "(batch, steps, 7)"),
                        "--arch", "mamba", "--params", "mamba.npz", "--inputs", "x_6.npy", "--layout", "batch"),
                bad("infinite input", List.of("x_inf.npy", "Infinity"),
                        "--arch", "rnn", "--activation", "tanh", "--params", "gru.npz", "--inputs", "x_inf.npy"),
                bad("mismatched targets", List.of("y_short.npy", "(8, 2)", "expected (9, 2)"),
                        concat(gruArgs, "--params", "gru.npz", "--targets", "y_short.npy")),
                bad("label out of range", List.of("y_label.npy", "outside 0..2"),
                        concat(gruArgs, "--params", "gru.npz", "--targets", "y_label.npy")));
    }

    private static Arguments bad(String label, List<String> mentions, String... args) {
        return Arguments.of(label, mentions, List.of(args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputExitsTwoWithOneLineAndWritesNothing(String label, List<String> mentions, List<String> args) {
        String out = "bad-" + label.replace(' ', '-');
        List<String> all = new ArrayList<>(List.of("model", "eval", "--out", out));
        all.addAll(args);
        CliRunner.Result r = cli.run(all);
        assertEquals(2, r.exitCode(), r::describe);
        assertEquals(1, r.stderrLines().size(), r::describe);
        String line = r.stderrLines().get(0);
        for (String m : mentions) {
            assertTrue(line.contains(m), () -> "stderr should mention " + m + ": " + line);
        }
        assertEquals("", r.stdout().strip(), r::describe);
        assertFalse(Files.exists(dir.resolve(out)), "nothing written to --out");
        assertNoStagingLeft();
    }

    private static void assertNoStagingLeft() {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> staging = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.contains(".tmp-") || n.contains(".old-")).toList();
            assertEquals(List.of(), staging, "staging folders left behind");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] out = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, out, first.length, more.length);
        return out;
    }
}
