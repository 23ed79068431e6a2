package org.repal.core.model;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A network's forward pass, cross-entropy and hand-written BPTT for batches of any shape. Buffers are
 * allocated per batch shape (B, T) on first use and reused, so a training loop allocates nothing per batch.
 * Readout: y_t = W_out h_t (no bias) for all steps as one GEMM over the stacked states (the h columns of the
 * cell's [h | x] rows); its gradient and the state gradients dL/dh_t = dy_t·W_out are single GEMMs too. Not thread-safe: one model per thread.
 */
public final class RnnModel implements RecurrentModel {
    private final RnnConfig config;
    private final RnnParameters params;
    private final Map<Long, Pass> passes = new HashMap<>();

    public RnnModel(RnnParameters params) {
        this.params = params;
        this.config = params.config();
    }

    public RnnConfig config() {
        return config;
    }

    /** The live weights (updated in place by the optimiser). */
    @Override
    public RnnParameters parameters() {
        return params;
    }

    @Override
    public DataType dataType() {
        return params.dataType();
    }

    private static final class Pass {
        final Cell cell;
        final Mat logits;
        final Mat logitGrads;

        Pass(RnnConfig config, DataType type, int batch, int steps) {
            this.cell = Cell.create(config, type, batch, steps);
            this.logits = Mat.zeros(type, steps * batch, config.outputs());
            this.logitGrads = Mat.zeros(type, steps * batch, config.outputs());
        }
    }

    private Pass pass(Batch batch) {
        if (batch.inputs() != config.inputs()) {
            throw new IllegalArgumentException("batch has " + batch.inputs() + " inputs per step, the network "
                    + config.inputs());
        }
        long key = ((long) batch.size() << 32) | batch.steps();
        return passes.computeIfAbsent(key, k -> new Pass(config, dataType(), batch.size(), batch.steps()));
    }

    /** Drops the cached buffers (e.g. before switching to a much larger evaluation batch). */
    public void releaseBuffers() {
        passes.clear();
    }

    /** Runs the network; returns the logits [T·B, n_out] (time-major rows, valid until the next call). */
    @Override
    public Mat forward(Batch batch) {
        Pass pass = pass(batch);
        int lanes = pass.cell.laneCount();
        return Lanes.singleBlas(lanes, () -> forward(batch, pass, lanes));
    }

    private Mat forward(Batch batch, Pass pass, int lanes) {
        Cell cell = pass.cell;
        cell.useLanes(lanes);
        cell.forward(batch.x(), params);
        Ops.gemm(cell.isDouble, false, true, cell.steps * cell.batch, config.outputs(), cell.hidden, 1, cell.after,
                cell.width, params.readout().pointer(), cell.hidden, 0, pass.logits.pointer(), config.outputs());
        return pass.logits;
    }

    /**
     * The hidden states h_1 … h_T of the last forward pass of this batch shape, [T·B, H] time-major (a copy, valid
     * until the next call).
     */
    @Override
    public Mat states(Batch batch) {
        return pass(batch).cell.states();
    }

    /**
     * Forward and backward: returns the mean cross-entropy and writes its gradient into {@code grads}
     * (every tensor overwritten; with {@code inputOnly} only W_ih's is formed and the rest left as they are).
     */
    public double lossAndGradient(Batch batch, LossMode mode, RnnParameters grads, boolean inputOnly) {
        if (grads.dataType() != dataType() || !grads.config().equals(config)) {
            throw new IllegalArgumentException("gradient buffer is " + grads.dataType() + " " + grads.config()
                    + ", the network " + dataType() + " " + config);
        }
        Pass pass = pass(batch);
        int lanes = pass.cell.laneCount();
        return Lanes.singleBlas(lanes, () -> lossAndGradient(batch, mode, grads, inputOnly, pass, lanes));
    }

    private double lossAndGradient(Batch batch, LossMode mode, RnnParameters grads, boolean inputOnly, Pass pass,
                                   int lanes) {
        Mat logits = forward(batch, pass, lanes);
        double loss = CrossEntropy.loss(logits, batch, mode, pass.logitGrads);
        Cell cell = pass.cell;
        int rows = cell.steps * cell.batch;
        int outputs = config.outputs();
        if (!inputOnly) {
            Ops.gemm(cell.isDouble, true, false, outputs, cell.hidden, rows, 1, pass.logitGrads.pointer(), outputs,
                    cell.after, cell.width, 0, grads.readout().pointer(), cell.hidden);
        }
        Ops.gemm(cell.isDouble, false, false, rows, cell.hidden, outputs, 1, pass.logitGrads.pointer(), outputs,
                params.readout().pointer(), cell.hidden, 0, cell.gradAt[1], cell.hidden);
        cell.backward(params, grads, inputOnly);
        return loss;
    }

    @Override
    public double lossAndGradient(Batch batch, LossMode mode, ModelParameters grads, boolean frozen) {
        if (!(grads instanceof RnnParameters g)) {
            throw new IllegalArgumentException("gradient buffer does not belong to this RNN");
        }
        return lossAndGradient(batch, mode, g, frozen);
    }

    /** The mean cross-entropy of a forward pass (no gradient). */
    @Override
    public double loss(Batch batch, LossMode mode) {
        return CrossEntropy.loss(forward(batch), batch, mode, null);
    }
}
