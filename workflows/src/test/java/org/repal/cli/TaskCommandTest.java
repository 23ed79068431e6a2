package org.repal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.cli.StageCli;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStores;
import org.repal.core.store.Sha256;
import org.repal.workflows.TinyExperiment;
import org.repal.workflows.config.ConfigJson;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.local.LocalRunner;
import org.repal.workflows.local.TaskCache;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.Planner;

/**
 * {@code repal task} as a workflow pod runs it, on a local folder store: runs, skips when done, reruns after an
 * output is corrupted, and shares its cache markers with the local runner.
 */
class TaskCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = ConfigJson.write(ConfigLoader.parse(TinyExperiment.VALID, "tiny.yaml"));

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return StageCli.configure(new picocli.CommandLine(new Repal()), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
    }

    private JsonNode task(String name, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("task", "--store", store().toString(), "--config-json",
                CONFIG, "--task", name));
        args.addAll(List.of(extra));
        assertEquals(0, run(args.toArray(String[]::new)), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(1, lines.size(), "stdout holds only the status line: " + out);
        JsonNode line = JSON.readTree(lines.get(0));
        assertEquals(name, line.get("task").asText());
        return line;
    }

    private Path store() {
        return dir.resolve("store");
    }

    @Test
    void runsSkipsAndRerunsACorruptedTask() throws Exception {
        Path marker = dir.resolve("marker.json");
        assertEquals("ran", task("generate", "--marker-out", marker.toString()).get("status").asText());
        assertTrue(Files.isRegularFile(store().resolve("data/manifest.json")));
        assertEquals(Files.readString(store().resolve(TaskCache.MARKERS + "generate.json")), Files.readString(marker));
        JsonNode recorded = new com.fasterxml.jackson.databind.ObjectMapper().readTree(marker.toFile());
        assertTrue(recorded.get("seconds").asDouble() > 0, "the marker records the stage's wall time: " + recorded);
        assertTrue(recorded.get("machine").asText().contains("cores, Java"), recorded.toString());

        JsonNode again = task("generate", "--marker-out", marker.toString());
        assertEquals("skipped", again.get("status").asText());
        assertTrue(Files.isRegularFile(marker), "a skipped task still publishes its marker");

        assertEquals("ran", task("train-rnn-master-0").get("status").asText());
        Path model = store().resolve("models/master/leaky_rnn_relu_8_0.001_8_kaiming/final.npz");
        String sha = Sha256.of(model);
        assertEquals("skipped", task("train-rnn-master-0").get("status").asText());

        Files.write(model, new byte[] {1, 2, 3});
        assertEquals("ran", task("train-rnn-master-0").get("status").asText());
        assertEquals(sha, Sha256.of(model), "the rerun restores the same bytes");
    }

    @Test
    void sharesItsCacheWithTheLocalRunner() throws Exception {
        task("generate");
        Plan plan = Planner.plan(ConfigLoader.parse(CONFIG, "tiny.json"));
        try (ArtifactStore s = ArtifactStores.open(store().toString())) {
            LocalRunner.Summary sum = new LocalRunner(s, 1, dir.resolve("logs"), null, Map.of())
                    .run(new Plan(plan.name(), plan.tasks().subList(0, 1)));
            assertEquals(1, sum.skipped());
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        assertEquals(2, run("task", "--store", store().toString(), "--config-json", CONFIG, "--task", "train-rnn-nope"));
        assertTrue(err.toString().startsWith("task: --task: no task 'train-rnn-nope' in plan repal (tasks: generate, "),
                err.toString());
        assertEquals(1, err.toString().trim().lines().count());

        // Training before its input exists.
        assertEquals(2, run("task", "--store", store().toString(), "--config-json", CONFIG, "--task",
                "train-rnn-master-0"));
        assertTrue(err.toString().contains("input data/manifest.json is missing"), err.toString());

        assertEquals(2, run("task", "--store", store().toString(), "--config-json",
                CONFIG.replace("\"train_size\":24", "\"train_size\":-1"), "--task", "generate"));
        assertEquals("task: --config-json: data.train_size: must be >= 1, got -1", err.toString().trim());
        assertFalse(Files.exists(store().resolve("data")));
    }
}
