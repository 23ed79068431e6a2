package org.repal.core.metric;

import java.util.Objects;

/**
 * Recorded activity shaped (trials, time, neurons), held row-major in doubles. Two-dimensional
 * (time, neurons) data is one trial. All values are finite (checked once, here).
 */
public final class Trajectories {

    private final double[] data;
    private final int trials;
    private final int time;
    private final int neurons;

    public Trajectories(double[] data, int trials, int time, int neurons) {
        Objects.requireNonNull(data, "data");
        if (trials < 1 || time < 1 || neurons < 1) {
            throw new IllegalArgumentException("shape (" + trials + ", " + time + ", " + neurons
                    + ") must have every dimension >= 1");
        }
        if ((long) trials * time * neurons != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " does not match shape ("
                    + trials + ", " + time + ", " + neurons + ")");
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                int n = i % neurons;
                int t = (i / neurons) % time;
                int k = i / (neurons * time);
                throw new IllegalArgumentException("non-finite value " + data[i] + " at [" + k + ", " + t
                        + ", " + n + "]");
            }
        }
        this.data = data;
        this.trials = trials;
        this.time = time;
        this.neurons = neurons;
    }

    /** Builds from a shape of rank 2 (time, neurons) or 3 (trials, time, neurons). */
    public static Trajectories of(double[] data, int[] shape) {
        if (shape.length == 2) {
            return new Trajectories(data, 1, shape[0], shape[1]);
        }
        if (shape.length == 3) {
            return new Trajectories(data, shape[0], shape[1], shape[2]);
        }
        throw new IllegalArgumentException("expected 2 dimensions (time, neurons) or 3 (trials, time, neurons), got "
                + shape.length);
    }

    public int trials() {
        return trials;
    }

    public int time() {
        return time;
    }

    public int neurons() {
        return neurons;
    }

    /** Number of rows after flattening trials and time: the sample count of Procrustes and CKA. */
    public int samples() {
        return trials * time;
    }

    /** The backing array, row-major (trials, time, neurons); callers must not modify it. */
    public double[] data() {
        return data;
    }

    public double get(int trial, int t, int neuron) {
        return data[(trial * time + t) * neurons + neuron];
    }
}
