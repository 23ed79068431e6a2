package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Npz;
import org.repal.core.store.Sha256;

/**
 * Bad input to every command, table-driven: each case must exit 2 with exactly one line on stderr that names the
 * file, option or field at fault (the fragments listed with the case), never echo a credential, and leave every file
 * under the test's folder — fixtures and the case's own folder — byte for byte as it was (nothing written, nothing
 * half-written). The commands run in this JVM ({@link InProcessCli}); {@link #realProcessExitsTwo} checks a few
 * through {@code java -jar repal.jar} for the real exit code.
 */
class BadInputSuiteTest {
    /** A made-up secret: no message may ever show it. */
    static final String SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";
    static final String CRED_URL = "s3://AKIAIOSFODNN7EXAMPLE:" + SECRET + "@minio.example:9000/bucket/run";
    static final String MODEL = "leaky_rnn_tanh_8_0.001_8_kaiming";

    @TempDir
    static Path root;
    static Path fx;

    /** One bad-input case: its command line, what its one line must mention, and how to prepare its folder. */
    record Case(String name, List<String> args, List<String> mention, Setup setup) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @FunctionalInterface
    interface Setup {
        void prepare(Path dir) throws IOException;
    }

    private final List<Case> cases = new ArrayList<>();

    @BeforeAll
    static void fixtures() throws IOException {
        fx = Files.createDirectories(root.resolve("fx"));
        SplittableRandom rnd = new SplittableRandom(7);
        double[] good = rnd.doubles(6 * 60 * 5).toArray();
        Npy.write(NpyArray.ofDoubles(good, 6, 60, 5), fx.resolve("good.npy"));
        Npy.write(NpyArray.ofDoubles(rnd.doubles(6 * 60 * 5).toArray(), 6, 60, 5), fx.resolve("good2.npy"));
        double[] nan = good.clone();
        nan[17] = Double.NaN;
        Npy.write(NpyArray.ofDoubles(nan, 6, 60, 5), fx.resolve("nan.npy"));
        double[] inf = good.clone();
        inf[123] = Double.POSITIVE_INFINITY;
        Npy.write(NpyArray.ofDoubles(inf, 6, 60, 5), fx.resolve("inf.npy"));
        Npy.write(NpyArray.ofInts(new int[6 * 60 * 5], 6, 60, 5), fx.resolve("int32.npy"));
        Npy.write(NpyArray.ofBooleans(new boolean[6 * 60 * 5], 6, 60, 5), fx.resolve("bool.npy"));
        Npy.write(NpyArray.ofDoubles(good, 1800), fx.resolve("1d.npy"));
        Npy.write(NpyArray.ofDoubles(good, 1, 6, 60, 5), fx.resolve("4d.npy"));
        Npy.write(NpyArray.ofDoubles(new double[0], 0, 60, 5), fx.resolve("empty-shape.npy"));
        Files.write(fx.resolve("complex.npy"), npy("<c16", "(2, 3)", new byte[2 * 3 * 16]));
        Files.write(fx.resolve("object.npy"), npy("|O", "(1,)", "\u0080\u0004N.".getBytes(StandardCharsets.ISO_8859_1)));
        Files.write(fx.resolve("unicode.npy"), npy("<U3", "(2,)", new byte[24]));
        Files.write(fx.resolve("negative-shape.npy"), npy("<f8", "(6, -60, 5)", new byte[0]));
        Files.write(fx.resolve("huge-shape.npy"), npy("<f8", "(100000000000, 100000000000)", new byte[8]));
        Files.write(fx.resolve("empty.npy"), new byte[0]);
        byte[] goodBytes = Files.readAllBytes(fx.resolve("good.npy"));
        Files.write(fx.resolve("truncated.npy"), Arrays.copyOf(goodBytes, goodBytes.length / 2));
        Files.write(fx.resolve("truncated-header.npy"), Arrays.copyOf(goodBytes, 20));
        Files.writeString(fx.resolve("text.npy"), "1,2,3\n4,5,6\n");
        Map<String, NpyArray> zipped = new LinkedHashMap<>();
        zipped.put("x", NpyArray.ofDoubles(good, 6, 60, 5));
        Npz.write(zipped, fx.resolve("archive.npy"), false);
        // Model eval inputs (batch, steps, 7) and labels.
        Npy.write(NpyArray.ofDoubles(rnd.doubles(2 * 30 * 7).toArray(), 2, 30, 7), fx.resolve("x7.npy"));
        double[] x7nan = rnd.doubles(2 * 30 * 7).toArray();
        x7nan[5] = Double.NaN;
        Npy.write(NpyArray.ofDoubles(x7nan, 2, 30, 7), fx.resolve("x7-nan.npy"));
        Npy.write(NpyArray.ofLongs(new long[60], 2, 30), fx.resolve("y.npy"));
        long[] y9 = new long[60];
        y9[3] = 9;
        Npy.write(NpyArray.ofLongs(y9, 2, 30), fx.resolve("y-out-of-range.npy"));
        Npy.write(NpyArray.ofLongs(new long[59], 59), fx.resolve("y-wrong-shape.npy"));
        Files.writeString(fx.resolve("config.yaml"), TINY_CONFIG);

        ok("generate", "--taskset", "PDM", "--train-size", "8", "--test-size", "4", "--threads", "1",
                "--no-progress", "--out", fx.resolve("data").toString());
        ok("train-rnn", "--data", fx.resolve("data").toString(), "--taskset", "PDM", "--group", "master,untrained",
                "--rnn-type", "leaky_rnn", "--activation", "tanh", "--hidden", "8", "--lr", "0.001", "--batch-size", "8",
                "--epochs", "1", "--no-progress", "--out", fx.resolve("models").toString());
        Path params = fx.resolve("models/master/" + MODEL + "/final.npz");
        Files.copy(params, fx.resolve("params.npz"));
        LinkedHashMap<String, NpyArray> p = Npz.read(params);
        NpyArray w = p.get("rnn.rnncell.weight_hh");
        float[] nanW = w.toFloatArray().clone();
        nanW[0] = Float.NaN;
        LinkedHashMap<String, NpyArray> withNan = new LinkedHashMap<>(p);
        withNan.put("rnn.rnncell.weight_hh", NpyArray.ofFloats(nanW, w.shape()));
        Npz.write(withNan, fx.resolve("params-nan.npz"), false);
        LinkedHashMap<String, NpyArray> wrongShape = new LinkedHashMap<>(p);
        wrongShape.put("rnn.rnncell.weight_hh", NpyArray.ofFloats(new float[8 * 9], 8, 9));
        Npz.write(wrongShape, fx.resolve("params-wrong-shape.npz"), false);
        LinkedHashMap<String, NpyArray> missing = new LinkedHashMap<>(p);
        missing.remove("readout.weight");
        Npz.write(missing, fx.resolve("params-missing.npz"), false);
        byte[] pb = Files.readAllBytes(params);
        Files.write(fx.resolve("params-truncated.npz"), Arrays.copyOf(pb, pb.length / 2));
    }

