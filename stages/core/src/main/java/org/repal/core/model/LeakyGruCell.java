package org.repal.core.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The reference's leaky GRU (see {@link RnnType#LEAKY_GRU}): with z̃ = σ(a_z), ñ = f(a_n),
 * h_t = h_{t−1} + (1 − d)·z̃⊙(ñ − h_{t−1}). The reset gate's rows exist in the weights but are never
 * computed (they cannot change the output), and get a zero loss gradient.
 *
 * <p>The pre-activations of z and n sit side by side in [T·B, 2H] rows (z | n), filled per step by one GEMM.
 * The forward loop keeps, per step, Q = (1 − d)·(ñ − h_{t−1})⊙z̃(1 − z̃) in place of a_z, P = (1 − d)·z̃⊙f'(a_n)
 * in place of a_n and R = 1 − (1 − d)·z̃ beside them; backward: ∂L/∂a_z = G⊙Q, ∂L/∂a_n = G⊙P, and h_{t−1}
 * receives G⊙R in the same loop, then ∂L/∂a_{z,n}·W_hh[z, n] by one GEMM.
 */
final class LeakyGruCell extends Cell {
    /** R per step, [T·B, H]. */
    private final Mat keep;
    private final Vec keepV;
    /** The z and n biases apart, for loops over arrays that start at 0 (float32 path). */
    private final double[] biasZ;
    private final double[] biasN;

    LeakyGruCell(RnnConfig config, DataType type, int batch, int steps) {
        super(config, type, batch, steps, 2 * config.hidden(), config.hidden());
        this.keep = Mat.zeros(type, steps * batch, hidden);
        this.keepV = Vec.of(keep);
        this.biasZ = new double[hidden];
        this.biasN = new double[hidden];
    }

    /** A lane's scratch rows. */
    private static final class GruLane extends Lane {
        final double[] value;
        final double[] deriv;
        final double[] work;
        /**
         * Float32 path, one row at a time, every array starting at the row's first unit (C2 vectorises no loop
         * with unknown start offsets): the z and n pre-activations, then Q and P; z̃.
         */
        final double[] zRow;
        final double[] nRow;
        final double[] gate;
        /** h_{t−1}, h_t and R of one row (float32 path). */
        final double[] prevRow;
        final double[] nextRow;
        final double[] keepRow;
        /**
         * Float32 steps: the lane's rows of ∂L/∂h_t, of (a_z | a_n) then (Q | P), of R, of ∂L/∂h_{t−1} and of
         * [h_{t−1} | x_t | 0] copied out whole, and one row of h_t.
         */
        final float[] gradBlock;
        final float[] stateBlock;
        final float[] nextFloats;
        /** {@link VectorGruRow}'s work row (3h). */
        final float[] rowWork;
        final float[] preBlock;
        final float[] keepBlock;
        final float[] prevGradBlock;

        GruLane(Cell cell, int index, int lanes, int first, int count) {
            super(cell, index, lanes, first, count);
            int h = cell.hidden;
            this.value = new double[h];
            this.deriv = new double[h];
            this.work = new double[h];
            this.gate = new double[h];
            this.zRow = new double[h];
            this.nRow = new double[h];
            this.prevRow = new double[h];
            this.nextRow = new double[h];
            this.keepRow = new double[h];
            int rows = cell.isDouble ? 0 : count;
            int copied = cell.heapProducts ? 0 : rows; // with heap products the steps use the product's rows
            this.gradBlock = new float[rows * h];
            this.preBlock = new float[copied * 2 * h];
            this.keepBlock = new float[rows * h];
            this.prevGradBlock = new float[copied * h];
            this.stateBlock = new float[copied * cell.width];
            this.nextFloats = new float[rows > 0 ? h : 0];
            this.rowWork = new float[rows > 0 ? 3 * h : 0];
        }
    }

    @Override
    void weightsLoaded() {
        System.arraycopy(bias, 0, biasZ, 0, hidden);
        System.arraycopy(bias, hidden, biasN, 0, hidden);
    }

