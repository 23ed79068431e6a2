package org.repal.core.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The reference's leaky GRU (see {@link RnnType#LEAKY_GRU}): with z̃ = σ(a_z), ñ = f(a_n),
 * h_t = h_{t−1} + (1 − d)·z̃⊙(ñ − h_{t−1}). The reset gate's rows exist in the weights but are never
 * computed (they cannot change the output), and get a zero loss gradient.
 *
 * <p>The z and n pre-activations live in separate [T·B, H] arrays, each filled per step by its own GEMM, so
 * all element-wise ops run on contiguous blocks (ops on the strided halves of one [B, 2H] block measured
 * 1.5–3× slower). Backward uses, for all steps at once, P = (1 − d)·z̃⊙f'(a_n), Q = (1 − d)·(ñ − h_{t−1})⊙z̃(1 − z̃)
 * and R = 1 − (1 − d)·z̃: ∂L/∂a_n = G⊙P, ∂L/∂a_z = G⊙Q, and h_{t−1} receives G⊙R plus the recurrent GEMMs.
 */
final class LeakyGruCell extends Cell {
    /** Pre-activations, then ∂L/∂a (after backward). */
    private final Mat az;
    private final Mat an;
    /** σ(a_z) and f(a_n), then R and Q during backward. */
    private final Mat z;
    private final Mat n;
    private final Mat[] azT;
    private final Mat[] anT;
    private final Mat[] zT;
    private final Mat[] nT;
    private final Mat scratch;

    LeakyGruCell(RnnConfig config, DataType type, int batch, int steps) {
        super(config, type, batch, steps);
        int rows = steps * batch;
        int hidden = config.hidden();
        this.az = Mat.zeros(type, rows, hidden);
        this.an = Mat.zeros(type, rows, hidden);
        this.z = Mat.zeros(type, rows, hidden);
        this.n = Mat.zeros(type, rows, hidden);
        this.azT = blocks(az, steps, batch);
        this.anT = blocks(an, steps, batch);
        this.zT = blocks(z, steps, batch);
        this.nT = blocks(n, steps, batch);
        this.scratch = Mat.zeros(type, batch, hidden);
    }

    /** Row block {@code k} (0 = r, 1 = z, 2 = n) of a [3H, ·] weight matrix. */
    private Mat gate(Mat w, int k) {
        return w.rowBlock(k * config.hidden(), config.hidden());
    }

    private Mat biasGate(Mat b, int k) {
        return b.span((long) k * config.hidden(), 1, config.hidden());
    }

    @Override
    void forward(Mat x, RnnParameters p) {
        Mat whhZ = gate(p.weightHh(), 1);
        Mat whhN = gate(p.weightHh(), 2);
        Ops.gemm(x, false, gate(p.weightIh(), 1), true, az, 1, 0);
        Ops.gemm(ones, false, biasGate(p.bias(), 1), false, az, 1, 1);
        Ops.gemm(x, false, gate(p.weightIh(), 2), true, an, 1, 0);
        Ops.gemm(ones, false, biasGate(p.bias(), 2), false, an, 1, 1);
        Activation f = config.activation();
        for (int t = 1; t <= steps; t++) {
            Mat hp = h[t - 1];
            Mat ht = h[t];
            if (t > 1) {
                Ops.gemm(hp, false, whhZ, true, azT[t - 1], 1, 1);
                Ops.gemm(hp, false, whhN, true, anT[t - 1], 1, 1);
            }
            Ops.sigmoid(azT[t - 1], zT[t - 1]);
            f.apply(anT[t - 1], nT[t - 1], scratch);
            Ops.sub(nT[t - 1], hp, ht);
            Ops.mul(ht, zT[t - 1], ht);
            Ops.scal(1 - decay, ht);
            if (t > 1) {
                Ops.axpy(1, hp, ht);
            }
        }
    }

    @Override
    void backward(Mat x, RnnParameters p, RnnParameters grads, boolean inputOnly) {
        Activation f = config.activation();
        double leak = 1 - decay;
        // P into an.
        f.derivative(an, n, an);
        Ops.mul(an, z, an);
        Ops.scal(leak, an);
        // Q into n (az is free: it becomes z̃(1 − z̃)).
        Ops.axpy(-1, before, n);
        Ops.timesOneMinus(z, az);
        Ops.mul(n, az, n);
        Ops.scal(leak, n);
        // R into z.
        Ops.scal(-leak, z);
        Ops.addScalar(z, 1);
        Mat whhZ = gate(p.weightHh(), 1);
        Mat whhN = gate(p.weightHh(), 2);
        for (int t = steps; t >= 1; t--) {
            Ops.mul(g[t], nT[t - 1], azT[t - 1]);
            Ops.mul(g[t], anT[t - 1], anT[t - 1]);
            if (t > 1) {
                Ops.mul(g[t], zT[t - 1], zT[t - 1]);
                Ops.axpy(1, zT[t - 1], g[t - 1]);
                Ops.gemm(azT[t - 1], false, whhZ, false, g[t - 1], 1, 1);
                Ops.gemm(anT[t - 1], false, whhN, false, g[t - 1], 1, 1);
            }
        }
        Ops.zero(gate(grads.weightIh(), 0));
        Ops.gemm(az, true, x, false, gate(grads.weightIh(), 1), 1, 0);
        Ops.gemm(an, true, x, false, gate(grads.weightIh(), 2), 1, 0);
        if (!inputOnly) {
            Ops.zero(gate(grads.weightHh(), 0));
            Ops.gemm(az, true, before, false, gate(grads.weightHh(), 1), 1, 0);
            Ops.gemm(an, true, before, false, gate(grads.weightHh(), 2), 1, 0);
            Ops.zero(biasGate(grads.bias(), 0));
            Ops.gemm(ones, true, az, false, biasGate(grads.bias(), 1), 1, 0);
            Ops.gemm(ones, true, an, false, biasGate(grads.bias(), 2), 1, 0);
        }
    }
}
