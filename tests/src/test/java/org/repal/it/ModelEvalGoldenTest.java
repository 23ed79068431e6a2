package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Npz;
import org.repal.core.testing.GoldenCase;
import org.repal.core.testing.GoldenChecks;
import org.repal.core.testing.SharedTestData;

/**
 * {@code repal model eval} end to end on every golden case of {@code $REPAL_SHARED/testdata/rnn} and
 * {@code testdata/mamba} (skipped without it): the jar in a child process reads the reference's state_dict,
 * inputs and targets as a researcher would pass them, and its files must match the reference's logits,
 * activity, loss and gradients with the parity tests' tolerances ({@link GoldenChecks}).
 */
class ModelEvalGoldenTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** Every case of both folders, found by its {@code <name>.json}. */
    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String folder : List.of("rnn", "mamba")) {
            Set<String> names = new TreeSet<>();
            try (Stream<Path> files = Files.list(SharedTestData.testdata(folder))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                        .forEach(n -> names.add(n.substring(0, n.length() - ".json".length())));
            }
            assertTrue(names.size() >= (folder.equals("rnn") ? 8 : 2), "golden cases in " + folder + ": " + names);
            names.forEach(n -> out.add(Arguments.of(folder, n)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("cases")
    void matchesTheGoldenFiles(String folder, String name) throws IOException {
        GoldenCase g = GoldenCase.of(folder, name);
        JsonNode meta = g.json();
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("model", "eval", "--arch", folder,
                "--params", file(g, "_params.npz"), "--inputs", file(g, "_inputs.npy"),
                "--targets", file(g, "_targets.npy"), "--out", out.toString()));
        if (folder.equals("rnn")) {
            args.addAll(List.of("--activation", meta.get("activation").asText()));
        }
        CliRunner.Result r = new CliRunner(dir).run(args);
        assertEquals(0, r.exitCode(), r::describe);
        JsonNode summary = MAPPER.readTree(r.stdout());
        assertEquals(folder.equals("rnn") ? "time" : "batch", summary.get("layout").asText(), "default layout");

        Set<String> expectedFiles = new TreeSet<>(List.of("logits.npy", "loss.json", "grads.npz"));
        double logitErr = GoldenChecks.activity(g, "logits", Npy.read(out.resolve("logits.npy")));
        double activityErr;
        if (folder.equals("rnn")) {
            assertEquals(meta.get("rnn_type").asText(), summary.get("rnn_type").asText(), "cell read from the shapes");
            assertEquals(meta.get("hidden").asInt(), summary.get("hidden").asInt(), "H read from the shapes");
            expectedFiles.add("hidden.npy");
            activityErr = GoldenChecks.activity(g, "hidden", Npy.read(out.resolve("hidden.npy")));
        } else {
            int layers = meta.get("n_layers").asInt();
            assertEquals(layers, summary.get("n_layers").asInt(), "L read from the shapes");
            assertEquals(meta.get("d_model").asInt(), summary.get("d_model").asInt(), "D read from the shapes");
            expectedFiles.add("stream.npy");
            activityErr = GoldenChecks.activity(g, "stream", Npy.read(out.resolve("stream.npy")));
            activityErr = Math.max(activityErr,
                    GoldenChecks.activity(g, "ssm_states_layer0", Npy.read(out.resolve("ssm_states_layer0.npy"))));
            int[] stateShape = g.npy("ssm_states_layer0").shape();
            for (int l = 0; l < layers; l++) {
                expectedFiles.add("ssm_states_layer" + l + ".npy");
                // Only layer 0 has reference values: the others must at least be whole and finite.
                NpyArray states = Npy.read(out.resolve("ssm_states_layer" + l + ".npy"));
                assertArrayEquals(stateShape, states.shape(), "layer " + l + " states shape");
                for (double v : states.toDoubleArray()) {
                    assertTrue(Double.isFinite(v), "layer " + l + " state " + v);
                }
            }
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(expectedFiles, files.map(f -> f.getFileName().toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        }
        JsonNode loss = MAPPER.readTree(out.resolve("loss.json").toFile());
        double lossErr = GoldenChecks.loss(g, loss.get("loss").asDouble(), loss.get("cross_entropy").asDouble(),
                loss.get("weight_penalty").asDouble());
        GoldenChecks.GradientErrors grads = GoldenChecks.gradients(g, Npz.read(out.resolve("grads.npz")));
        System.out.printf("model eval %s/%s: |loss err| %.2e, logits %.2e, activity %.2e, worst gradient rel %.2e"
                + " (A_log, D: %.2e)%n", folder, name, lossErr, logitErr, activityErr, grads.worst(),
                grads.worstFloat32());
    }

    private static String file(GoldenCase g, String suffix) {
        return g.dir().resolve(g.name() + suffix).toString();
    }
}
