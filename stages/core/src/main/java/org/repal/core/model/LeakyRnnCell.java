package org.repal.core.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * h_t = d·h_{t−1} + (1 − d)·f(a_t), a_t = W_ih x_t + W_hh h_{t−1} + b.
 *
 * <p>Forward, per step after the GEMM: one loop adds b, applies f, mixes in the leak and keeps
 * D_t = (1 − d)·f'(a_t) in place of a_t. Backward, per step: ∂L/∂a_t = G_t⊙D_t, dL/dh_{t−1} += d·G_t in one
 * loop, then the recurrent GEMM adds ∂L/∂a_t·W_hh.
 */
final class LeakyRnnCell extends Cell {
    LeakyRnnCell(RnnConfig config, DataType type, int batch, int steps) {
        super(config, type, batch, steps, config.hidden(), 0);
    }

    /** A lane's scratch rows. */
    private static final class RnnLane extends Lane {
        final double[] value;
        final double[] deriv;
        final double[] work;
        /**
         * Float32 softplus and tanh: one row of a step's pre-activations (then derivatives), h_{t−1} and h_t, for
         * {@link FloatRows}' loops (relu and leaky_relu stay in the fused scalar loop, as fast as copying rows out).
         */
        final double[] preRow;
        final double[] prevRow;
        final double[] nextRow;
        /**
         * Float32 relu / leaky_relu forward and every float32 backward: the lane's rows of a step copied out whole
         * (pre-activations or D_t, [h_{t−1} | x_t | 0], h_t, ∂L/∂h_t, ∂L/∂h_{t−1}).
         */
        final float[] preBlock;
        final float[] stateBlock;
        final float[] nextFloats;
        final float[] gradBlock;
        final float[] prevGradBlock;
        /** {@link VectorRnnRow#forwardSoftplus}'s work row (3h). */
        final float[] rowWork;

        RnnLane(Cell cell, int index, int lanes, int first, int count) {
            super(cell, index, lanes, first, count);
            int h = cell.hidden;
            this.value = new double[h];
            this.deriv = new double[h];
            this.work = new double[h];
            this.preRow = new double[h];
            this.prevRow = new double[h];
            this.nextRow = new double[h];
            int rows = cell.isDouble ? 0 : count;
            int copied = cell.heapProducts ? 0 : rows; // with heap products the steps use the product's rows
            this.preBlock = new float[copied * h];
            this.stateBlock = new float[copied * cell.width];
            this.nextFloats = new float[rows > 0 ? h : 0];
            this.gradBlock = new float[rows * h];
            this.prevGradBlock = new float[copied * h];
            this.rowWork = new float[rows > 0 ? 3 * h : 0];
        }
    }

    @Override
    Lane newLane(int index, int lanes, int first, int count) {
        return new RnnLane(this, index, lanes, first, count);
    }

    @Override
    boolean floatBlockSteps() {
        return piecewise || (VECTOR_ROWS && activation == Activation.SOFTPLUS);
    }

    @Override
    void forwardStep(Lane lane, int t) {
        RnnLane scratch = (RnnLane) lane;
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
        double[] v = scratch.value;
        double[] dv = scratch.deriv;
        int h = hidden;
        for (int b = lane.first; b < lane.end; b++) {
            int pr = ((t - 1) * batch + b) * h;
            int prev = ((t - 1) * batch + b) * width;
            int next = prev + batch * width;
            if (piecewise) {
                // relu / leaky_relu fused: f'(x) = slope + (1 − slope)·[x > 0], f(x) = x·f'(x).
                for (int j = 0; j < h; j++) {
                    double x = a.get(pr + j) + bias[j];
                    double d = slope + (1 - slope) * Pointwise.positive(x);
                    s.set(next + j, decay * s.get(prev + j) + leak * (x * d));
                    a.set(pr + j, leak * d);
                }
                continue;
            }
            Pointwise.activate(activation, precise, a, pr, bias, 0, h, v, dv, 0);
            for (int j = 0; j < h; j++) {
                s.set(next + j, decay * s.get(prev + j) + leak * v[j]);
                a.set(pr + j, leak * dv[j]);
            }
        }
    }

