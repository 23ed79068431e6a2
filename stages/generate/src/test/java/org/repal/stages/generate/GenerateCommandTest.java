package org.repal.stages.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;
import org.repal.core.store.NpyDtype;
import org.repal.core.store.Sha256;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TrialsJson;

/** {@code generate} on a local folder: layout, manifest, determinism, task-stream independence, replacing. */
class GenerateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private GenerateRunner.Result generate(Path out, String... extra) {
        GenerateRunner.Result r = GenerateRunner.run(GenerateRunner.merge(List.of("--taskset", "PDM", "--train-size",
                "30", "--test-size", "10", "--seed", "5", "--out", out.toString()), List.of(extra)));
        assertEquals(0, r.exitCode(), r.describe());
        return r;
    }

    @Test
    void writesEveryTaskAndAManifestThatListsEveryFile() throws IOException {
        Path out = tmp.resolve("data");
        GenerateRunner.Result r = generate(out);
        List<String> stdout = r.stdout().lines().toList();
        assertEquals(1, stdout.size(), "one JSON line on stdout: " + r.stdout());
        JsonNode summary = JSON.readTree(stdout.get(0));
        assertEquals(out.toRealPath().toString(), summary.get("out").asText());
        assertEquals(4, summary.get("tasks").size());
        assertTrue(r.stderr().lines().allMatch(l -> l.startsWith("generate: ")), "progress only: " + r.stderr());

        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("PDM", manifest.get("taskset").asText());
        assertEquals(30, manifest.get("train_size").asInt());
        assertEquals(10, manifest.get("test_size").asInt());
        assertEquals(400, manifest.get("seq_len").asInt());
        assertEquals(5, manifest.get("seed").asLong());
        assertEquals(20, manifest.get("config").get("dt_ms").asInt());
        assertFalse(manifest.get("code_version").asText().isEmpty());
        Map<String, String> listed = new TreeMap<>();
        for (JsonNode f : manifest.get("files")) {
            Path file = out.resolve(f.get("key").asText());
            assertEquals(Files.size(file), f.get("size").asLong(), f.get("key").asText());
            listed.put(f.get("key").asText(), f.get("sha256").asText());
        }
        Map<String, String> onDisk = GenerateRunner.hashes(out);
        onDisk.remove("manifest.json");
        assertEquals(onDisk, listed, "the manifest lists exactly the files written, with their SHA-256");
        assertEquals(4 * 2 * 4, listed.size());

        for (Task task : TaskSet.PDM.tasks()) {
            Path train = out.resolve(task.displayName()).resolve("train");
            Path test = out.resolve(task.displayName()).resolve("test");
            NpyArray inputs = Npy.read(train.resolve("inputs.npy"));
            assertEquals(NpyDtype.FLOAT32, inputs.dtype());
            assertArrayEquals(new int[] {30, 400, 7}, inputs.shape());
            assertEquals(NpyDtype.INT8, Npy.read(train.resolve("targets.npy")).dtype());
            assertEquals(NpyDtype.BOOL, Npy.read(train.resolve("masks.npy")).dtype());
            int steps = task.hasDelay() ? 350 : 220;
            assertArrayEquals(new int[] {10, steps, 7}, Npy.read(test.resolve("inputs.npy")).shape());
            assertArrayEquals(new int[] {10, steps}, Npy.read(test.resolve("masks.npy")).shape());
            TrialsJson.TrialsFile trials = TrialsJson.read(Files.newInputStream(train.resolve("trials.json")));
            assertEquals(30, trials.samples().size());
            assertEquals(6, trials.samples().stream().filter(s -> s.validation()).count());
        }
        assertTrue(GenerateRunner.entries(out).stream().noneMatch(e -> e.startsWith(".tmp-")), "staging removed");
    }

    @Test
    void twoRunsWriteIdenticalBytes() throws IOException {
        generate(tmp.resolve("a"));
        generate(tmp.resolve("b"), "--threads", "1", "--no-progress");
        Map<String, String> a = GenerateRunner.hashes(tmp.resolve("a"));
        assertEquals(33, a.size());
        assertEquals(a, GenerateRunner.hashes(tmp.resolve("b")));
        generate(tmp.resolve("c"), "--seed", "6");
        assertNotEquals(a.get("PerceptualDecisionMaking/train/inputs.npy"),
                GenerateRunner.hashes(tmp.resolve("c")).get("PerceptualDecisionMaking/train/inputs.npy"));
    }

    @Test
    void aTasksBytesDoNotDependOnTheOtherTasksGenerated() throws IOException {
        generate(tmp.resolve("all"));
        generate(tmp.resolve("one"), "--tasks", "PerceptualDecisionMakingT");
        generate(tmp.resolve("two"), "--tasks", "AntiPerceptualDecisionMakingDelayResponse,PerceptualDecisionMaking");
        Map<String, String> all = GenerateRunner.hashes(tmp.resolve("all"));
        for (String other : List.of("one", "two")) {
            Map<String, String> h = GenerateRunner.hashes(tmp.resolve(other));
            for (String split : List.of("train", "test")) {
                for (String f : List.of("inputs.npy", "targets.npy", "masks.npy", "trials.json")) {
                    String key = "PerceptualDecisionMaking/" + split + "/" + f;
                    assertEquals(all.get(key), h.get(key), other + ": " + key);
                }
            }
        }
        assertEquals(9, GenerateRunner.hashes(tmp.resolve("one")).size());
        JsonNode manifest = JSON.readTree(tmp.resolve("two").resolve("manifest.json").toFile());
        assertEquals("AntiPerceptualDecisionMakingDelayResponse", manifest.get("tasks").get(0).get("name").asText());
        assertEquals(6, manifest.get("tasks").get(0).get("rule_column").asInt(), "rule column from the task set");
    }

    @Test
    void generatingAgainReplacesThePreviousDataset() throws IOException {
        Path out = tmp.resolve("data");
        generate(out);
        Files.writeString(out.resolve("notes.txt"), "not part of any dataset");
        GenerateRunner.Result r = GenerateRunner.run("--taskset", "GoNogo", "--tasks", "GoNogo", "--train-size", "5",
                "--test-size", "3", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.describe());
        Map<String, String> h = GenerateRunner.hashes(out);
        assertTrue(h.keySet().stream().noneMatch(k -> k.contains("Perceptual")), "old dataset removed: " + h.keySet());
        assertEquals(10, h.size(), h.keySet().toString()); // 8 GoNogo files, the manifest and notes.txt
        assertTrue(h.containsKey("notes.txt"));
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals(2, manifest.get("outputs").asInt());
        assertEquals(Sha256.of(out.resolve("GoNogo/test/inputs.npy")), manifest.get("files").get(4).get("sha256").asText());
    }

    @Test
    void configFileOverridesTheDefaults() throws IOException {
        Path config = Files.writeString(tmp.resolve("config.json"),
                "{\"coherences\": [51.2], \"timing_with_delay_testing\": {\"delay\": [1000]}}");
        Path out = tmp.resolve("data");
        generate(out, "--config", config.toString(), "--tasks", "PerceptualDecisionMakingDelayResponse");
        Path test = out.resolve("PerceptualDecisionMakingDelayResponse/test");
        assertArrayEquals(new int[] {10, 25 + 200 + 50 + 25, 7}, Npy.read(test.resolve("inputs.npy")).shape());
        TrialsJson.TrialsFile trials = TrialsJson.read(Files.newInputStream(test.resolve("trials.json")));
        assertTrue(trials.samples().stream().allMatch(s -> s.trials().get(0).trial().coherence() == 51.2));
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals(1000, manifest.get("config").get("timing_with_delay_testing").get("delay").get(0).asInt());
        assertEquals(3, manifest.get("config").get("timing_with_delay_training").get("delay").size());
    }
}