    /** The tiny valid experiment the config cases break (run, render, task, submit). */
    static final String TINY_CONFIG = """
            taskset: PDM
            seed: 1
            data: {train_size: 16, test_size: 4, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [tanh], hidden: [8], lr: [0.001], batch_size: [8], init: [kaiming]}
            groups: [master, untrained]
            training: {epochs: 1}
            dsa: {n_delays: 4, delay_interval: 1, rank: 8}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 2Gi, gpu: 0}
            """;

    private static void ok(String... args) {
        InProcessCli.Result r = InProcessCli.run(List.of(args));
        assertEquals(0, r.exit(), r.describe());
    }

    /** A .npy file with this header and payload (for dtypes and shapes the writer refuses). */
    static byte[] npy(String descr, String shape, byte[] payload) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + h.length + payload.length];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
        out[6] = 1;
        out[8] = (byte) (h.length & 0xff);
        out[9] = (byte) (h.length >> 8);
        System.arraycopy(h, 0, out, 10, h.length);
        System.arraycopy(payload, 0, out, 10 + h.length, payload.length);
        return out;
    }

    // ---- the table ----------------------------------------------------------------------------------------------

    private void bad(String name, String mention, String... args) {
        bad(name, d -> { }, mention, args);
    }

    /** {@code mention}: '|'-separated fragments that must all appear in the line ({fx}, {dir} substituted). */
    private void bad(String name, Setup setup, String mention, String... args) {
        cases.add(new Case(name, List.of(args), mention.isEmpty() ? List.of() : List.of(mention.split("\\|")), setup));
    }

    /** Arrays that are not usable activity: wrong dtype, shape, values, or not NumPy at all. */
    static final List<String> BAD_ARRAYS = List.of("nan.npy", "inf.npy", "int32.npy", "bool.npy", "1d.npy", "4d.npy",
            "empty-shape.npy", "complex.npy", "object.npy", "unicode.npy", "negative-shape.npy", "huge-shape.npy",
            "empty.npy", "truncated.npy", "truncated-header.npy", "text.npy", "archive.npy");

    private void compareCases() {
        bad("compare missing file", "nope.npy", "compare", "{fx}/nope.npy", "{fx}/good.npy");
        bad("compare a folder", "fx", "compare", "{fx}", "{fx}/good.npy");
        for (String f : BAD_ARRAYS) {
            bad("compare " + f + " first", f, "compare", "{fx}/" + f, "{fx}/good.npy");
            bad("compare " + f + " second", f, "compare", "--metric", "cka", "{fx}/good.npy", "{fx}/" + f);
            bad("compare --pairwise " + f, f, "compare", "--pairwise", "{fx}/good.npy", "{fx}/good2.npy", "{fx}/" + f,
                    "--out", "{dir}/m.npz");
        }
        bad("compare --metric", "--metric", "compare", "--metric", "euclid", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --n-delays 0", "n-delays", "compare", "--n-delays", "0", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --n-delays too many", "good.npy|singular", "compare", "--n-delays", "59", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --rank -1", "rank", "compare", "--rank", "-1", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --lambda NaN", "lambda", "compare", "--lambda", "NaN", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --lambda -1", "lambda", "compare", "--lambda", "-1", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --lr Inf", "lr", "compare", "--optimizer", "reference", "--lr", "Infinity", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --iters 0", "iters", "compare", "--iters", "0", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --optimizer", "optimizer", "compare", "--optimizer", "adam", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --score", "score", "compare", "--score", "cosine", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --seed text", "seed", "compare", "--seed", "one", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --threads 0", "threads", "compare", "--threads", "0", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare --restarts -1", "restarts", "compare", "--restarts", "-1", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare unknown option", "--bogus", "compare", "--bogus", "{fx}/good.npy", "{fx}/good2.npy");
        bad("compare one array", "", "compare", "{fx}/good.npy");
        bad("compare --pairwise --out .txt", "m.txt", "compare", "--pairwise", "{fx}/good.npy", "{fx}/good2.npy",
                "--out", "{dir}/m.txt");
        bad("compare --pairwise --out missing folder", "nowhere", "compare", "--pairwise", "{fx}/good.npy",
                "{fx}/good2.npy", "--out", "{dir}/nowhere/m.npy");
    }

    /**
     * A command line from {@code base} with each (option, value) of {@code change} replacing that option's value or
     * added (a trailing option without a value is added alone), and {@code --out} in the case folder unless given.
     */
    private static List<String> withChanges(String[] base, String... change) {
        List<String> a = new ArrayList<>(List.of(base));
        for (int i = 0; i < change.length; i += 2) {
            int at = a.indexOf(change[i]);
            if (at >= 0 && i + 1 < change.length) {
                a.set(at + 1, change[i + 1]);
            } else {
                a.add(change[i]);
                if (i + 1 < change.length) {
                    a.add(change[i + 1]);
                }
            }
        }
        if (!a.contains("--out")) {
            a.addAll(List.of("--out", "{dir}/out"));
        }
        return a;
    }

    private static final String[] GEN = {"generate", "--taskset", "PDM", "--train-size", "4", "--test-size", "2",
            "--no-progress", "--threads", "1"};

    private void gen(String name, String mention, String... extra) {
        gen(name, d -> { }, mention, extra);
    }

    private void gen(String name, Setup setup, String mention, String... extra) {
        List<String> a = withChanges(GEN, extra);
        bad(name, setup, mention, a.toArray(String[]::new));
    }

    private void generateCases() {
        gen("generate --taskset", "Nope", "--taskset", "Nope");
        gen("generate --train-size 0", "train-size", "--train-size", "0");
        gen("generate --test-size -1", "test-size", "--test-size", "-1");
        gen("generate --train-size text", "train-size", "--train-size", "ten");
        gen("generate --seq-len too short", "seq-len", "--seq-len", "50");
        gen("generate --val-fraction 1.5", "val-fraction", "--val-fraction", "1.5");
        gen("generate --val-fraction NaN", "val-fraction", "--val-fraction", "NaN");
        gen("generate --tasks unknown", "Nope", "--tasks", "Nope");
        gen("generate --tasks traversal", "../evil", "--tasks", "../evil");
        gen("generate --threads 0", "threads", "--threads", "0");
        gen("generate --config missing", "missing.json", "--config", "{dir}/missing.json");
        gen("generate --config empty", d -> Files.writeString(d.resolve("c.json"), ""), "c.json", "--config", "{dir}/c.json");
        gen("generate --config truncated", d -> Files.writeString(d.resolve("c.json"), "{\"dt_ms\": 2"), "c.json",
                "--config", "{dir}/c.json");
        gen("generate --config unknown key", d -> Files.writeString(d.resolve("c.json"), "{\"bogus\": 1}"), "bogus",
                "--config", "{dir}/c.json");
        gen("generate --config wrong type", d -> Files.writeString(d.resolve("c.json"), "{\"dt_ms\": \"fast\"}"),
                "dt_ms", "--config", "{dir}/c.json");
        gen("generate --config NaN", d -> Files.writeString(d.resolve("c.json"), "{\"noise_sigma\": NaN}"),
                "c.json", "--config", "{dir}/c.json");
        gen("generate --config negative", d -> Files.writeString(d.resolve("c.json"), "{\"dt_ms\": -20}"), "dt_ms",
                "--config", "{dir}/c.json");
        gen("generate --config binary", d -> Files.copy(fx.resolve("good.npy"), d.resolve("c.json")), "c.json",
                "--config", "{dir}/c.json");
        gen("generate --out with credentials", "s3://", "--out", CRED_URL);
        gen("generate --out unknown scheme", "ftp://", "--out", "ftp://host/x");
        gen("generate --out is a file", d -> Files.writeString(d.resolve("f"), "x"), "", "--out", "{dir}/f");
    }

    private static final String[] RNN = {"train-rnn", "--data", "{fx}/data", "--taskset", "PDM", "--group", "master",
            "--rnn-type", "leaky_rnn", "--activation", "tanh", "--hidden", "8", "--lr", "0.001", "--batch-size", "8",
            "--epochs", "1", "--no-progress"};

    /** train-rnn with one option replaced (or added) and --out in the case folder. */
    private void rnn(String name, Setup setup, String mention, String... change) {
        List<String> a = withChanges(RNN, change);
        bad(name, setup, mention, a.toArray(String[]::new));
    }

    private void rnn(String name, String mention, String... change) {
        rnn(name, d -> { }, mention, change);
    }

    static final String ANTI = "AntiPerceptualDecisionMakingDelayResponse";

    /** A copy of the fixture dataset in the case folder with one file replaced. */
    /**
     * A copy of the fixture data set with one file replaced and the manifest's SHA-256 of it updated: a data set
     * written so by another tool, so that the reader's own check of that file (dtype, shape, NaN…) is what answers,
     * not the integrity check (which has its own case).
     */
    static Setup dataWith(String file, byte[] content) {
        return d -> {
            copyTree(fx.resolve("data"), d.resolve("data"));
            Files.write(d.resolve("data").resolve(file), content);
            Path manifest = d.resolve("data/manifest.json");
            if (file.equals("manifest.json")) {
                return; // the case is the manifest itself
            }
            ObjectNode m = (ObjectNode) MAPPER.readTree(manifest.toFile());
            for (JsonNode f : m.path("files")) {
                if (f.path("key").asText().equals(file)) {
                    ((ObjectNode) f).put("sha256", Sha256.of(content));
                    ((ObjectNode) f).put("size", content.length);
                }
            }
            MAPPER.writeValue(manifest.toFile(), m);
        };
    }

    /** A copy of the fixture data set with one file replaced behind the manifest's back (a flipped byte). */
    static Setup dataTampered(String file) {
        return d -> {
            copyTree(fx.resolve("data"), d.resolve("data"));
            Path f = d.resolve("data").resolve(file);
            byte[] b = Files.readAllBytes(f);
            b[b.length - 1] ^= 1;
            Files.write(f, b);
        };
    }

    static Setup dataWithout(String file) {
        return d -> {
            copyTree(fx.resolve("data"), d.resolve("data"));
            Files.delete(d.resolve("data").resolve(file));
        };
    }

    /** A copy of the fixture models in the case folder with one file of master's run replaced. */
    static Setup modelsWith(String file, byte[] content) {
        return d -> {
            copyTree(fx.resolve("models"), d.resolve("models"));
            Files.write(d.resolve("models/master/" + MODEL).resolve(file), content);
        };
    }

    /** float32 inputs of the shape of the fixture's {@code file}, one value NaN. */
    static byte[] nanInputs(String file) {
        try {
            NpyArray a = Npy.read(fx.resolve("data").resolve(file));
            float[] v = a.toFloatArray();
            v[1] = Float.NaN;
            return Npy.toBytes(NpyArray.ofFloats(v, a.shape()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void trainRnnCases() throws IOException {
        rnn("train-rnn --data missing", "nope", "--data", "{dir}/nope");
        rnn("train-rnn --data not a dataset", d -> Files.createDirectories(d.resolve("empty")), "empty", "--data", "{dir}/empty");
        rnn("train-rnn --group traversal", "../evil", "--group", "../evil");
        rnn("train-rnn --group absolute", "/etc", "--group", "/etc");
        rnn("train-rnn --group unknown", "nope", "--group", "nope");
        rnn("train-rnn --rnn-type", "lstm", "--rnn-type", "lstm");
        rnn("train-rnn --activation", "gelu", "--activation", "gelu");
        rnn("train-rnn --hidden 0", "hidden", "--hidden", "0");
        rnn("train-rnn --hidden text", "hidden", "--hidden", "eight");
        rnn("train-rnn --lr NaN", "lr", "--lr", "NaN");
        rnn("train-rnn --lr Infinity", "lr", "--lr", "Infinity");
        rnn("train-rnn --lr -1", "lr", "--lr", "-1");
        rnn("train-rnn --batch-size 0", "batch", "--batch-size", "0");
        rnn("train-rnn --init", "zeros", "--init", "zeros");
        rnn("train-rnn --epochs 0", "epochs", "--epochs", "0");
        rnn("train-rnn --chunk 3/2", "chunk", "--chunk", "3/2");
        rnn("train-rnn --chunk text", "chunk", "--chunk", "x");
        rnn("train-rnn --target-accuracy 2", "target-accuracy", "--target-accuracy", "2");
        rnn("train-rnn --target-accuracy NaN", "target-accuracy", "--target-accuracy", "NaN");
        rnn("train-rnn --loss", "loss", "--loss", "mse");
        rnn("train-rnn --taskset mismatch", "GoNogo", "--taskset", "GoNogo");
        rnn("train-rnn --out with credentials", "s3://", "--out", CRED_URL);
        String train = ANTI + "/train/";
        rnn("train-rnn NaN inputs", dataWith(train + "inputs.npy", nanInputs(train + "inputs.npy")), "inputs.npy",
                "--data", "{dir}/data");
        rnn("train-rnn inputs changed after the manifest", dataTampered(train + "inputs.npy"),
                "inputs.npy|SHA-256|manifest.json", "--data", "{dir}/data");
        rnn("train-rnn inputs float64", dataWith(train + "inputs.npy",
                Npy.toBytes(NpyArray.ofDoubles(new double[8 * 400 * 7], 8, 400, 7))), "inputs.npy|float32", "--data", "{dir}/data");
        rnn("train-rnn inputs width 6", dataWith(train + "inputs.npy",
                Npy.toBytes(NpyArray.ofFloats(new float[8 * 400 * 6], 8, 400, 6))), "inputs.npy", "--data", "{dir}/data");
        rnn("train-rnn truncated inputs", dataWith(train + "inputs.npy", Arrays.copyOf(
                Files.readAllBytes(fx.resolve("data/" + train + "inputs.npy")), 1000)), "inputs.npy", "--data", "{dir}/data");
        rnn("train-rnn targets not NumPy", dataWith(train + "targets.npy", "abc".getBytes(StandardCharsets.UTF_8)),
                "targets.npy", "--data", "{dir}/data");
        rnn("train-rnn masks missing", dataWithout(train + "masks.npy"), "masks.npy", "--data", "{dir}/data");
        rnn("train-rnn trials.json garbage", dataWith(train + "trials.json", "{{{".getBytes(StandardCharsets.UTF_8)),
                "trials.json", "--data", "{dir}/data");
        rnn("train-rnn manifest truncated", dataWith("manifest.json", "{\"taskset\":".getBytes(StandardCharsets.UTF_8)),
                "manifest.json", "--data", "{dir}/data");
    }

    private static final String[] MAMBA = {"train-mamba", "--data", "{fx}/data", "--taskset", "PDM", "--group",
            "master", "--d-model", "4", "--n-layers", "1", "--lr", "0.001", "--batch-size", "8", "--epochs", "1",
            "--no-progress"};

    private void mamba(String name, String mention, String... change) {
        List<String> a = withChanges(MAMBA, change);
        bad(name, d -> { }, mention, a.toArray(String[]::new));
    }

    private void trainMambaCases() {
        mamba("train-mamba --d-model 0", "d-model", "--d-model", "0");
        mamba("train-mamba --n-layers -1", "n-layers", "--n-layers", "-1");
        mamba("train-mamba --lr NaN", "lr", "--lr", "NaN");
        mamba("train-mamba --batch-size 0", "batch", "--batch-size", "0");
        mamba("train-mamba --epochs 0", "epochs", "--epochs", "0");
        mamba("train-mamba --group traversal", "../evil", "--group", "../evil");
        mamba("train-mamba --group absolute", "/tmp", "--group", "/tmp");
        mamba("train-mamba --data missing", "nope", "--data", "{fx}/nope");
        mamba("train-mamba --taskset", "Nope", "--taskset", "Nope");
        mamba("train-mamba --out with credentials", "s3://", "--out", CRED_URL);
    }

    /** dissimilarity or learning-dynamics with one option replaced or added. */
    private void analysis(String stage, String name, Setup setup, String mention, String... change) {
        List<String> a = withChanges(new String[] {stage, "--data", "{fx}/data", "--models", "{fx}/models",
                "--trials", "4", "--n-delays", "2", "--delay-interval", "1", "--rank", "4", "--iters", "5", "--threads",
                "1", "--no-progress"}, change);
        bad(stage + " " + name, setup, mention, a.toArray(String[]::new));
    }

    private void analysisCases() {
        for (String s : List.of("dissimilarity", "learning-dynamics")) {
            analysis(s, "--models missing", d -> { }, "nope", "--models", "{dir}/nope");
            analysis(s, "--models empty", d -> Files.createDirectories(d.resolve("m")), "m", "--models", "{dir}/m");
            analysis(s, "--data missing", d -> { }, "nope", "--data", "{dir}/nope");
            analysis(s, "--configs traversal", d -> { }, "../evil", "--configs", "../evil");
            analysis(s, "--configs absolute", d -> { }, "/etc/passwd", "--configs", "/etc/passwd");
            analysis(s, "--configs unknown", d -> { }, "nope", "--configs", "nope");
            analysis(s, "--trials 0", d -> { }, "trials", "--trials", "0");
            analysis(s, "--pca-components -1", d -> { }, "pca-components", "--pca-components", "-1");
            analysis(s, "--pca-components text", d -> { }, "pca-components", "--pca-components", "some");
            analysis(s, "--n-delays 0", d -> { }, "n-delays", "--n-delays", "0");
            analysis(s, "--delay-interval 0", d -> { }, "delay-interval", "--delay-interval", "0");
            analysis(s, "--rank 0", d -> { }, "rank", "--rank", "0");
            analysis(s, "--iters 0", d -> { }, "iters", "--iters", "0");
            analysis(s, "--threads 0", d -> { }, "threads", "--threads", "0");
            analysis(s, "--mamba-units", d -> { }, "mamba-units", "--mamba-units", "gates");
            analysis(s, "--dsa-basis", d -> { }, "dsa-basis", "--dsa-basis", "shared");
            analysis(s, "--out with credentials", d -> { }, "s3://", "--out", CRED_URL);
            analysis(s, "run.json garbage", modelsWith("run.json", "{".getBytes(StandardCharsets.UTF_8)), "run.json",
                    "--models", "{dir}/models");
            analysis(s, "run.json wrong type", modelsWith("run.json", "{\"hidden\": \"eight\"}".getBytes(StandardCharsets.UTF_8)),
                    "run.json", "--models", "{dir}/models");
            analysis(s, "log.json garbage", modelsWith("log.json", "[1,".getBytes(StandardCharsets.UTF_8)), "log.json",
                    "--models", "{dir}/models");
            analysis(s, "test inputs NaN", dataWith(ANTI + "/test/inputs.npy", nanInputs(ANTI + "/test/inputs.npy")), "inputs.npy",
                    "--data", "{dir}/data");
            analysis(s, "test inputs not NumPy", dataWith(ANTI + "/test/inputs.npy", "x".getBytes(StandardCharsets.UTF_8)),
                    "inputs.npy", "--data", "{dir}/data");
        }
        analysis("dissimilarity", "final.npz truncated", modelsWith("final.npz", Arrays.copyOf(
                readUnchecked(fx.resolve("models/master/" + MODEL + "/final.npz")), 300)), "final.npz", "--models", "{dir}/models");
        analysis("dissimilarity", "final.npz NaN", d -> {
            copyTree(fx.resolve("models"), d.resolve("models"));
            Files.copy(fx.resolve("params-nan.npz"), d.resolve("models/master/" + MODEL + "/final.npz"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }, "final.npz", "--models", "{dir}/models");
        analysis("dissimilarity", "--rnn-vs-mamba without Mamba", d -> { }, "mamba", "--rnn-vs-mamba");
    }

    private void attractorCases() {
        String[] base = {"attractors", "--samples", "2", "--steps", "40", "--n-delays", "2", "--rank", "2", "--no-sweep",
                "--threads", "1"};
        String[][] changes = {{"--samples", "0", "samples"}, {"--steps", "1", "steps"}, {"--integrator", "rk5", "integrator"},
                {"--burn-in", "-1", "burn-in"}, {"--n-delays", "0", "n_delays"}, {"--rank", "-2", "rank"},
                {"--composition-rank", "0", "composition-rank"}, {"--profile", "huge", "profile"},
                {"--delay-interval", "0", "delay_interval"}, {"--threads", "0", "threads"}, {"--seed", "x", "seed"}};
        for (String[] c : changes) {
            List<String> a = withChanges(base, c[0], c[1]);
            bad("attractors " + c[0] + " " + c[1], d -> { }, c[2], a.toArray(String[]::new));
        }
        bad("attractors --sweep-delays 0", "sweep-delays", "attractors", "--samples", "2", "--sweep-delays", "0",
                "--out", "{dir}/out");
        bad("attractors --out with credentials", "s3://", "attractors", "--samples", "2", "--no-sweep", "--out", CRED_URL);
    }

    private void reportCases() {
        bad("report --run missing", "nope", "report", "--run", "{dir}/nope");
        bad("report --run not a run", d -> Files.createDirectories(d.resolve("r")), "manifest.json", "report", "--run", "{dir}/r");
        bad("report --run is a dataset", "manifest.json", "report", "--run", "{fx}/data");
        bad("report --min-models 1", "min-models", "report", "--run", "{fx}", "--min-models", "1");
        bad("report --alpha 2", "alpha", "report", "--run", "{fx}", "--alpha", "2");
        bad("report --alpha NaN", "alpha", "report", "--run", "{fx}", "--alpha", "NaN");
        bad("report --resamples 0", "resamples", "report", "--run", "{fx}", "--resamples", "0");
        bad("report --permutations -1", "permutations", "report", "--run", "{fx}", "--permutations", "-1");
        bad("report --config-json truncated", "config-json", "report", "--run", "{fx}", "--config-json", "{\"taskset\":");
        bad("report --run with credentials", "s3://", "report", "--run", CRED_URL);
    }

    /** Config cases shared by the commands that read an experiment: each gets the broken file as --config. */
    private void configCommandCases() {
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("empty", "");
        broken.put("truncated", TINY_CONFIG.substring(0, TINY_CONFIG.indexOf("hidden") + 3));
        broken.put("unknown key", TINY_CONFIG + "colour: blue\n");
        broken.put("wrong type", TINY_CONFIG.replace("epochs: 1", "epochs: one"));
        broken.put("out of range", TINY_CONFIG.replace("epochs: 1", "epochs: -1"));
        broken.put("NaN", TINY_CONFIG.replace("lr: [0.001]", "lr: [.nan]"));
        broken.put("credentials in store", TINY_CONFIG + "store: " + CRED_URL + "\n");
        broken.put("credentials in cluster.store", TINY_CONFIG + "cluster: {store: '" + CRED_URL + "'}\n");
        broken.put("traversal in a group", TINY_CONFIG.replace("[master, untrained]", "[master, ../../etc]"));
        broken.put("absolute group", TINY_CONFIG.replace("[master, untrained]", "[master, /etc/passwd]"));
        broken.put("binary", "\u0093NUMPY\u0001\u0000v\u0000{'descr': '<f8'");
        String[] mentions = {"e.yaml", "e.yaml", "colour", "training.epochs", "training.epochs", "rnn.lr", "store",
                "cluster.store", "groups", "groups", "e.yaml"};
        int i = 0;
        for (Map.Entry<String, String> e : broken.entrySet()) {
            String text = e.getValue();
            Setup s = d -> Files.writeString(d.resolve("e.yaml"), text);
            String m = mentions[i++];
            bad("run config " + e.getKey(), s, m, "run", "--config", "{dir}/e.yaml", "--out", "{dir}/out");
            bad("render config " + e.getKey(), s, m, "render", "--config", "{dir}/e.yaml", "--out", "{dir}/wf.yaml");
            bad("submit config " + e.getKey(), s, m, "submit", "--config", "{dir}/e.yaml", "--kubeconfig", "{dir}/none");
            bad("task config " + e.getKey(), d -> { }, m.equals("e.yaml") ? "config-json" : m, "task", "--store",
                    "{dir}/store", "--config-json", text, "--task", "generate");
        }
        bad("run --config missing", "nope.yaml", "run", "--config", "{dir}/nope.yaml", "--out", "{dir}/out");
        bad("run --profile unknown", "nope", "run", "--profile", "nope", "--out", "{dir}/out");
        bad("run --jobs 0", "jobs", "run", "--config", "{fx}/config.yaml", "--out", "{dir}/out", "--jobs", "0");
        bad("run --only traversal", "../evil", "run", "--config", "{fx}/config.yaml", "--out", "{dir}/out", "--only", "../evil");
        bad("run --store not S3", "--store", "run", "--config", "{fx}/config.yaml", "--store", "{dir}/out");
        bad("run --store with credentials", "holds credentials", "run", "--config", "{fx}/config.yaml", "--store", CRED_URL);
        bad("render --out in a missing folder", "nowhere", "render", "--config", "{fx}/config.yaml", "--out",
                "{dir}/nowhere/wf.yaml");
        bad("render --profile unknown", "nope", "render", "--profile", "nope", "--out", "{dir}/wf.yaml");
        bad("task --task traversal", "../evil", "task", "--store", "{dir}/store", "--config-json", TINY_CONFIG,
                "--task", "../evil");
        bad("task --task absolute", "/etc/passwd", "task", "--store", "{dir}/store", "--config-json", TINY_CONFIG,
                "--task", "/etc/passwd");
        bad("task --store with credentials", "holds credentials", "task", "--store", CRED_URL, "--config-json", TINY_CONFIG,
                "--task", "generate");
        bad("task --store unknown scheme", "ftp://", "task", "--store", "ftp://host/x", "--config-json", TINY_CONFIG,
                "--task", "generate");
        bad("submit --file missing", "nope.yaml", "submit", "--file", "{dir}/nope.yaml", "--kubeconfig", "{dir}/none");
        bad("submit --file not YAML", "good.npy", "submit", "--file", "{fx}/good.npy", "--kubeconfig", "{dir}/none");
        bad("submit --kubeconfig missing", "none", "submit", "--config", "{fx}/config.yaml", "--kubeconfig", "{dir}/none");
        bad("submit --kubeconfig garbage", d -> Files.writeString(d.resolve("kc"), "{{{"), "kc", "submit", "--config",
                "{fx}/config.yaml", "--kubeconfig", "{dir}/kc");
        bad("submit --timeout", "timeout", "submit", "--config", "{fx}/config.yaml", "--watch", "--timeout", "soon",
                "--kubeconfig", "{dir}/none");
        bad("status name traversal", "../evil", "status", "../evil", "--kubeconfig", "{dir}/none");
        bad("status --kubeconfig missing", "none", "status", "wf-abc", "--kubeconfig", "{dir}/none");
        bad("status --timeout", "timeout", "status", "wf-abc", "--watch", "--timeout", "-5m", "--kubeconfig", "{dir}/none");
    }

    private void modelEvalCases() {
        String[] base = {"model", "eval", "--arch", "rnn", "--activation", "tanh", "--params", "{fx}/params.npz",
                "--inputs", "{fx}/x7.npy", "--layout", "batch"};
        String[][] changes = {
                {"--arch", "lstm", "arch"}, {"--activation", "gelu", "activation"}, {"--layout", "depth", "layout"},
                {"--params", "{fx}/nope.npz", "nope.npz"}, {"--params", "{fx}/params-nan.npz", "params-nan.npz|weight_hh"},
                {"--params", "{fx}/params-wrong-shape.npz", "params-wrong-shape.npz|weight_hh"},
                {"--params", "{fx}/params-missing.npz", "params-missing.npz|readout.weight"},
                {"--params", "{fx}/params-truncated.npz", "params-truncated.npz"},
                {"--params", "{fx}/text.npy", "text.npy"}, {"--params", "{fx}/good.npy", "good.npy"},
                {"--inputs", "{fx}/x7-nan.npy", "x7-nan.npy"}, {"--inputs", "{fx}/good.npy", "good.npy"},
                {"--inputs", "{fx}/int32.npy", "int32.npy"}, {"--inputs", "{fx}/truncated.npy", "truncated.npy"},
                {"--inputs", "{fx}/empty.npy", "empty.npy"}, {"--inputs", "{fx}/1d.npy", "1d.npy"},
                {"--targets", "{fx}/y-out-of-range.npy", "y-out-of-range.npy"},
                {"--targets", "{fx}/y-wrong-shape.npy", "y-wrong-shape.npy"}, {"--targets", "{fx}/nan.npy", "nan.npy"}};
        for (String[] c : changes) {
            List<String> a = withChanges(base, c[0], c[1]);
            bad("model eval " + c[0] + " " + c[1].replace("{fx}/", ""), d -> { }, c[2], a.toArray(String[]::new));
        }
        bad("model eval rnn weights as mamba", "params.npz", "model", "eval", "--arch", "mamba", "--params",
                "{fx}/params.npz", "--inputs", "{fx}/x7.npy", "--out", "{dir}/out");
        List<String> noActivation = new ArrayList<>(List.of(base));
        noActivation.subList(4, 6).clear();
        noActivation.addAll(List.of("--out", "{dir}/out"));
        bad("model eval rnn without --activation", d -> { }, "activation", noActivation.toArray(String[]::new));
        List<String> foreign = new ArrayList<>(List.of(base));
        foreign.addAll(List.of("--out", "{dir}/mine"));
        bad("model eval --out holds other files", d -> {
            Files.createDirectories(d.resolve("mine"));
            Files.writeString(d.resolve("mine/thesis.tex"), "keep me");
        }, "mine", foreign.toArray(String[]::new));
    }

    private void benchAndToolCases() {
        bad("bench dsa --models 0", "models", "bench", "dsa", "--models", "0", "--trials", "2", "--steps", "10", "--neurons", "3");
        bad("bench dsa --neurons -1", "neurons", "bench", "dsa", "--models", "2", "--trials", "2", "--steps", "10", "--neurons", "-1");
        bad("bench dsa --rank too high", "rank", "bench", "dsa", "--models", "2", "--trials", "2", "--steps", "10",
                "--neurons", "3", "--n-delays", "2", "--rank", "500");
        bad("bench generate --train-size 0", "train-size", "bench", "generate", "--train-size", "0", "--test-size", "1");
        bad("bench generate --taskset", "Nope", "bench", "generate", "--taskset", "Nope", "--train-size", "2", "--test-size", "1");
        bad("bench train-rnn --hidden 0", "hidden", "bench", "train-rnn", "--hidden", "0", "--batches", "1", "--warmup", "0");
        bad("bench train-rnn --rnn-type", "lstm", "bench", "train-rnn", "--rnn-type", "lstm", "--batches", "1");
        bad("bench train-mamba --d-model 0", "d-model", "bench", "train-mamba", "--d-model", "0", "--batches", "1", "--warmup", "0");
        bad("bench train-mamba --batches 0", "batches", "bench", "train-mamba", "--d-model", "4", "--batches", "0");
        bad("bench dissimilarity --units 0", "units", "bench", "dissimilarity", "--units", "0", "--trials", "2", "--steps", "20");
        bad("bench attractors --profile", "profile", "bench", "attractors", "--profile", "huge");
        bad("bench unknown", "nope", "bench", "nope");
        bad("demo --seed text", "seed", "demo", "--seed", "x", "--out", "{dir}/demo");
        bad("demo --out is a file", d -> Files.writeString(d.resolve("f"), "x"), "f", "demo", "--out", "{dir}/f");
        bad("doctor unknown option", "--fix", "doctor", "--fix");
        bad("unknown command", "frobnicate", "frobnicate");
        bad("model without subcommand option", "--bogus", "model", "--bogus");
    }

    // ---- running the table --------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyBadInputExitsTwoWithOneLineAndWritesNothing() throws IOException {
        compareCases();
        generateCases();
        trainRnnCases();
        trainMambaCases();
        analysisCases();
        attractorCases();
        reportCases();
        configCommandCases();
        modelEvalCases();
        benchAndToolCases();
        System.out.println("BadInputSuiteTest: " + cases.size() + " command cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Path dir = root.resolve("case-" + i);
            tests.add(dynamicTest(c.name(), () -> check(c, dir)));
        }
        return tests.stream();
    }

    static void check(Case c, Path dir) throws IOException {
        Files.createDirectories(dir);
        c.setup().prepare(dir);
        // The fixtures and the case's own folder (other cases' folders cannot change: cases run one at a time).
        Map<String, String> before = snapshot(dir);
        List<String> args = c.args().stream().map(a -> substitute(a, dir)).toList();
        InProcessCli.Result r = InProcessCli.run(args);
        String what = String.join(" ", args) + "\n" + r.describe();
        assertEquals(2, r.exit(), what);
        List<String> lines = r.stderrLines();
        assertEquals(1, lines.size(), "exactly one line on stderr: " + what);
        String line = lines.get(0);
        for (String m : c.mention()) {
            assertTrue(line.contains(substitute(m, dir)), "the line should mention '" + m + "': " + what);
        }
        assertFalse(r.stdout().contains(SECRET) || line.contains(SECRET), "a credential was echoed: " + what);
        Map<String, String> after = snapshot(dir);
        assertEquals(before, after, () -> "files changed " + FolderSnapshot.difference(before, after) + ": " + what);
    }

    static Map<String, String> snapshot(Path dir) {
        Map<String, String> all = new java.util.TreeMap<>();
        FolderSnapshot.of(fx).forEach((k, v) -> all.put("fx/" + k, v));
        FolderSnapshot.of(dir).forEach((k, v) -> all.put("case/" + k, v));
        return all;
    }

    static String substitute(String s, Path dir) {
        return s.replace("{fx}", fx.toString()).replace("{dir}", dir.toString());
    }

    /** The real process: exit code 2 and one line, for a few cases of different kinds. */
    @Test
    void realProcessExitsTwo() throws IOException {
        Path dir = Files.createDirectories(root.resolve("child"));
        Files.writeString(dir.resolve("e.yaml"), TINY_CONFIG.replace("epochs: 1", "epochs: 0"));
        CliRunner cli = new CliRunner(dir);
        Map<String, String> before = FolderSnapshot.of(root);
        List<List<String>> commands = List.of(
                List.of("compare", fx.resolve("nan.npy").toString(), fx.resolve("good.npy").toString()),
                List.of("run", "--config", "e.yaml", "--out", "out"),
                List.of("generate", "--taskset", "PDM", "--train-size", "4", "--test-size", "2", "--out", CRED_URL),
                List.of("train-rnn", "--data", fx.resolve("data").toString(), "--taskset", "PDM", "--group", "../evil",
                        "--rnn-type", "leaky_rnn", "--activation", "tanh", "--hidden", "8", "--lr", "0.001",
                        "--batch-size", "8", "--out", "out"));
        String[] mention = {"nan.npy", "training.epochs", "s3://", "../evil"};
        for (int i = 0; i < commands.size(); i++) {
            CliRunner.Result r = cli.run(commands.get(i));
            assertEquals(2, r.exitCode(), r.describe());
            assertEquals(1, r.stderrLines().size(), r.describe());
            assertTrue(r.stderrLines().get(0).contains(mention[i]), r.describe());
            assertFalse(r.stderr().contains(SECRET), r.describe());
        }
        assertEquals(before, FolderSnapshot.of(root));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static byte[] readUnchecked(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
