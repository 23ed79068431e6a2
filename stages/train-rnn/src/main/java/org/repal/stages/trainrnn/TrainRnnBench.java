package org.repal.stages.trainrnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Activation;
import org.repal.core.model.Batch;
import org.repal.core.model.ComputePath;
import org.repal.core.model.InitType;
import org.repal.core.model.LossMode;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnType;
import org.repal.core.train.SyntheticBatch;
import org.repal.core.train.TrainingStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repal bench train-rnn}: training throughput (loss + BPTT + weight term + Adam) in float32 on random
 * PDM-like batches: a rule column, fixation on until the last fifth, noisy stimuli, choice labels on the
 * decision steps. Timed after warm-up batches.
 */
@Command(name = "train-rnn", mixinStandardHelpOptions = true,
        description = "Time RNN training steps (loss, backward, Adam); prints one JSON object.")
public final class TrainRnnBench implements Callable<Integer> {
    @Option(names = "--rnn-type", defaultValue = "leaky_rnn") String rnnType;
    @Option(names = "--activation", defaultValue = "relu") String activation;
    @Option(names = "--hidden", defaultValue = "256") int hidden;
    @Option(names = "--batch-size", defaultValue = "64") int batchSize;
    @Option(names = "--seq-len", defaultValue = "400") int seqLen;
    @Option(names = "--batches", defaultValue = "20", description = "Timed batches (default 20).") int batches;
    @Option(names = "--warmup", defaultValue = "3", description = "Untimed batches first (default 3).") int warmup;
    @Option(names = "--seed", defaultValue = "0") long seed;

    @Override
    public Integer call() throws Exception {
        RnnConfig config = new RnnConfig(RnnType.parse(rnnType), Activation.parse(activation), 7, hidden, 3,
                InitType.KAIMING);
        if (batchSize < 1 || seqLen < 1 || batches < 1 || warmup < 0) {
            throw new IllegalArgumentException("--batch-size, --seq-len and --batches must be positive");
        }
        TrainingStep step = new TrainingStep(config, DataType.FLOAT, seed, 0.001, LossMode.ALL_STEPS, false);
        Batch batch = randomBatch(batchSize, seqLen, seed);
        for (int i = 0; i < warmup; i++) {
            step.run(batch);
        }
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        double loss = 0;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < batches; i++) {
            long b0 = System.nanoTime();
            loss = step.run(batch);
            best = Math.min(best, System.nanoTime() - b0);
        }
        double perBatch = (System.nanoTime() - t0) / 1e9 / batches;
        double cpuPerBatch = (processCpuNanos() - cpu0) / 1e9 / batches;
        int threads = Math.min(blasThreads(), Runtime.getRuntime().availableProcessors());
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        out.put("seq_per_s", Math.round(batchSize / perBatch * 10) / 10.0);
        out.put("s_per_batch", Math.round(perBatch * 10000) / 10000.0);
        // On a shared machine the wall rate depends on the load; the process CPU time does much less: the rate
        // the BLAS threads' cores would give if they were free (JIT and GC time included).
        out.put("cpu_s_per_batch", Math.round(cpuPerBatch * 10000) / 10000.0);
        out.put("cpu_seq_per_s", Math.round(batchSize * threads / cpuPerBatch * 10) / 10.0);
        // The fastest batch: what the machine gives when the other processes leave it alone for a moment.
        out.put("best_seq_per_s", Math.round(batchSize / (best / 1e9) * 10) / 10.0);
        out.put("rnn_type", config.type().jsonName());
        out.put("activation", config.activation().jsonName());
        out.put("hidden", hidden);
        out.put("batch_size", batchSize);
        out.put("seq_len", seqLen);
        out.put("batches", batches);
        out.put("blas_threads", blasThreads());
        out.put("compute_path", ComputePath.current().name().toLowerCase(java.util.Locale.ROOT));
        out.put("final_loss", loss);
        System.out.println(json.writeValueAsString(out));
        return 0;
    }

    /** OpenBLAS's thread count; it reports -1 when ND4J left it alone (ND4J_SKIP_BLAS_THREADS), then the variable's. */
    private static int blasThreads() {
        int n = org.bytedeco.openblas.global.openblas.blas_get_num_threads();
        String env = System.getenv("OPENBLAS_NUM_THREADS");
        if (n < 1 && env != null && env.trim().matches("[0-9]+")) {
            return Integer.parseInt(env.trim());
        }
        return n < 1 ? Runtime.getRuntime().availableProcessors() : n;
    }

    /** CPU time of the whole process (all threads, JIT and GC included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static Batch randomBatch(int size, int steps, long seed) {
        return SyntheticBatch.pdmLike(size, steps, seed);
    }
}
