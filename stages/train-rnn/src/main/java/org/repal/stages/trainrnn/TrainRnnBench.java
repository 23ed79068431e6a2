package org.repal.stages.trainrnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.linalg.BlasLibrary;
import org.repal.core.linalg.BlasThreads;
import org.repal.core.linalg.FloatProduct;
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
    @Option(names = "--models", defaultValue = "1", description = "Networks trained at once, each on its own thread"
            + " with one BLAS thread (seeds seed … seed + N − 1), as a pipeline node runs one training JVM per core;"
            + " prints the aggregate and per-model rates (default 1: one network, OpenBLAS's thread count).")
    int models;

    @Override
    public Integer call() throws Exception {
        RnnConfig config = new RnnConfig(RnnType.parse(rnnType), Activation.parse(activation), 7, hidden, 3,
                InitType.KAIMING);
        if (batchSize < 1 || seqLen < 1 || batches < 1 || warmup < 0 || models < 1) {
            throw new IllegalArgumentException("--batch-size, --seq-len, --batches and --models must be positive");
        }
        if (models > 1) {
            ObjectNode out = BlasThreads.with(1, () -> concurrent(config));
            System.out.println(new ObjectMapper().writeValueAsString(out));
            return 0;
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
        putSetting(out, config, blasThreads());
        out.put("compute_path", ComputePath.current().name().toLowerCase(java.util.Locale.ROOT));
        out.put("final_loss", loss);
        System.out.println(json.writeValueAsString(out));
        return 0;
    }

    /**
     * {@link #models} networks trained at once, one thread each, OpenBLAS single-threaded: the aggregate rate of
     * a node running one training process per core. Each thread's own CPU time gives the rate it would have on a
     * free core ({@code cpu_seq_per_s}, summed over the models), which the load of other processes changes less.
     */
    private ObjectNode concurrent(RnnConfig config) {
        Batch batch = randomBatch(batchSize, seqLen, seed);
        CyclicBarrier start = new CyclicBarrier(models);
        double[] wall = new double[models];
        double[] cpu = new double[models];
        double[] loss = new double[models];
        ExecutorService pool = Executors.newFixedThreadPool(models);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int m = 0; m < models; m++) {
                int k = m;
                runs.add(pool.submit(() -> {
                    TrainingStep step;
                    try {
                        step = new TrainingStep(config, DataType.FLOAT, seed + k, 0.001, LossMode.ALL_STEPS, false);
                        for (int i = 0; i < warmup; i++) {
                            step.run(batch);
                        }
                    } catch (RuntimeException e) {
                        start.reset(); // the others stop waiting (BrokenBarrierException)
                        throw e;
                    }
                    start.await();
                    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                    long t0 = System.nanoTime();
                    long c0 = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < batches; i++) {
                        loss[k] = step.run(batch);
                    }
                    cpu[k] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
                    wall[k] = (System.nanoTime() - t0) / 1e9;
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a model's training failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double seqs = (double) batchSize * batches;
        double slowest = 0;
        double cpuRate = 0;
        ObjectNode out = new ObjectMapper().createObjectNode();
        ArrayNode perModel = out.putArray("model_seq_per_s");
        ArrayNode perModelCpu = out.putArray("model_cpu_seq_per_s");
        for (int m = 0; m < models; m++) {
            slowest = Math.max(slowest, wall[m]);
            cpuRate += seqs / cpu[m];
            perModel.add(Math.round(seqs / wall[m] * 10) / 10.0);
            perModelCpu.add(Math.round(seqs / cpu[m] * 10) / 10.0);
        }
        out.put("models", models);
        // All sequences over the time until the last model finished.
        out.put("seq_per_s", Math.round(models * seqs / slowest * 10) / 10.0);
        out.put("cpu_seq_per_s", Math.round(cpuRate * 10) / 10.0);
        putSetting(out, config, 1);
        ArrayNode losses = out.putArray("final_loss");
        for (double l : loss) {
            losses.add(l);
        }
        return out;
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

    /** What was measured: the network, the batch shape and OpenBLAS's threads and kernel set. */
    private void putSetting(ObjectNode out, RnnConfig config, int blasThreads) {
        out.put("rnn_type", config.type().jsonName());
        out.put("activation", config.activation().jsonName());
        out.put("hidden", hidden);
        out.put("batch_size", batchSize);
        out.put("seq_len", seqLen);
        out.put("batches", batches);
        out.put("blas_threads", blasThreads);
        out.put("blas_core", BlasLibrary.coreName());
        out.put("step_products", FloatProduct.describe());
    }
}
