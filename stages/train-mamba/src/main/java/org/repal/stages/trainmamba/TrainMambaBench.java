package org.repal.stages.trainmamba;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Batch;
import org.repal.core.model.LossMode;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.train.SyntheticBatch;
import org.repal.core.train.TrainingStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repal bench train-mamba}: training throughput (loss + backward + weight term + Adam, float32 weights) on
 * random PDM-like batches, timed after warm-up batches.
 */
@Command(name = "train-mamba", mixinStandardHelpOptions = true,
        description = "Time Mamba training steps (loss, backward, Adam); prints one JSON object.")
public final class TrainMambaBench implements Callable<Integer> {
    @Option(names = "--d-model", defaultValue = "16") int dModel;
    @Option(names = "--n-layers", defaultValue = "2") int layers;
    @Option(names = "--batch-size", defaultValue = "32") int batchSize;
    @Option(names = "--seq-len", defaultValue = "400") int seqLen;
    @Option(names = "--batches", defaultValue = "20", description = "Timed batches (default 20).") int batches;
    @Option(names = "--warmup", defaultValue = "5", description = "Untimed batches first (default 5).") int warmup;
    @Option(names = "--seed", defaultValue = "0") long seed;

    @Override
    public Integer call() throws Exception {
        MambaConfig config = MambaConfig.of(dModel, layers);
        if (batchSize < 1 || seqLen < 1 || batches < 1 || warmup < 0) {
            throw new IllegalArgumentException("--batch-size, --seq-len and --batches must be positive");
        }
        TrainingStep step = new TrainingStep(config, DataType.FLOAT, seed, 0.001, LossMode.ALL_STEPS, false);
        Batch batch = SyntheticBatch.pdmLike(batchSize, seqLen, seed);
        for (int i = 0; i < warmup; i++) {
            step.run(batch);
        }
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        double loss = 0;
        for (int i = 0; i < batches; i++) {
            loss = step.run(batch);
        }
        double perBatch = (System.nanoTime() - t0) / 1e9 / batches;
        double cpuPerBatch = (processCpuNanos() - cpu0) / 1e9 / batches;
        int cores = Runtime.getRuntime().availableProcessors();
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        out.put("seq_per_s", Math.round(batchSize / perBatch * 10) / 10.0);
        out.put("s_per_batch", Math.round(perBatch * 10000) / 10000.0);
        // On a shared machine the wall rate depends on the load; CPU time spread over all cores does not.
        out.put("cpu_s_per_batch", Math.round(cpuPerBatch * 10000) / 10000.0);
        out.put("cpu_seq_per_s", Math.round(batchSize * cores / cpuPerBatch * 10) / 10.0);
        out.put("d_model", dModel);
        out.put("n_layers", layers);
        out.put("batch_size", batchSize);
        out.put("seq_len", seqLen);
        out.put("batches", batches);
        // The lanes run on the common pool plus the calling thread.
        out.put("threads", ForkJoinPool.getCommonPoolParallelism() + 1);
        out.put("final_loss", loss);
        System.out.println(json.writeValueAsString(out));
        return 0;
    }

    /** CPU time of the whole process (all threads, JIT and GC included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