    @Override
    Lane newLane(int index, int lanes, int first, int count) {
        return new GruLane(this, index, lanes, first, count);
    }

    @Override
    boolean floatBlockSteps() {
        return VECTOR_ROWS && activation != Activation.TANH;
    }

    @Override
    void forwardStep(Lane lane, int t) {
        GruLane scratch = (GruLane) lane;
        if (!precise) {
            if (floatBlockSteps()) {
                forwardBlock(scratch, t);
            } else {
                forwardRows(scratch, t);
            }
            return;
        }
        Vec a = preV;
        Vec s = xhV;
        Vec r = keepV;
        double[] v = scratch.value;
        double[] dv = scratch.deriv;
        int h = hidden;
        for (int b = lane.first; b < lane.end; b++) {
            int row = (t - 1) * batch + b;
            int pr = row * 2 * h;
            int kr = row * h;
            int prev = row * width;
            int next = prev + batch * width;
            if (!piecewise) {
                Pointwise.activate(activation, precise, a, pr + h, bias, h, h, v, dv, 0);
            }
            for (int j = 0; j < h; j++) {
                double z = Pointwise.sigmoid(a.get(pr + j) + bias[j], precise);
                double n;
                double dn;
                if (piecewise) {
                    double x = a.get(pr + h + j) + bias[h + j];
                    dn = slope + (1 - slope) * Pointwise.positive(x);
                    n = x * dn;
                } else {
                    n = v[j];
                    dn = dv[j];
                }
                double hp = s.get(prev + j);
                double diff = n - hp;
                double lz = leak * z;
                s.set(next + j, hp + lz * diff);
                a.set(pr + j, lz * diff * (1 - z));
                a.set(pr + h + j, lz * dn);
                r.set(kr + j, 1 - lz);
            }
        }
    }

    /** {@link #forwardStep} of a float32 network in float arithmetic ({@link VectorGruRow}) on the lane's block. */
    private void forwardBlock(GruLane lane, int t) {
        int h = hidden;
        int w = width;
        int row0 = (t - 1) * batch + lane.first;
        int next = (row0 + batch) * w;
        // With heap products the step's product and its operand rows are already on the heap.
        float[] a = heapProducts ? lane.productOut : lane.preBlock;
        float[] s = heapProducts ? lane.productIn : lane.stateBlock;
        float[] r = lane.keepBlock;
        float[] out = lane.nextFloats;
        float l = (float) leak;
        if (!heapProducts) {
            preV.getFloats(row0 * 2 * h, a, lane.count * 2 * h);
            xhV.getFloats(row0 * w, s, lane.count * w);
        }
        for (int row = 0; row < lane.count; row++) {
            VectorGruRow.forward(activation, a, row * 2 * h, row * 2 * h + h, biasFloats, h, s, row * w, l, out, r,
                    row * h, lane.rowWork);
            xhV.setFloats(next + row * w, out, h);
        }
        preV.setFloats(row0 * 2 * h, a, lane.count * 2 * h);
        keepV.setFloats(row0 * h, r, lane.count * h);
    }

    /** {@link #forwardStep} of a float32 network: whole rows copied out, {@link FloatRows}' loops, copied back. */
    private void forwardRows(GruLane lane, int t) {
        int h = hidden;
        double l = leak;
        double[] zRow = lane.zRow;
        double[] nRow = lane.nRow;
        double[] gate = lane.gate;
        double[] value = lane.value;
        double[] deriv = lane.deriv;
        double[] prevRow = lane.prevRow;
        double[] nextRow = lane.nextRow;
        double[] keepRow = lane.keepRow;
        for (int b = lane.first; b < lane.end; b++) {
            int row = (t - 1) * batch + b;
            int pr = row * 2 * h;
            int prev = row * width;
            preV.get(pr, zRow, h, lane.floatRow);
            preV.get(pr + h, nRow, h, lane.floatRow);
            xhV.get(prev, prevRow, h, lane.floatRow);
            FloatRows.sigmoid(zRow, biasZ, gate, h);
            FloatRows.activate(activation, nRow, biasN, value, deriv, lane.work, h);
            for (int j = 0; j < h; j++) {
                double z = gate[j];
                double hp = prevRow[j];
                double diff = value[j] - hp;
                double lz = l * z;
                nextRow[j] = hp + lz * diff;
                zRow[j] = lz * diff * (1 - z);
                nRow[j] = lz * deriv[j];
                keepRow[j] = 1 - lz;
            }
            xhV.set(prev + batch * width, nextRow, h, lane.floatRow);
            preV.set(pr, zRow, h, lane.floatRow);
            preV.set(pr + h, nRow, h, lane.floatRow);
            keepV.set(row * h, keepRow, h, lane.floatRow);
        }
    }

