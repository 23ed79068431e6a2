package org.repal.stages.generate;

import org.repal.core.store.FileTrees;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TaskSetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repal bench generate}: the reference's full data of a task set (by default PDM: 4 tasks × 10,000
 * training sequences of 400 steps + 1,000 test trials) generated and written into a temporary folder, timed
 * end to end (generation, hashing, fsync, publish). peak_heap_mb sums the heap pools' peak usage, an upper
 * bound of the live heap (garbage not yet collected counts too).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Time generating a task set's full datasets into a temporary folder; prints one JSON object.")
public final class GenerateBench implements Callable<Integer> {

    @Option(names = "--taskset", defaultValue = "PDM") String taskSet;
    @Option(names = "--train-size", defaultValue = "10000") int trainSize;
    @Option(names = "--test-size", defaultValue = "1000") int testSize;
    @Option(names = "--seq-len", defaultValue = "400") int seqLen;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--threads", description = "Generator threads (default: all cores).") Integer threads;
    @Option(names = "--out", description = "Keep the dataset in this folder instead of a deleted temp folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        TaskSet set = TaskSet.parse(taskSet);
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        GenerateRequest request = new GenerateRequest(set, set.tasks(), trainSize, testSize, seqLen, seed, 0.2,
                TaskSetConfig.defaults(), workers);
        Path dir = out != null ? out : Files.createTempDirectory("repal-bench-generate-");
        try {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long t0 = System.nanoTime();
            ObjectNode manifest;
            try (OutputLocation location = OutputLocation.open(dir.toString(), Map.of())) {
                manifest = GenerateRun.run(request, location.publisher(), Progress.off());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long bytes = 0;
            for (var f : manifest.get("files")) {
                bytes += f.get("size").asLong();
            }
            ObjectMapper json = new ObjectMapper();
            ObjectNode result = json.createObjectNode();
            result.put("seconds", Math.round(seconds * 100) / 100.0);
            result.put("tasks", request.tasks().size());
            result.put("train_size", trainSize);
            result.put("test_size", testSize);
            result.put("seq_len", seqLen);
            result.put("threads", workers);
            result.put("bytes_written", bytes);
            result.put("peak_heap_mb", peakHeapBytes() >> 20);
            result.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
            System.out.println(json.writeValueAsString(result));
            return 0;
        } finally {
            if (out == null) {
                FileTrees.deleteRecursively(dir);
            }
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
