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
    private final double[] value;
    private final double[] deriv;
    private final double[] work;
    /**
     * Float32 softplus and tanh: one row of a step's pre-activations (then derivatives), h_{t−1} and h_t, for
     * {@link FloatRows}' loops (relu and leaky_relu stay in the fused scalar loop, as fast as copying rows out).
     */
    private final double[] preRow;
    private final double[] prevRow;
    private final double[] nextRow;

    LeakyRnnCell(RnnConfig config, DataType type, int batch, int steps) {
        super(config, type, batch, steps, config.hidden(), 0);
        this.value = new double[hidden];
        this.deriv = new double[hidden];
        this.work = new double[hidden];
        this.preRow = new double[hidden];
        this.prevRow = new double[hidden];
        this.nextRow = new double[hidden];
    }

    @Override
    void forwardStep(int t) {
        if (!precise && !piecewise) {
            forwardRows(t);
            return;
        }
        Vec a = preV;
        Vec s = xhV;
        double[] v = value;
        double[] dv = deriv;
        int h = hidden;
        for (int b = 0; b < batch; b++) {
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

    /** {@link #forwardStep} of a float32 softplus or tanh network: rows copied out, {@link FloatRows}' loops, back. */
    private void forwardRows(int t) {
        int h = hidden;
        double d = decay;
        double l = leak;
        for (int b = 0; b < batch; b++) {
            int pr = ((t - 1) * batch + b) * h;
            int prev = ((t - 1) * batch + b) * width;
            preV.get(pr, preRow, h);
            xhV.get(prev, prevRow, h);
            FloatRows.activate(activation, preRow, bias, value, deriv, work, h);
            for (int j = 0; j < h; j++) {
                nextRow[j] = (d * prevRow[j] + l * value[j]);
                preRow[j] = (l * deriv[j]);
            }
            xhV.set(prev + batch * width, nextRow, h);
            preV.set(pr, preRow, h);
        }
    }

    @Override
    void backwardStep(int t) {
        Vec a = preV;
        Vec g = gradV;
        double[] bg = biasGrad;
        int h = hidden;
        for (int b = 0; b < batch; b++) {
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
}
