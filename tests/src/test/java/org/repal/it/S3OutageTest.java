package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.ArtifactStores;
import org.repal.core.store.S3ArtifactStore;
import org.repal.core.store.S3Retry;
import org.repal.core.store.Sha256;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.local.LocalRunner;
import org.repal.workflows.plan.Planner;

/**
 * The S3 server goes away and comes back: the store's calls retry with backoff (one stderr line per retry, no
 * credentials in it) and succeed once the server is back; a {@code repal run} whose server is stopped for 10 s in
 * the middle completes with every artifact a local run writes; a server that stays away ends in one error naming
 * the action and its key. A server of its own (stopped and restarted on the same port, keeping its data), so the
 * shared one other classes use stays up.
 */
class S3OutageTest {
    private static final String TINY = """
            taskset: PDM
            seed: 4
            data: {train_size: 16, test_size: 4, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [tanh], hidden: [8], lr: [0.001], batch_size: [8], init: [kaiming]}
            groups: [master, untrained]
            training: {epochs: 2}
            dsa: {n_delays: 4, delay_interval: 1, rank: 8}
            dissimilarity: {configs_per_task: 1}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 1Gi, gpu: 0}
              dissimilarity: {cpu: 1, memory: 1Gi, gpu: 0}
            """;
    private static S3ProxyServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static S3ArtifactStore store(String prefix, S3Retry retry) {
        return new S3ArtifactStore(server.endpoint(), server.accessKey(), server.secretKey(), null, "outage", prefix,
                true, retry);
    }

    @Test
    void callsRetryUntilTheServerIsBack() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        S3Retry retry = new S3Retry(10, 200, 2000, new PrintStream(log, true, StandardCharsets.UTF_8));
        try (S3ArtifactStore s3 = store("calls", retry)) {
            byte[] before = "written before the outage".getBytes(StandardCharsets.UTF_8);
            s3.put("a/before.bin", before);
            server.stop();
            CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(3000);
                    server.restart();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] during = new byte[100_000];
            new java.util.Random(1).nextBytes(during);
            s3.put("a/during.bin", during); // waits out the outage
            back.get(60, TimeUnit.SECONDS);
            assertArrayEquals(before, s3.get("a/before.bin"));
            assertArrayEquals(during, s3.get("a/during.bin"));
            assertEquals(Sha256.of(during), s3.stat("a/during.bin").orElseThrow().sha256());
            assertEquals(List.of("a/before.bin", "a/during.bin"), s3.list("a/"));
        }
        String lines = log.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("put 'a/during.bin' failed (ConnectException"), lines);
        assertTrue(lines.contains("retry 1/10 in "), lines);
        assertFalse(lines.contains(server.secretKey()) || lines.contains(server.accessKey()), lines);
    }

    @Test
    void givesUpWithOneErrorNamingTheKey() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        S3Retry retry = new S3Retry(3, 50, 200, new PrintStream(log, true, StandardCharsets.UTF_8));
        try (S3ArtifactStore s3 = store("gives-up", retry)) {
            server.stop();
            try {
                ArtifactStoreException e = assertThrows(ArtifactStoreException.class,
                        () -> s3.put("models/m/final.npz", new byte[10]));
                assertTrue(e.getMessage().contains("put 'models/m/final.npz'"), e.getMessage());
                assertTrue(e.getMessage().contains("cannot reach S3 endpoint"), e.getMessage());
                assertTrue(e.getMessage().contains("gave up after 4 attempts"), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                e = assertThrows(ArtifactStoreException.class, () -> s3.get("data/manifest.json"));
                assertTrue(e.getMessage().contains("get 'data/manifest.json'"), e.getMessage());
            } finally {
                server.restart();
            }
        }
        assertEquals(6, log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("; retry ")).count(),
                log.toString(StandardCharsets.UTF_8));
        // A final answer (here: no such key) is not retried.
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        try (S3ArtifactStore s3 = store("gives-up", new S3Retry(3, 50, 200, new PrintStream(quiet)))) {
            assertThrows(org.repal.core.store.ArtifactNotFoundException.class, () -> s3.get("no/such.key"));
        }
        assertEquals("", quiet.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runCompletesThroughATenSecondOutage() throws Exception {
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), TINY);
        Map<String, String> env = new HashMap<>(server.storeEnv());
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                CliRunner.jarFromSystemProperty().toString(), "run", "--config", config.toString(), "--store",
                "s3://outage/run", "--jobs", "1");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("run.log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process run = pb.start();
        List<String> lost = new ArrayList<>();
        try {
            // Stop the server once the first training task has started: generate is done, the rest is to come.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!Files.readString(tmp.resolve("run.log")).contains("run: start train-rnn-master") && run.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(run.isAlive(), Files.readString(tmp.resolve("run.log")));
            Thread.sleep(1000); // into the task's start-up, which opens the store
            server.stop();
            Thread.sleep(10_000);
            server.restart();
            assertTrue(run.waitFor(8, TimeUnit.MINUTES), "the run did not finish");
        } finally {
            run.destroyForcibly();
        }
        String runLog = Files.readString(tmp.resolve("run.log"));
        assertEquals(0, run.exitValue(), runLog);
        // The tasks' logs (a temp folder for S3 runs, named in the summary) show the retries.
        String logs = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(runLog.lines().filter(l -> l.startsWith("{\"plan\"")).findFirst().orElseThrow())
                .get("logs").asText();
        StringBuilder all = new StringBuilder(runLog);
        try (Stream<Path> s = Files.list(Path.of(logs))) {
            for (Path p : s.toList()) {
                all.append(Files.readString(p));
            }
        }
        assertTrue(all.toString().contains("; retry 1/10 in "), all.toString());
        assertFalse(all.toString().contains(server.secretKey()), "credentials in a log");

        try (ArtifactStore s3 = ArtifactStores.open("s3://outage/run", env);
             ArtifactStore local = ArtifactStores.open(tmp.resolve("local").toString())) {
            new LocalRunner(local, 1, tmp.resolve("local-logs"), new PrintWriter(new StringWriter()), Map.of())
                    .run(Planner.plan(ConfigLoader.parse(TINY, "tiny.yaml")));
            Map<String, String> expected = artifacts(local);
            Map<String, String> got = artifacts(s3);
            expected.forEach((k, v) -> {
                if (!v.equals(got.get(k))) {
                    lost.add(k);
                }
            });
            assertTrue(expected.keySet().stream().anyMatch(k -> k.endsWith("dsa.npy")), expected.keySet().toString());
            assertEquals(List.of(), lost, "artifacts lost or changed by the outage");
            assertEquals(expected, got);
            assertEquals(4, s3.list(".repal/tasks/").size());
        }
    }

    /** Every artifact (not markers, logs or a local store's hash records) with its SHA-256. */
    private static Map<String, String> artifacts(ArtifactStore store) {
        Map<String, String> out = new TreeMap<>();
        for (String key : store.list("")) {
            if (!key.startsWith(".repal/") && !key.contains(".repal-meta/")) {
                out.put(key, Sha256.of(store.get(key)));
            }
        }
        return out;
    }
}
