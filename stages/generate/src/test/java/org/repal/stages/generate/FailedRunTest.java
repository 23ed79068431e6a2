package org.repal.stages.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TaskSetConfig;

/** A run that fails while writing leaves no partial dataset; an existing dataset survives it. */
class FailedRunTest {
    @TempDir
    Path tmp;

    private static GenerateRequest request(long seed) {
        return new GenerateRequest(TaskSet.PDM, TaskSet.PDM.tasks(), 6, 3, 400, seed, 0.2, TaskSetConfig.defaults(), 2);
    }

    /** Delegates to a real publisher and fails on the n-th write. */
    private static DatasetPublisher failingAt(DatasetPublisher real, int n) {
        return new DatasetPublisher() {
            private int writes;

            @Override
            public ArtifactInfo write(String key, Body body) throws IOException {
                if (++writes == n) {
                    real.write(key, out -> {
                        out.write(new byte[100]);
                        throw new IOException("disk full (simulated)");
                    });
                }
                return real.write(key, body);
            }

            @Override
            public void publish(byte[] manifest, List<String> keys) throws IOException {
                real.publish(manifest, keys);
            }

            @Override
            public void abort() {
                real.abort();
            }
        };
    }

    @Test
    void aFailedRunIntoANewFolderRemovesTheFolder() {
        Path out = tmp.resolve("new");
        try (OutputLocation location = OutputLocation.open(out.toString(), Map.of())) {
            DatasetPublisher publisher = failingAt(location.publisher(), 13);
            IOException e = assertThrows(IOException.class, () -> GenerateRun.run(request(0), publisher, Progress.off()));
            // the error names the file it could not write, then the cause
            assertTrue(e.getMessage().matches("cannot write .*/new/.*\\.npy: disk full \\(simulated\\)"), e.getMessage());
        }
        assertFalse(Files.exists(out), "the folder this run created is gone");
    }

    @Test
    void aFailedRunLeavesTheExistingDatasetAsItWas() throws IOException {
        Path out = tmp.resolve("data");
        try (OutputLocation location = OutputLocation.open(out.toString(), Map.of())) {
            GenerateRun.run(request(0), location.publisher(), Progress.off());
        }
        Map<String, String> before = GenerateRunner.hashes(out);
        for (int failAt : new int[] {1, 20, 32}) {
            try (OutputLocation location = OutputLocation.open(out.toString(), Map.of())) {
                DatasetPublisher publisher = failingAt(location.publisher(), failAt);
                assertThrows(IOException.class, () -> GenerateRun.run(request(1), publisher, Progress.off()));
            }
            assertEquals(before, GenerateRunner.hashes(out), "after a failure at write " + failAt);
        }
    }
}
