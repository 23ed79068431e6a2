package org.repal.core.task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Builds the datasets of a task set's tasks (spec §2.5), deterministically.
 *
 * <p>Random streams: task stream seed = {@link Seeds#derive}(seed, task name) — independent of which other
 * tasks are generated and in which order; split seed = derive(task seed, "train"|"test"); sample i draws from
 * {@code new SplittableRandom(Seeds.child(split seed, i))} (trial after trial, see {@link TrialSampler} and
 * {@link SampleRenderer} for the order within a trial); the validation flags from derive(split seed,
 * "validation"). So the bytes do not depend on the thread count, and the first N samples are the same for
 * any larger N.
 *
 * <p>Training samples are sequences of {@code seqLen} steps that start at a trial onset and run through
 * consecutive trials, the last one cut (the reference's data loader: the first L steps of a fresh cache);
 * test samples are single complete trials with the fixed testing timing (220 or 350 steps by default).
 */
public final class DatasetGenerator {
    /** Samples per unit of parallel work and per progress report. */
    private static final int BLOCK = 256;

    private final TaskSet taskSet;
    private final TaskSetConfig config;
    private final long seed;
    private final double validationFraction;
    private final int threads;

    public DatasetGenerator(TaskSet taskSet, TaskSetConfig config, long seed, double validationFraction, int threads) {
        this.taskSet = taskSet;
        this.config = config.validate();
        this.seed = seed;
        ValidationSplit.check(validationFraction);
        this.validationFraction = validationFraction;
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /** Seed of a task's stream: depends on the seed and the task's name only. */
    public static long taskSeed(long seed, Task task) {
        return Seeds.derive(seed, task.displayName());
    }

    /** The shortest allowed training sequence: the longest possible training trial of the task set. */
    public int minSequenceLength() {
        return config.longestTrainingTrial(taskSet);
    }

    /** {@code n} training sequences of {@code seqLen} steps; progress receives sample counts as they finish. */
    public TaskData training(Task task, int n, int seqLen, IntConsumer progress) {
        checkSize("--train-size", n);
        if (seqLen < minSequenceLength()) {
            throw new IllegalArgumentException("--seq-len " + seqLen + " is shorter than the longest "
                    + taskSet + " training trial (" + minSequenceLength() + " steps)");
        }
        return generate(task, Split.TRAIN, n, seqLen, progress);
    }

    /** {@code n} single complete test trials. */
    public TaskData testing(Task task, int n, IntConsumer progress) {
        checkSize("--test-size", n);
        return generate(task, Split.TEST, n, config.testSteps(task), progress);
    }

    private static void checkSize(String option, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be positive, got " + n);
        }
    }

    private TaskData generate(Task task, Split split, int n, int steps, IntConsumer progress) {
        taskSet.ruleColumn(task); // checks the task belongs to the set
        TaskData data = new TaskData(taskSet, task, split, n, steps, validationFraction);
        long splitSeed = Seeds.derive(taskSeed(seed, task), split.jsonName());
        TrialSampler sampler = new TrialSampler(task, config, split == Split.TRAIN);
        SampleRenderer renderer = new SampleRenderer(data, config.noiseSd());
        int ruleColumn = taskSet.ruleColumn(task);
        int blocks = (n + BLOCK - 1) / BLOCK;
        IntConsumer block = b -> {
            int end = Math.min(n, (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < end; i++) {
                data.setTrials(i, sample(i, splitSeed, sampler, renderer, ruleColumn, steps));
            }
            progress.accept(end - b * BLOCK);
        };
        runBlocks(blocks, block);
        data.setValidation(ValidationSplit.choose(n, validationFraction, Seeds.derive(splitSeed, "validation")));
        return data;
    }

    private static TrialRecord[] sample(int i, long splitSeed, TrialSampler sampler, SampleRenderer renderer,
                                        int ruleColumn, int steps) {
        SplittableRandom rng = new SplittableRandom(Seeds.child(splitSeed, i));
        Gaussian noise = new Gaussian(rng);
        renderer.ruleInput(i, ruleColumn);
        List<TrialRecord> records = new ArrayList<>(4);
        for (int onset = 0; onset < steps; ) {
            Trial trial = sampler.sample(rng);
            renderer.render(i, onset, trial, noise);
            records.add(new TrialRecord(onset, trial));
            onset += trial.length();
        }
        return records.toArray(new TrialRecord[0]);
    }

    /** Runs the blocks on {@code threads} workers; the blocks write disjoint parts of the arrays. */
    private void runBlocks(int blocks, IntConsumer block) {
        if (threads == 1 || blocks == 1) {
            for (int b = 0; b < blocks; b++) {
                block.accept(b);
            }
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(block)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating trials", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
