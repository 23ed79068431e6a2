package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repal plan}'s artifact volume against what a real tiny run writes: per stage, the estimate is within the
 * npy header overhead (128 bytes a file written) of the bytes on disk (the store's .repal-meta sidecars and the
 * runner's .repal/ markers and logs are not stage outputs and are not counted). Training runs to its epoch budget
 * (no target accuracy), so the estimate's epoch count is exact.
 */
class PlanVolumeTest {
    private static final String CONFIG = """
            taskset: PDM
            seed: 3
            data: {train_size: 48, test_size: 8, seq_len: 400}
            rnn: {rnn_type: [leaky_gru], activation: [relu], hidden: [8], lr: [0.01], batch_size: [8], init: [kaiming]}
            mamba: {d_model: [4], n_layers: [1], lr: [0.01], batch_size: [8]}
            groups: [untrained, master, pretrain_frozen]
            training: {epochs: 2}
            dsa: {n_delays: 4, delay_interval: 2, rank: 8}
            dissimilarity: {configs_per_task: 1, rnn_vs_mamba: {}}
            learning_dynamics: {configs_per_task: 1}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 1Gi, gpu: 0}
              train-mamba: {cpu: 1, memory: 1Gi, gpu: 0}
              dissimilarity: {cpu: 1, memory: 1Gi, gpu: 0}
              learning-dynamics: {cpu: 1, memory: 1Gi, gpu: 0}
            """;
    /** Stage → the folder its tasks write. */
    private static final Map<String, String> FOLDERS = Map.of("generate", "data", "train-rnn", "models",
            "train-mamba", "models", "dissimilarity", "dissimilarity", "learning-dynamics", "learning-dynamics");

    @TempDir
    Path tmp;

    @Test
    void estimatedBytesPerStageAreWhatATinyRunWrites() throws Exception {
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), CONFIG);
        CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(15));
        CliRunner.Result plan = cli.run("plan", "--config", config.toString(), "--json");
        assertEquals(0, plan.exitCode(), plan.describe());
        JsonNode estimate = new ObjectMapper().readTree(plan.stdout());
        CliRunner.Result run = cli.run("run", "--config", config.toString(), "--out", "out");
        assertEquals(0, run.exitCode(), run.describe());
        long models = 0;
        for (JsonNode s : estimate.path("stages")) {
            String stage = s.path("stage").asText();
            if (stage.startsWith("train-")) {
                models += s.path("bytes").asLong();
                continue;
            }
            check(stage, s.path("bytes").asLong(), tmp.resolve("out").resolve(FOLDERS.get(stage)));
        }
        check("train-rnn + train-mamba", models, tmp.resolve("out/models"));
        assertEquals(12, estimate.path("workflows").get(0).path("pods").asInt(), plan.stdout());
    }

    private static void check(String stage, long estimated, Path folder) throws IOException {
        long[] bytesAndFiles = {0, 0};
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).filter(p -> !folder.relativize(p).toString().startsWith(".repal"))
                    .forEach(p -> {
                        try {
                            bytesAndFiles[0] += Files.size(p);
                            bytesAndFiles[1]++;
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        }
        long actual = bytesAndFiles[0];
        long slack = 128 * bytesAndFiles[1];
        assertTrue(actual > 0, stage + ": nothing written under " + folder);
        assertTrue(Math.abs(estimated - actual) <= slack, stage + ": estimated " + estimated + " bytes, the run wrote "
                + actual + " in " + bytesAndFiles[1] + " files (allowed difference " + slack + ")");
    }
}
