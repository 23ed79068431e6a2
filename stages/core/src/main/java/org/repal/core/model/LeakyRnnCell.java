package org.repal.core.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * h_t = d·h_{t−1} + (1 − d)·f(a_t), a_t = W_ih x_t + W_hh h_{t−1} + b.
 *
 * <p>Per step: one GEMM into the precomputed input projection, one activation op, one axpy. For relu and
 * leaky_relu the (1 − d) factor rides on the GEMMs' alpha, since (1 − d)·f(a) = f((1 − d)·a); the stored
 * pre-activations are then (1 − d)·a, which have the same signs. Backward: ∂h_t/∂a_t = (1 − d)·f'(a_t) for
 * all steps at once, then per step one multiply, one axpy (the leak) and one GEMM (the recurrence).
 */
final class LeakyRnnCell extends Cell {
    /** [T·B, H]: pre-activations after forward, ∂L/∂a after backward. */
    private final Mat pre;
    private final Mat[] preT;
    private final Mat scratch;

    LeakyRnnCell(RnnConfig config, DataType type, int batch, int steps) {
        super(config, type, batch, steps);
        this.pre = Mat.zeros(type, steps * batch, config.hidden());
        this.preT = blocks(pre, steps, batch);
        this.scratch = config.activation() == Activation.SOFTPLUS ? Mat.zeros(type, batch, config.hidden()) : null;
    }

    @Override
    void forward(Mat x, RnnParameters p) {
        Activation f = config.activation();
        boolean fold = f.isPositivelyHomogeneous();
        double alpha = fold ? 1 - decay : 1;
        Ops.gemm(x, false, p.weightIh(), true, pre, alpha, 0);
        Ops.gemm(ones, false, p.bias(), false, pre, alpha, 1);
        Mat whh = p.weightHh();
        for (int t = 1; t <= steps; t++) {
            Mat a = preT[t - 1];
            if (t > 1) {
                Ops.gemm(h[t - 1], false, whh, true, a, alpha, 1);
            }
            f.apply(a, h[t], scratch);
            if (!fold) {
                Ops.scal(1 - decay, h[t]);
            }
            if (t > 1) {
                Ops.axpy(decay, h[t - 1], h[t]);
            }
        }
    }

    @Override
    void backward(Mat x, RnnParameters p, RnnParameters grads, boolean inputOnly) {
        Activation f = config.activation();
        if (f == Activation.TANH) {
            // f(a_t) = (h_t − d·h_{t−1}) / (1 − d): no second tanh pass.
            Ops.copy(after, pre);
            Ops.axpy(-decay, before, pre);
            Ops.scal(1 / (1 - decay), pre);
            f.derivative(null, pre, pre);
        } else {
            f.derivative(pre, null, pre);
        }
        Ops.scal(1 - decay, pre);
        Mat whh = p.weightHh();
        for (int t = steps; t >= 1; t--) {
            Mat da = preT[t - 1];
            Ops.mul(g[t], da, da);
            if (t > 1) {
                Ops.axpy(decay, g[t], g[t - 1]);
                Ops.gemm(da, false, whh, false, g[t - 1], 1, 1);
            }
        }
        Ops.gemm(pre, true, x, false, grads.weightIh(), 1, 0);
        if (!inputOnly) {
            Ops.gemm(pre, true, before, false, grads.weightHh(), 1, 0);
            Ops.gemm(ones, true, pre, false, grads.bias(), 1, 0);
        }
    }
}
