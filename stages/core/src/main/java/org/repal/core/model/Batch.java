package org.repal.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One batch of B sequences of T steps, stored time-major as the recurrence consumes it: row t·B + b of
 * the [T·B, n_in] input matrix is step t of sequence b; targets (class ids) and decision flags likewise.
 * Reused from batch to batch: {@link #setSample} overwrites one column of sequences.
 */
public final class Batch {
    private final int size;
    private final int steps;
    private final int inputs;
    private final Mat x;
    private final float[] staging;
    private final int[] targets;
    private final boolean[] decision;
    private boolean staged;
    private int active;

    public Batch(DataType type, int size, int steps, int inputs) {
        if (size < 1 || steps < 1 || inputs < 1) {
            throw new IllegalArgumentException("batch " + size + "x" + steps + "x" + inputs + " must be positive");
        }
        this.size = size;
        this.steps = steps;
        this.inputs = inputs;
        this.x = Mat.zeros(type, steps * size, inputs);
        this.staging = new float[steps * size * inputs];
        this.targets = new int[steps * size];
        this.decision = new boolean[steps * size];
        this.active = size;
    }

    /** B. */
    public int size() {
        return size;
    }

    /**
     * Sequences in use: the last batch of an epoch may hold fewer than B. The rest keep their buffers (one
     * shape per run, no second set of BPTT buffers) but are cleared and ignored by the loss and accuracy.
     */
    public int active() {
        return active;
    }

    /** Uses the first {@code n} sequences only (see {@link #active()}); the others are zeroed. */
    public void setActive(int n) {
        if (n < 1 || n > size) {
            throw new IllegalArgumentException("active sequences " + n + " outside 1.." + size);
        }
        for (int b = n; b < size; b++) {
            for (int t = 0; t < steps; t++) {
                int r = row(t, b);
                java.util.Arrays.fill(staging, r * inputs, (r + 1) * inputs, 0f);
                targets[r] = 0;
                decision[r] = false;
            }
        }
        if (n < size || active < size) {
            staged = true;
        }
        active = n;
    }

    /** Whether row {@code r} belongs to an active sequence. */
    public boolean isActive(int r) {
        return r % size < active;
    }

    /** T. */
    public int steps() {
        return steps;
    }

    public int inputs() {
        return inputs;
    }

    /** Row index of (step t, sequence b). */
    public int row(int t, int b) {
        return t * size + b;
    }

    /**
     * Copies sequence {@code b} from sample-major arrays: {@code in[(sample·T + t)·n_in + c]},
     * {@code target[sample·T + t]}, {@code mask[sample·T + t]} (the layout of inputs/targets/masks.npy).
     */
    public void setSample(int b, int sample, float[] in, byte[] target, boolean[] mask) {
        for (int t = 0; t < steps; t++) {
            int src = sample * steps + t;
            int r = row(t, b);
            System.arraycopy(in, src * inputs, staging, r * inputs, inputs);
            targets[r] = target[src];
            decision[r] = mask[src];
        }
        staged = true;
    }

    /** Sets one input value directly (tests and benchmarks). */
    public void setInput(int t, int b, int column, float value) {
        staging[row(t, b) * inputs + column] = value;
        staged = true;
    }

    public void setTarget(int t, int b, int target, boolean isDecision) {
        targets[row(t, b)] = target;
        decision[row(t, b)] = isDecision;
    }

    /**
     * Sets every input directly from {@code values} (time-major rows, [T·B·n_in]) without the float32 staging,
     * so float64 batches can hold float64 inputs (parity checks). Valid until the next setSample/setInput/setActive.
     */
    public void setInputs(double[] values) {
        x();
        x.setAll(values);
    }

    /** The [T·B, n_in] input matrix (staged values are copied into it on first use after a change). */
    public Mat x() {
        if (staged) {
            if (ComputePath.current() == ComputePath.ND4J) {
                // Through ND4J, so that a device copy of x gets the new values too.
                x.array().assign(Nd4j.createFromArray(staging).reshape('c', x.rows(), x.cols()).castTo(x.dataType()));
            } else if (x.isDouble()) {
                double[] v = new double[staging.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = staging[i];
                }
                x.doubles().put(0, v);
            } else {
                x.floats().put(0, staging);
            }
            staged = false;
        }
        return x;
    }

    public int target(int row) {
        return targets[row];
    }

    public boolean isDecision(int row) {
        return decision[row];
    }
}
