package org.repal.core.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The recurrence of one network for a fixed batch shape (B sequences × T steps), with every buffer
 * allocated once: the states h_0 … h_T stacked as [(T+1)·B, H] (h_0 = 0), the state gradients likewise, and
 * per-step row-block views of both. Input projections for all steps are one GEMM before the time loop and
 * all weight gradients are GEMMs over the stacked arrays after it, so the loops hold only the recurrent
 * GEMM and a few element-wise ops per step.
 */
abstract class Cell {
    final RnnConfig config;
    final int batch;
    final int steps;
    final double decay;
    /** [(T+1)·B, H]. */
    final Mat states;
    /** h[t] = rows of step t, t = 0 … T. */
    final Mat[] h;
    /** dLoss/dh_t, same layout; the caller fills blocks 1 … T with the readout's part before backward. */
    final Mat stateGrads;
    final Mat[] g;
    /** h_1 … h_T and h_0 … h_{T−1} as [T·B, H] views. */
    final Mat after;
    final Mat before;
    /** [T·B, 1] of ones: adds the bias to every row, and sums rows for its gradient. */
    final Mat ones;

    Cell(RnnConfig config, DataType type, int batch, int steps) {
        this.config = config;
        this.batch = batch;
        this.steps = steps;
        this.decay = config.decay();
        int hidden = config.hidden();
        this.states = Mat.zeros(type, (steps + 1) * batch, hidden);
        this.stateGrads = Mat.zeros(type, (steps + 1) * batch, hidden);
        this.h = blocks(states, steps + 1, batch);
        this.g = blocks(stateGrads, steps + 1, batch);
        this.after = states.rowBlock(batch, steps * batch);
        this.before = states.rowBlock(0, steps * batch);
        this.ones = Mat.zeros(type, steps * batch, 1);
        ones.array().assign(1);
    }

    static Mat[] blocks(Mat m, int count, int rows) {
        Mat[] out = new Mat[count];
        for (int i = 0; i < count; i++) {
            out[i] = m.rowBlock(i * rows, rows);
        }
        return out;
    }

    /** Runs the recurrence over x ([T·B, n_in], time-major), filling {@link #states}. */
    abstract void forward(Mat x, RnnParameters p);

    /**
     * Back-propagates through time from the readout's state gradients in {@link #stateGrads} (blocks 1 … T,
     * overwritten) and writes the gradients of W_ih, W_hh and b into {@code grads} (W_out is the caller's).
     * Must follow {@link #forward} with the same x and p. With {@code inputOnly} only W_ih's gradient is formed.
     */
    abstract void backward(Mat x, RnnParameters p, RnnParameters grads, boolean inputOnly);

    static Cell create(RnnConfig config, DataType type, int batch, int steps) {
        return config.type() == RnnType.LEAKY_GRU ? new LeakyGruCell(config, type, batch, steps)
                : new LeakyRnnCell(config, type, batch, steps);
    }
}
