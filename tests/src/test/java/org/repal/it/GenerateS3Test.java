package org.repal.it;

import org.repal.core.cli.StageCli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.NpyArray;
import org.repal.core.store.S3ArtifactStore;
import org.repal.core.store.Sha256;
import org.repal.stages.generate.GenerateCommand;

/**
 * {@code generate} into s3://bucket/prefix on a real S3 server (S3Proxy), and the command as the {@code repal}
 * jar runs it. The S3 settings reach the command through its environment map.
 */
class GenerateS3Test {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "repal-generate";
    private static S3ProxyServer server;
    private static Map<String, String> env;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.shared();
        env = server.storeEnv();
    }


    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StageCli.run(new GenerateCommand(env), new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, code, "exit " + code + "\n" + out + "\n" + err);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void writesTheDatasetToS3WithTheManifestLast() throws Exception {
        String[] result = run("--taskset", "PDM", "--train-size", "8", "--test-size", "4", "--seed", "3",
                "--no-progress", "--out", "s3://" + BUCKET + "/run-1");
        JsonNode summary = JSON.readTree(result[0].trim());
        assertEquals("s3://" + BUCKET + "/run-1/manifest.json", summary.get("manifest").asText());

        try (S3ArtifactStore store = new S3ArtifactStore(server.endpoint(), server.accessKey(), server.secretKey(),
                BUCKET, "run-1")) {
            JsonNode manifest = JSON.readTree(store.get("manifest.json"));
            Map<String, String> listed = new TreeMap<>();
            for (JsonNode f : manifest.get("files")) {
                ArtifactInfo info = store.stat(f.get("key").asText()).orElseThrow();
                assertEquals(f.get("size").asLong(), info.size());
                assertEquals(f.get("sha256").asText(), Sha256.of(store.get(info.key())), info.key());
                listed.put(info.key(), info.sha256());
            }
            List<String> expectedKeys = new ArrayList<>(listed.keySet());
            expectedKeys.add("manifest.json");
            expectedKeys.sort(null);
            assertEquals(expectedKeys, store.list(""), "exactly the dataset, no temporary objects");
            NpyArray inputs = store.getNpy("AntiPerceptualDecisionMakingDelayResponse/test/inputs.npy");
            assertEquals(List.of(4, 350, 7), List.of(inputs.shape()[0], inputs.shape()[1], inputs.shape()[2]));

            // The same request into a local folder gives the same bytes.
            Path local = tmp.resolve("local");
            run("--taskset", "PDM", "--train-size", "8", "--test-size", "4", "--seed", "3", "--no-progress",
                    "--out", local.toString());
            assertEquals(localHashes(local), listed);
            assertEquals(Sha256.of(local.resolve("manifest.json")), Sha256.of(store.get("manifest.json")));

            // Generating again into the prefix replaces the dataset: none of the old objects remain.
            run("--taskset", "GoNogo", "--tasks", "AntiGoNogoT", "--train-size", "3", "--test-size", "2",
                    "--no-progress", "--out", "s3://" + BUCKET + "/run-1");
            List<String> keys = store.list("");
            assertEquals(9, keys.size(), keys.toString());
            assertTrue(keys.stream().allMatch(k -> k.equals("manifest.json") || k.startsWith("AntiGoNogo/")), keys.toString());
        }
    }

    @Test
    void theRepalJarRunsGenerate() throws Exception {
        CliRunner cli = new CliRunner(tmp);
        CliRunner.Result bad = cli.run("generate", "--taskset", "Reaching", "--train-size", "2", "--test-size", "2",
                "--out", "out");
        assertEquals(2, bad.exitCode(), bad.describe());
        assertEquals(1, bad.stderrLines().size(), bad.describe());
        assertTrue(bad.stderrLines().get(0).contains("--taskset"), bad.describe());
        assertTrue(Files.notExists(tmp.resolve("out")));

        CliRunner.Result ok = cli.run("generate", "--taskset", "GoNogo", "--train-size", "4", "--test-size", "2",
                "--out", "out");
        assertEquals(0, ok.exitCode(), ok.describe());
        assertEquals(1, ok.stdout().lines().count(), ok.describe());
        assertEquals(4, JSON.readTree(ok.stdout()).get("tasks").size());
        assertTrue(Files.isRegularFile(tmp.resolve("out/manifest.json")));
    }

    private static Map<String, String> localHashes(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.startsWith(".repal-meta") && !rel.equals("manifest.json")) {
                    out.put(rel, Sha256.of(p));
                }
            }
        }
        return out;
    }
}
