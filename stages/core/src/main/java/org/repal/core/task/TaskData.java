package org.repal.core.task;

import java.util.Arrays;
import java.util.List;
import org.repal.core.store.NpyArray;

/**
 * One task's dataset of one split, in memory: inputs [N, T, 7] float32, targets [N, T] int8, masks [N, T]
 * bool (C order, flat) and the per-sample records. The npy views share the arrays (no copy).
 */
public final class TaskData {
    private final TaskSet taskSet;
    private final Task task;
    private final Split split;
    private final int samples;
    private final int steps;
    private final int inputsPerStep;
    private final float[] inputs;
    private final byte[] targets;
    private final boolean[] masks;
    private final TrialRecord[][] trials;
    private final boolean[] validation;
    private final double validationFraction;

    TaskData(TaskSet taskSet, Task task, Split split, int samples, int steps, double validationFraction) {
        this.taskSet = taskSet;
        this.task = task;
        this.split = split;
        this.samples = samples;
        this.steps = steps;
        this.inputsPerStep = taskSet.inputs();
        long cells = (long) samples * steps * inputsPerStep;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(split.jsonName() + " data of " + task + " would hold " + cells
                    + " input values, more than one Java array can: lower the size or the sequence length");
        }
        this.inputs = new float[(int) cells];
        this.targets = new byte[samples * steps];
        this.masks = new boolean[samples * steps];
        this.trials = new TrialRecord[samples][];
        this.validation = new boolean[samples];
        this.validationFraction = validationFraction;
    }

    public TaskSet taskSet() {
        return taskSet;
    }

    public Task task() {
        return task;
    }

    public Split split() {
        return split;
    }

    /** N: number of samples. */
    public int samples() {
        return samples;
    }

    /** T: steps per sample. */
    public int steps() {
        return steps;
    }

    /** 7: three raw channels and the four rule columns. */
    public int inputsPerStep() {
        return inputsPerStep;
    }

    public int ruleColumn() {
        return taskSet.ruleColumn(task);
    }

    public double validationFraction() {
        return validationFraction;
    }

    public float input(int sample, int step, int column) {
        return inputs[(sample * steps + step) * inputsPerStep + column];
    }

    public int target(int sample, int step) {
        return targets[sample * steps + step];
    }

    public boolean mask(int sample, int step) {
        return masks[sample * steps + step];
    }

    public SampleRecord record(int sample) {
        return new SampleRecord(validation[sample], Arrays.asList(trials[sample]));
    }

    public List<TrialRecord> trials(int sample) {
        return Arrays.asList(trials[sample].clone());
    }

    public boolean isValidation(int sample) {
        return validation[sample];
    }

    public int validationCount() {
        int k = 0;
        for (boolean v : validation) {
            k += v ? 1 : 0;
        }
        return k;
    }

    /** inputs.npy: [N, T, 7] float32, sharing this dataset's array. */
    public NpyArray inputsArray() {
        return NpyArray.ofFloats(inputs, samples, steps, inputsPerStep);
    }

    /** targets.npy: [N, T] int8 class ids (0 = fixate). */
    public NpyArray targetsArray() {
        return NpyArray.ofBytes(targets, samples, steps);
    }

    /** masks.npy: [N, T] bool, true at the decision steps. */
    public NpyArray masksArray() {
        return NpyArray.ofBooleans(masks, samples, steps);
    }

    float[] inputs() {
        return inputs;
    }

    byte[] targets() {
        return targets;
    }

    boolean[] masks() {
        return masks;
    }

    void setTrials(int sample, TrialRecord[] records) {
        trials[sample] = records;
    }

    void setValidation(boolean[] flags) {
        System.arraycopy(flags, 0, validation, 0, samples);
    }

    TrialRecord[] rawTrials(int sample) {
        return trials[sample];
    }
}
