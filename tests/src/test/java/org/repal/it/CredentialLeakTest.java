package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStores;

/**
 * S3 credentials reach repal only through the environment (on a cluster: the Secret) and must never come out again:
 * a small pipeline runs against S3Proxy with known keys through the real command line, then every output is searched
 * for the access key and the secret — stdout and stderr of each command, the task logs, every object in the store
 * (the task markers included), a marker written with {@code --marker-out}, the rendered Argo YAML, {@code repal
 * doctor}'s report — and so are the errors of a run with a wrong secret.
 */
class CredentialLeakTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TINY = """
            taskset: PDM
            seed: 2
            data: {train_size: 8, test_size: 4, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [tanh], hidden: [8], lr: [0.001], batch_size: [8], init: [kaiming]}
            groups: [untrained]
            training: {epochs: 1}
            dsa: {n_delays: 4, delay_interval: 1, rank: 8}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 2Gi, gpu: 0}
            """;

    @TempDir
    Path tmp;

    /** Where each searched text came from, for the failure message. */
    private final Map<String, String> outputs = new HashMap<>();

    private void collect(String where, CliRunner.Result r) {
        outputs.put(where + " stdout", r.stdout());
        outputs.put(where + " stderr", r.stderr());
    }

    private void collectFiles(String where, Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                outputs.put(where + " " + dir.relativize(p), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void credentialsAppearInNoOutput() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        Map<String, String> env = server.storeEnv();
        Files.writeString(tmp.resolve("tiny.yaml"), TINY);
        CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, java.time.Duration.ofMinutes(5));

        CliRunner.Result run = cli.run(env, "run", "--config", "tiny.yaml", "--store", "s3://repal-leak/run", "--jobs", "2");
        assertEquals(0, run.exitCode(), run.describe());
        collect("repal run", run);
        JsonNode summary = JSON.readTree(run.stdout().lines().findFirst().orElseThrow());
        assertEquals(2, summary.path("ran").asInt(), run.describe());
        collectFiles("task log", Path.of(summary.path("logs").asText()));

        // What a workflow pod runs, with the marker it publishes as an output artifact.
        String configJson = JSON.writeValueAsString(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(TINY));
        CliRunner.Result task = cli.run(env, "task", "--store", "s3://repal-leak/run", "--config-json", configJson,
                "--task", "train-rnn-untrained", "--marker-out", "marker.json");
        assertEquals(0, task.exitCode(), task.describe());
        assertTrue(task.stdout().contains("\"status\":\"skipped\""), task.describe());
        collect("repal task", task);
        outputs.put("--marker-out", Files.readString(tmp.resolve("marker.json")));

        CliRunner.Result render = cli.run(env, "render", "--config", "tiny.yaml", "--out", "wf.yaml");
        assertEquals(0, render.exitCode(), render.describe());
        collect("repal render", render);
        outputs.put("rendered workflow", Files.readString(tmp.resolve("wf.yaml")));
        CliRunner.Result template = cli.run(env, "render", "--profile", "quick", "--template", "--out", "wt.yaml");
        assertEquals(0, template.exitCode(), template.describe());
        outputs.put("rendered template", Files.readString(tmp.resolve("wt.yaml")));

        CliRunner.Result doctor = cli.run(env, "doctor");
        collect("repal doctor", doctor);

        // Refused by the server: its error must not carry the key back to the user either.
        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("REPAL_S3_SECRET_KEY", server.secretKey() + "-wrong");
        CliRunner.Result refused = cli.run(wrong, "generate", "--taskset", "PDM", "--train-size", "4", "--test-size", "2",
                "--out", "s3://repal-leak/refused");
        assertTrue(refused.exitCode() != 0, refused.describe());
        collect("refused generate", refused);

        int objects = 0;
        try (ArtifactStore store = ArtifactStores.open("s3://repal-leak", env)) {
            for (String key : store.list("")) {
                outputs.put("object " + key, new String(store.get(key), StandardCharsets.ISO_8859_1));
                objects++;
            }
        }
        assertTrue(objects > 20 && outputs.keySet().stream().anyMatch(k -> k.contains(".repal/tasks/")), outputs.keySet()
                .toString());

        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            for (String needle : List.of(server.accessKey(), server.secretKey())) {
                if (e.getValue().contains(needle)) {
                    leaks.add(e.getKey() + " holds " + (needle.equals(server.accessKey()) ? "the access key" : "the secret"));
                }
            }
        }
        assertEquals(List.of(), leaks, "credentials leaked into outputs");
        // The rendered workflow takes them from the Secret, by reference only.
        assertTrue(outputs.get("rendered workflow").contains("secretKeyRef"), outputs.get("rendered workflow"));
        assertFalse(outputs.get("rendered workflow").contains("REPAL_S3_SECRET_KEY\n          value"));
    }
}