    /**
     * {@link #forwardStep} of a float32 relu or leaky_relu network, or softplus with the vector API, in float
     * arithmetic on the lane's block copied out ({@link VectorRnnRow} when the JVM has the vector API): loops that
     * convert between float and double per element ran several times slower than the arithmetic.
     */
    private void forwardBlock(RnnLane lane, int t) {
        int h = hidden;
        int w = width;
        int pr = ((t - 1) * batch + lane.first) * h;
        int prev = ((t - 1) * batch + lane.first) * w;
        int next = prev + batch * w;
        // With heap products the step's product and its operand rows are already on the heap.
        float[] a = heapProducts ? lane.productOut : lane.preBlock;
        float[] s = heapProducts ? lane.productIn : lane.stateBlock;
        float[] out = lane.nextFloats;
        float[] b = biasFloats;
        float dec = (float) decay;
        float lk = (float) leak;
        float sl = (float) slope;
        if (!heapProducts) {
            preV.getFloats(pr, a, lane.count * h);
            xhV.getFloats(prev, s, lane.count * w);
        }
        for (int row = 0; row < lane.count; row++) {
            int k = row * h;
            int sk = row * w;
            if (activation == Activation.SOFTPLUS) {
                VectorRnnRow.forwardSoftplus(a, k, b, h, s, sk, dec, lk, out, lane.rowWork);
            } else if (VECTOR_ROWS) {
                VectorRnnRow.forward(a, k, b, h, s, sk, dec, lk, sl, out);
            } else {
                for (int j = 0; j < h; j++) {
                    float x = a[k + j] + b[j];
                    float on = positive(x);
                    float d = on + sl * (1 - on); // exactly 1 or the slope, as VectorRnnRow's select
                    out[j] = s[sk + j] * dec + x * d * lk;
                    a[k + j] = d * lk;
                }
            }
            xhV.setFloats(next + row * w, out, h);
        }
        preV.setFloats(pr, a, lane.count * h);
    }

    /** 1 for x > 0, else 0 (also for −0), branch-free as {@link Pointwise#positive}. */
    private static float positive(float x) {
        int bits = Float.floatToRawIntBits(x);
        return 1 - (((bits - 1) | bits) >>> 31);
    }

    /**
     * {@link #forwardStep} of a float32 tanh network, or softplus without the vector API: rows copied out,
     * {@link FloatRows}' loops, back.
     */
    private void forwardRows(RnnLane lane, int t) {
        int h = hidden;
        double d = decay;
        double l = leak;
        double[] preRow = lane.preRow;
        double[] prevRow = lane.prevRow;
        double[] nextRow = lane.nextRow;
        double[] value = lane.value;
        double[] deriv = lane.deriv;
        for (int b = lane.first; b < lane.end; b++) {
            int pr = ((t - 1) * batch + b) * h;
            int prev = ((t - 1) * batch + b) * width;
            preV.get(pr, preRow, h, lane.floatRow);
            xhV.get(prev, prevRow, h, lane.floatRow);
            FloatRows.activate(activation, preRow, bias, value, deriv, lane.work, h);
            for (int j = 0; j < h; j++) {
                nextRow[j] = (d * prevRow[j] + l * value[j]);
                preRow[j] = (l * deriv[j]);
            }
            xhV.set(prev + batch * width, nextRow, h, lane.floatRow);
            preV.set(pr, preRow, h, lane.floatRow);
        }
    }

    @Override
    void backwardStep(Lane lane, int t) {
        if (!isDouble) {
            backwardBlock((RnnLane) lane, t);
            return;
        }
        Vec a = preV;
        Vec g = gradV;
        double[] bg = lane.biasGrad;
        int h = hidden;
        for (int b = lane.first; b < lane.end; b++) {
            int pr = ((t - 1) * batch + b) * h;
            int gr = (t * batch + b) * h;
            int gp = gr - batch * h;
            if (t > 1) {
                for (int j = 0; j < h; j++) {
                    double gt = g.get(gr + j);
                    double da = gt * a.get(pr + j);
                    a.set(pr + j, da);
                    bg[j] += da;
                    g.set(gp + j, g.get(gp + j) + decay * gt);
                }
            } else {
                for (int j = 0; j < h; j++) {
                    double da = g.get(gr + j) * a.get(pr + j);
                    a.set(pr + j, da);
                    bg[j] += da;
                }
            }
        }
    }

    /**
     * {@link #backwardStep} of a float32 network in float arithmetic on the lane's block of rows (contiguous in every
     * buffer) copied out; the bias gradient still sums exact products in double.
     */
    private void backwardBlock(RnnLane lane, int t) {
        int h = hidden;
        int len = lane.count * h;
        int pr = ((t - 1) * batch + lane.first) * h;
        int gr = (t * batch + lane.first) * h;
        float[] g = lane.gradBlock;
        // With heap products ∂L/∂a and dL/dh_{t−1} are left in the recurrent product's operand and result rows.
        float[] d = heapProducts ? lane.productIn : lane.preBlock;
        gradV.getFloats(gr, g, len);
        preV.getFloats(pr, d, len);
        double[] bg = lane.biasGrad;
        for (int row = 0, k = 0; row < lane.count; row++) {
            for (int j = 0; j < h; j++, k++) {
                bg[j] += (double) g[k] * d[k];
            }
        }
        for (int k = 0; k < len; k++) {
            d[k] = g[k] * d[k];
        }
        preV.setFloats(pr, d, len);
        if (t > 1) {
            int gp = gr - batch * h;
            float[] prev = heapProducts ? lane.productOut : lane.prevGradBlock;
            gradV.getFloats(gp, prev, len);
            float dec = (float) decay;
            for (int k = 0; k < len; k++) {
                prev[k] = prev[k] + dec * g[k];
            }
            if (!heapProducts) {
                gradV.setFloats(gp, prev, len);
            }
        }
    }
}