    @Override
    void backwardStep(Lane lane, int t) {
        if (!isDouble) {
            backwardBlock((GruLane) lane, t);
            return;
        }
        Vec a = preV;
        Vec g = gradV;
        Vec r = keepV;
        double[] bg = lane.biasGrad;
        int h = hidden;
        for (int b = lane.first; b < lane.end; b++) {
            int row = (t - 1) * batch + b;
            int pr = row * 2 * h;
            int kr = row * h;
            int gr = (t * batch + b) * h;
            int gp = gr - batch * h;
            if (t > 1) {
                for (int j = 0; j < h; j++) {
                    double gt = g.get(gr + j);
                    double dz = gt * a.get(pr + j);
                    double dn = gt * a.get(pr + h + j);
                    a.set(pr + j, dz);
                    a.set(pr + h + j, dn);
                    bg[j] += dz;
                    bg[h + j] += dn;
                    g.set(gp + j, g.get(gp + j) + gt * r.get(kr + j));
                }
            } else {
                for (int j = 0; j < h; j++) {
                    double gt = g.get(gr + j);
                    double dz = gt * a.get(pr + j);
                    double dn = gt * a.get(pr + h + j);
                    a.set(pr + j, dz);
                    a.set(pr + h + j, dn);
                    bg[j] += dz;
                    bg[h + j] += dn;
                }
            }
        }
    }

    /**
     * {@link #backwardStep} of a float32 network in float arithmetic on the lane's block of rows (contiguous in every
     * buffer) copied out: loops converting between float and double per element ran several times slower than the
     * arithmetic. The bias gradient still sums exact products in double.
     */
    private void backwardBlock(GruLane lane, int t) {
        int h = hidden;
        int len = lane.count * h;
        int pr = ((t - 1) * batch + lane.first) * 2 * h;
        int gr = (t * batch + lane.first) * h;
        float[] g = lane.gradBlock;
        // With heap products ∂L/∂a and dL/dh_{t−1} are left in the recurrent product's operand and result rows.
        float[] a = heapProducts ? lane.productIn : lane.preBlock;
        gradV.getFloats(gr, g, len);
        preV.getFloats(pr, a, 2 * len);
        double[] bg = lane.biasGrad;
        for (int row = 0; row < lane.count; row++) {
            int k = row * h;
            int z = 2 * k;
            for (int j = 0; j < h; j++) {
                bg[j] += (double) g[k + j] * a[z + j];
                bg[h + j] += (double) g[k + j] * a[z + h + j];
            }
        }
        for (int row = 0; row < lane.count; row++) {
            int k = row * h;
            int z = 2 * k;
            for (int j = 0; j < h; j++) {
                float gt = g[k + j];
                a[z + j] = gt * a[z + j];
                a[z + h + j] = gt * a[z + h + j];
            }
        }
        preV.setFloats(pr, a, 2 * len);
        if (t > 1) {
            int gp = gr - batch * h;
            float[] r = lane.keepBlock;
            float[] prev = heapProducts ? lane.productOut : lane.prevGradBlock;
            keepV.getFloats(((t - 1) * batch + lane.first) * h, r, len);
            gradV.getFloats(gp, prev, len);
            for (int k = 0; k < len; k++) {
                prev[k] = Math.fma(g[k], r[k], prev[k]);
            }
            if (!heapProducts) {
                gradV.setFloats(gp, prev, len);
            }
        }
    }
}
