package org.repal.core.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link RnnModel}'s network (same cells, loss and gradients) with every operation an ND4J op on INDArrays:
 * GEMMs by {@code mmul}, element-wise work by ND4J transforms and broadcasts, no host pointer and no Java loop over
 * array memory. On the CUDA backend it therefore computes on the device ({@link ComputePath#ND4J}); on the CPU
 * backend it is the slower twin the parity tests hold against the fast path.
 *
 * <p>Forward: the input projection of all steps is one GEMM, X·W_ihᵀ + b; per step one GEMM adds h_{t−1}·W_hhᵀ and
 * the cell's element-wise update follows (leaky RNN: h_t = d·h_{t−1} + (1 − d)·f(a_t); leaky GRU on the used gates
 * z, n: h_t = h_{t−1} + (1 − d)·σ(a_z)⊙(f(a_n) − h_{t−1})). The pre-activations and states of every step are kept;
 * backward recomputes the activations from them. Only the logits (and, on request, the states) are copied to the
 * host, for the trainer's evaluation and for activity recording. Not thread-safe: one model per thread.
 */
public final class Nd4jRnnModel implements RecurrentModel {
    private final RnnConfig config;
    private final RnnParameters params;
    private final Map<Long, Pass> passes = new HashMap<>();

    public Nd4jRnnModel(RnnParameters params) {
        this.params = params;
        this.config = params.config();
    }

    @Override
    public RnnParameters parameters() {
        return params;
    }

    @Override
    public DataType dataType() {
        return params.dataType();
    }

    /** The per-shape buffers: states [(T+1)·B, H] (block 0 = h_0 = 0), pre-activations [T·B, gates], views per step. */
    private static final class Pass {
        final int batch;
        final int steps;
        final INDArray states;
        final INDArray[] stateAt;
        final INDArray after;
        final INDArray before;
        INDArray pre;
        final Mat logits;
        final Mat statesOut;

        Pass(RnnConfig config, DataType type, int batch, int steps) {
            this.batch = batch;
            this.steps = steps;
            int h = config.hidden();
            this.states = Nd4j.zeros(type, (long) (steps + 1) * batch, h);
            this.stateAt = new INDArray[steps + 1];
            for (int t = 0; t <= steps; t++) {
                stateAt[t] = states.get(interval((long) t * batch, (long) (t + 1) * batch), all());
            }
            this.after = states.get(interval(batch, (long) (steps + 1) * batch), all());
            this.before = states.get(interval(0, (long) steps * batch), all());
            this.logits = Mat.zeros(type, steps * batch, config.outputs());
            this.statesOut = Mat.zeros(type, steps * batch, h);
        }

        INDArray preAt(int t) {
            return pre.get(interval((long) (t - 1) * batch, (long) t * batch), all());
        }
    }

    /** The used gates' rows of W_ih, W_hh and b (the GRU's z and n; its reset gate is never computed). */
    private record Weights(INDArray inputT, INDArray recurrentT, INDArray recurrent, INDArray bias, INDArray readout) {
    }

    private Weights weights() {
        int g = config.gateRows();
        int first = gateRow();
        INDArray wih = params.weightIh().array().dup('c').get(interval(first, g), all());
        INDArray whh = params.weightHh().array().dup('c').get(interval(first, g), all()).dup('c');
        INDArray b = params.bias().array().dup('c').get(all(), interval(first, g));
        return new Weights(wih.transpose().dup('c'), whh.transpose().dup('c'), whh, b.dup('c'),
                params.readout().array().dup('c'));
    }

    private boolean isGru() {
        return config.type() == RnnType.LEAKY_GRU;
    }

    private int gateRow() {
        return isGru() ? config.hidden() : 0;
    }

    private Pass pass(Batch batch) {
        if (batch.inputs() != config.inputs()) {
            throw new IllegalArgumentException("batch has " + batch.inputs() + " inputs per step, the network "
                    + config.inputs());
        }
        long key = ((long) batch.size() << 32) | batch.steps();
        return passes.computeIfAbsent(key, k -> new Pass(config, dataType(), batch.size(), batch.steps()));
    }

    @Override
    public Mat forward(Batch batch) {
        Pass p = pass(batch);
        INDArray y = run(batch, p, weights());
        p.logits.array().assign(y);
        p.logits.syncToHost();
        return p.logits;
    }

    private INDArray run(Batch batch, Pass p, Weights w) {
        int h = config.hidden();
        double decay = config.decay();
        double leak = 1 - decay;
        p.pre = batch.x().array().mmul(w.inputT()).addiRowVector(w.bias());
        for (int t = 1; t <= p.steps; t++) {
            INDArray prev = p.stateAt[t - 1];
            INDArray a = p.preAt(t);
            a.addi(prev.mmul(w.recurrentT()));
            INDArray next;
            if (isGru()) {
                INDArray z = Transforms.sigmoid(a.get(all(), interval(0, h)), true);
                INDArray n = value(a.get(all(), interval(h, 2 * h)));
                next = n.subi(prev).muli(z).muli(leak).addi(prev);
            } else {
                next = value(a).muli(leak).addi(prev.mul(decay));
            }
            p.stateAt[t].assign(next);
        }
        return p.after.mmul(w.readout().transpose());
    }

    @Override
    public Mat states(Batch batch) {
        Pass p = pass(batch);
        p.statesOut.array().assign(p.after);
        p.statesOut.syncToHost();
        return p.statesOut;
    }

    @Override
    public double lossAndGradient(Batch batch, LossMode mode, ModelParameters grads, boolean inputOnly) {
        if (!(grads instanceof RnnParameters g) || g.dataType() != dataType() || !g.config().equals(config)) {
            throw new IllegalArgumentException("gradient buffer does not belong to this RNN (" + dataType() + " "
                    + config + ")");
        }
        Pass p = pass(batch);
        Weights w = weights();
        INDArray y = run(batch, p, w);
        p.logits.array().assign(y);
        INDArray[] dyOut = new INDArray[1];
        double loss = ArrayCrossEntropy.lossAndGradient(y, batch, mode, dyOut);
        INDArray dy = dyOut[0];
        backward(batch, p, w, dy, g, inputOnly);
        return loss;
    }

    /** BPTT from dL/dy; writes W_ih's gradient and, unless inputOnly, W_hh's, b's and W_out's. */
    private void backward(Batch batch, Pass p, Weights w, INDArray dy, RnnParameters g, boolean inputOnly) {
        int h = config.hidden();
        int gates = isGru() ? 2 * h : h;
        int rows = p.steps * p.batch;
        double decay = config.decay();
        double leak = 1 - decay;
        // dL/dh_t from the readout, then each step adds what flows back from step t + 1.
        INDArray stateGrad = dy.mmul(w.readout());
        INDArray dA = Nd4j.zeros(dataType(), rows, gates);
        for (int t = p.steps; t >= 1; t--) {
            INDArray gt = stateGrad.get(interval((long) (t - 1) * p.batch, (long) t * p.batch), all());
            INDArray a = p.preAt(t);
            INDArray prev = p.stateAt[t - 1];
            INDArray da = dA.get(interval((long) (t - 1) * p.batch, (long) t * p.batch), all());
            INDArray carry;
            if (isGru()) {
                INDArray z = Transforms.sigmoid(a.get(all(), interval(0, h)), true);
                INDArray an = a.get(all(), interval(h, 2 * h));
                INDArray n = value(an);
                // ∂L/∂a_z = G⊙(1 − d)(ñ − h_{t−1})⊙z̃(1 − z̃); ∂L/∂a_n = G⊙(1 − d)z̃⊙f'(a_n).
                INDArray dz = gt.mul(leak).muli(n.sub(prev)).muli(z).muli(z.rsub(1));
                INDArray dn = gt.mul(leak).muli(z).muli(derivative(an, n));
                da.assign(Nd4j.hstack(dz, dn));
                carry = gt.mul(z.mul(-leak).addi(1));
            } else {
                da.assign(gt.mul(leak).muli(derivative(a, null)));
                carry = gt.mul(decay);
            }
            if (t > 1) {
                INDArray gp = stateGrad.get(interval((long) (t - 2) * p.batch, (long) (t - 1) * p.batch), all());
                gp.addi(carry.addi(da.mmul(w.recurrent())));
            }
        }
        INDArray dAT = dA.transpose();
        g.weightIh().array().assign(full(dAT.mmul(batch.x().array()), config.inputs()));
        if (inputOnly) {
            return;
        }
        g.weightHh().array().assign(full(dAT.mmul(p.before), h));
        g.bias().array().assign(full(dA.sum(0).reshape('c', gates, 1), 1).reshape('c', 1, config.gateRows()));
        g.readout().array().assign(dy.transpose().mmul(p.after));
    }

    /** A used-gates gradient [gates, cols] as the whole tensor's [G, cols]: the GRU's reset rows are zero. */
    private INDArray full(INDArray used, int cols) {
        if (!isGru()) {
            return used;
        }
        return Nd4j.concat(0, Nd4j.zeros(dataType(), config.hidden(), cols), used);
    }

    /** f(a). */
    private INDArray value(INDArray a) {
        switch (config.activation()) {
            case RELU:
                return Transforms.relu(a, true);
            case LEAKY_RELU:
                return Transforms.leakyRelu(a, Activation.LEAKY_SLOPE, true);
            case SOFTPLUS: {
                // max(a, 0) + log(1 + e^{−|a|}), and a itself above the threshold (PyTorch's identity).
                INDArray e = Transforms.exp(Transforms.abs(a, true).negi(), false);
                INDArray sp = Transforms.relu(a, true).addi(Nd4j.exec(new Log1p(e, e)));
                INDArray above = a.gt(Activation.SOFTPLUS_THRESHOLD).castTo(a.dataType());
                return sp.addi(a.sub(sp).muli(above));
            }
            default:
                return Transforms.tanh(a, true);
        }
    }

    /** f'(a); for tanh {@code value} must hold f(a). relu'(0) = 0, leaky_relu'(0) = the slope, softplus' = σ. */
    private INDArray derivative(INDArray a, INDArray value) {
        switch (config.activation()) {
            case RELU:
                return a.gt(0).castTo(a.dataType());
            case LEAKY_RELU:
                return a.gt(0).castTo(a.dataType()).muli(1 - Activation.LEAKY_SLOPE).addi(Activation.LEAKY_SLOPE);
            case SOFTPLUS:
                return Transforms.sigmoid(a, true);
            default: {
                INDArray t = value != null ? value : Transforms.tanh(a, true);
                return t.mul(t).rsubi(1);
            }
        }
    }
}
