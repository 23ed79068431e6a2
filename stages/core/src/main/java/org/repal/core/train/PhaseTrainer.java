package org.repal.core.train;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Batch;
import org.repal.core.model.CrossEntropy;
import org.repal.core.model.Mat;
import org.repal.core.model.TrainableModel;
import org.repal.core.task.Seeds;
import org.repal.core.task.Task;

/**
 * The epochs of one phase (spec §4): per epoch, each of the phase's tasks in turn (not interleaved), its
 * training sequences in an order shuffled by {@code Seeds.derive(seed, "shuffle/<phase>/<epoch>/<task>")},
 * in batches (the last one smaller); then evaluation on every task's validation sequences and a checkpoint.
 * The order depends only on the seed, phase, epoch and task, so a resumed run repeats exactly what an
 * uninterrupted one does.
 */
public final class PhaseTrainer {
    /** Progress callbacks (on the training thread). */
    public interface Listener {
        default void batch(String phase, int epoch, int done, int total, double loss) {
        }

        default void epoch(EpochRecord record, int epochs, double seconds) {
        }
    }

    private final TrainingConfig config;
    private final Map<Task, TaskDataset> data;
    private final Listener listener;
    private final Map<Integer, Batch> batches = new HashMap<>();

    public PhaseTrainer(TrainingConfig config, Map<Task, TaskDataset> data, Listener listener) {
        this.config = config;
        this.data = data;
        this.listener = listener;
    }

    /**
     * Runs epochs {@code [first, config.epochs())} of a phase, appending to {@code log} and checkpointing after
     * each; stops early when every task's accuracy exceeds the target. Returns the last epoch run (first − 1 if
     * none was left).
     *
     * @throws TrainingDivergedException on a NaN or infinite loss, naming the epoch and batch
     */
    public int run(String phase, List<Task> tasks, TrainingStep step, int first, List<EpochRecord> log,
                   Checkpoints checkpoints) {
        int last = first - 1;
        for (int epoch = first; epoch < config.epochs(); epoch++) {
            long t0 = System.nanoTime();
            double lossSum = 0;
            int count = 0;
            int total = 0;
            for (Task task : tasks) {
                total += (data.get(task).trainIndices().length + config.batchSize() - 1) / config.batchSize();
            }
            for (Task task : tasks) {
                int[] order = shuffled(data.get(task).trainIndices(), phase, epoch, task);
                for (int start = 0; start < order.length; start += config.batchSize()) {
                    Batch batch = fill(data.get(task), order, start, step.model().dataType());
                    double loss = step.run(batch);
                    count++;
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException("loss is " + loss + " in " + phase + " epoch " + epoch
                                + ", batch " + count + " of " + total + " (task " + task + ")");
                    }
                    lossSum += loss;
                    listener.batch(phase, epoch, count, total, loss);
                }
            }
            EpochRecord record = evaluate(phase, epoch, tasks, step.model(), count == 0 ? Double.NaN : lossSum / count);
            log.add(record);
            last = epoch;
            boolean reached = config.hasTarget() && record.minAccuracy() > config.target();
            boolean complete = reached || epoch == config.epochs() - 1;
            checkpoints.save(phase, epoch, complete, step.model().parameters(), step.adam(), log);
            listener.epoch(record, config.epochs(), (System.nanoTime() - t0) / 1e9);
            if (reached) {
                break;
            }
        }
        return last;
    }

    private int[] shuffled(int[] indices, String phase, int epoch, Task task) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(config.seed(),
                "shuffle/" + phase + "/" + epoch + "/" + task.displayName()));
        for (int i = indices.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
        return indices;
    }

    private Batch fill(TaskDataset d, int[] order, int start, DataType type) {
        Batch batch = batches.computeIfAbsent(d.steps() * 2 + (type == DataType.DOUBLE ? 1 : 0),
                k -> new Batch(type, config.batchSize(), d.steps(), d.inputs()));
        int n = Math.min(config.batchSize(), order.length - start);
        for (int b = 0; b < n; b++) {
            batch.setSample(b, order[start + b], d.inputArray(), d.targetArray(), d.maskArray());
        }
        batch.setActive(n);
        return batch;
    }

    /** Decision-step accuracy (pooled) and loss (sequence-weighted mean) on each task's validation split. */
    public EpochRecord evaluate(String phase, int epoch, List<Task> tasks, TrainableModel model, double trainLoss) {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        Map<String, Double> loss = new LinkedHashMap<>();
        for (Task task : tasks) {
            TaskDataset d = data.get(task);
            int[] val = d.validationIndices();
            long correct = 0;
            long decisions = 0;
            double lossSum = 0;
            for (int start = 0; start < val.length; start += config.batchSize()) {
                Batch batch = fill(d, val, start, model.dataType());
                Mat logits = model.forward(batch);
                lossSum += CrossEntropy.loss(logits, batch, config.lossMode(), null) * batch.active();
                long[] acc = CrossEntropy.decisionAccuracy(logits, batch);
                correct += acc[0];
                decisions += acc[1];
            }
            accuracy.put(task.displayName(), decisions == 0 ? Double.NaN : (double) correct / decisions);
            loss.put(task.displayName(), val.length == 0 ? Double.NaN : lossSum / val.length);
        }
        return new EpochRecord(phase, epoch, trainLoss, accuracy, loss);
    }
}
