package org.repal.core.train;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.repal.core.model.ComputePath;
import org.repal.core.model.Mat;

/**
 * Adam with PyTorch's update (β₁ 0.9, β₂ 0.999, ε 1e-8, no weight decay), fused into one pass over a prefix
 * {@code [0, count)} of a flat parameter buffer: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
 * p ← p − (lr/(1 − β₁ᵗ))·m/(√v/√(1 − β₂ᵗ) + ε). The moments keep the parameters' data type. On the
 * {@link ComputePath#ND4J} path the same update runs as ND4J ops on the arrays (on the device with CUDA).
 */
public final class Adam {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final double lr;
    private final int count;
    private final Mat m;
    private final Mat v;
    private final ComputePath path;
    private long step;

    /** Updates the first {@code count} values of buffers shaped like {@code params}, on this JVM's path. */
    public Adam(double lr, Mat params, int count) {
        this(lr, params, count, ComputePath.current());
    }

    /** As {@link #Adam(double, Mat, int)} on the given path. */
    public Adam(double lr, Mat params, int count, ComputePath path) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be positive, got " + lr);
        }
        if (count < 1 || count > params.size()) {
            throw new IllegalArgumentException("Adam range " + count + " outside 1.." + params.size());
        }
        this.lr = lr;
        this.count = count;
        this.m = Mat.zeros(params.dataType(), 1, count);
        this.v = Mat.zeros(params.dataType(), 1, count);
        this.path = path;
    }

    public double learningRate() {
        return lr;
    }

    /** Number of parameters updated (the prefix length). */
    public int count() {
        return count;
    }

    /** Updates taken so far. */
    public long step() {
        return step;
    }

    /** First moments (for checkpoints). */
    public Mat firstMoments() {
        return m;
    }

    /** Second moments (for checkpoints). */
    public Mat secondMoments() {
        return v;
    }

    /** Restores the state saved from {@link #firstMoments}, {@link #secondMoments} and {@link #step}. */
    public void restore(double[] first, double[] second, long steps) {
        m.setAll(first);
        v.setAll(second);
        this.step = steps;
    }

    /** One update of {@code params} with {@code grads} (same layout). */
    public void update(Mat params, Mat grads) {
        step++;
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2 = Math.sqrt(1 - Math.pow(BETA2, step));
        double stepSize = lr / bc1;
        if (path == ComputePath.ND4J) {
            update(params.span(0, 1, count).array(), grads.span(0, 1, count).array(), stepSize, bc2);
        } else if (params.isDouble()) {
            update(params.doubles(), grads.doubles(), m.doubles(), v.doubles(), stepSize, bc2);
        } else {
            update(params.floats(), grads.floats(), m.floats(), v.floats(), (float) stepSize, (float) bc2);
        }
    }

    private void update(INDArray p, INDArray g, double stepSize, double bc2) {
        INDArray m1 = m.array();
        INDArray m2 = v.array();
        m1.muli(BETA1).addi(g.mul(1 - BETA1));
        m2.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
        p.subi(m1.div(Transforms.sqrt(m2, true).divi(bc2).addi(EPSILON)).muli(stepSize));
    }

    private void update(DoubleBuffer p, DoubleBuffer g, DoubleBuffer m1, DoubleBuffer m2, double stepSize, double bc2) {
        for (int i = 0; i < count; i++) {
            double gi = g.get(i);
            double a = BETA1 * m1.get(i) + (1 - BETA1) * gi;
            double b = BETA2 * m2.get(i) + (1 - BETA2) * gi * gi;
            m1.put(i, a);
            m2.put(i, b);
            p.put(i, p.get(i) - stepSize * a / (Math.sqrt(b) / bc2 + EPSILON));
        }
    }

    private void update(FloatBuffer p, FloatBuffer g, FloatBuffer m1, FloatBuffer m2, float stepSize, float bc2) {
        final float b1 = (float) BETA1;
        final float b2 = (float) BETA2;
        final float eps = (float) EPSILON;
        for (int i = 0; i < count; i++) {
            float gi = g.get(i);
            float a = b1 * m1.get(i) + (1 - b1) * gi;
            float b = b2 * m2.get(i) + (1 - b2) * gi * gi;
            m1.put(i, a);
            m2.put(i, b);
            p.put(i, p.get(i) - stepSize * a / ((float) Math.sqrt(b) / bc2 + eps));
        }
    }
}
