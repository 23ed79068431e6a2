package org.repal.core.model;

import java.nio.FloatBuffer;
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
    private final FloatBuffer keepF;
    /** The z and n biases apart, for loops over arrays that start at 0 (float32 path). */
    private final double[] biasZ;
    private final double[] biasN;

    LeakyGruCell(RnnConfig config, DataType type, int batch, int steps) {
        super(config, type, batch, steps, 2 * config.hidden(), config.hidden());
        this.keep = Mat.zeros(type, steps * batch, hidden);
        this.keepV = Vec.of(keep);
        this.keepF = isDouble ? null : keep.floats();
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
        /** h_{t−1} of one row (float32 path). */
        final double[] prevRow;
        /**
         * Float32 path, rows copied out and in bulk: z and n pre-activations (then Q and P, then ∂L/∂a), h_{t−1}
         * (then dL/dh_{t−1}), h_t (then dL/dh_t) and R.
         */
        final float[] zFloats;
        final float[] nFloats;
        final float[] prevFloats;
        final float[] nextFloats;
        final float[] keepFloats;

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
            this.zFloats = new float[h];
            this.nFloats = new float[h];
            this.prevFloats = new float[h];
            this.nextFloats = new float[h];
            this.keepFloats = new float[h];
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
    void forwardStep(Lane lane, int t) {
        GruLane scratch = (GruLane) lane;
        if (!precise) {
            forwardRows(scratch, t);
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

    /** {@link #forwardStep} of a float32 network: whole rows copied out in bulk, {@link FloatRows}' loops, back. */
    private void forwardRows(GruLane lane, int t) {
        int h = hidden;
        double l = leak;
        double[] zRow = lane.zRow;
        double[] nRow = lane.nRow;
        double[] gate = lane.gate;
        double[] value = lane.value;
        double[] deriv = lane.deriv;
        double[] prevRow = lane.prevRow;
        float[] zf = lane.zFloats;
        float[] nf = lane.nFloats;
        float[] pf = lane.prevFloats;
        float[] next = lane.nextFloats;
        float[] keepRow = lane.keepFloats;
        for (int b = lane.first; b < lane.end; b++) {
            int row = (t - 1) * batch + b;
            int pr = row * 2 * h;
            int prev = row * width;
            preF.get(pr, zf, 0, h);
            preF.get(pr + h, nf, 0, h);
            xhF.get(prev, pf, 0, h);
            FloatRows.widen(zf, zRow, h);
            FloatRows.widen(nf, nRow, h);
            FloatRows.widen(pf, prevRow, h);
            FloatRows.sigmoid(zRow, biasZ, gate, h);
            FloatRows.activate(activation, nRow, biasN, value, deriv, lane.work, h);
            for (int j = 0; j < h; j++) {
                double z = gate[j];
                double hp = prevRow[j];
                double diff = value[j] - hp;
                double lz = l * z;
                next[j] = (float) (hp + lz * diff);
                zf[j] = (float) (lz * diff * (1 - z));
                nf[j] = (float) (lz * deriv[j]);
                keepRow[j] = (float) (1 - lz);
            }
            xhF.put(prev + batch * width, next, 0, h);
            preF.put(pr, zf, 0, h);
            preF.put(pr + h, nf, 0, h);
            keepF.put(row * h, keepRow, 0, h);
        }
    }

    @Override
    void backwardStep(Lane lane, int t) {
        if (!isDouble) {
            backwardFloats((GruLane) lane, t);
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

    /** {@link #backwardStep} of a float32 network on rows copied out in bulk (the same arithmetic). */
    private void backwardFloats(GruLane lane, int t) {
        int h = hidden;
        float[] az = lane.zFloats;
        float[] an = lane.nFloats;
        float[] r = lane.keepFloats;
        float[] g = lane.nextFloats;
        float[] gp = lane.prevFloats;
        double[] bg = lane.biasGrad;
        for (int b = lane.first; b < lane.end; b++) {
            int row = (t - 1) * batch + b;
            int pr = row * 2 * h;
            int gr = (t * batch + b) * h;
            int gPrev = gr - batch * h;
            gradF.get(gr, g, 0, h);
            preF.get(pr, az, 0, h);
            preF.get(pr + h, an, 0, h);
            if (t > 1) {
                keepF.get(row * h, r, 0, h);
                gradF.get(gPrev, gp, 0, h);
                for (int j = 0; j < h; j++) {
                    double gt = g[j];
                    double dz = gt * az[j];
                    double dn = gt * an[j];
                    az[j] = (float) dz;
                    an[j] = (float) dn;
                    bg[j] += dz;
                    bg[h + j] += dn;
                    gp[j] = (float) (gp[j] + gt * r[j]);
                }
                gradF.put(gPrev, gp, 0, h);
            } else {
                for (int j = 0; j < h; j++) {
                    double gt = g[j];
                    double dz = gt * az[j];
                    double dn = gt * an[j];
                    az[j] = (float) dz;
                    an[j] = (float) dn;
                    bg[j] += dz;
                    bg[h + j] += dn;
                }
            }
            preF.put(pr, az, 0, h);
            preF.put(pr + h, an, 0, h);
        }
    }
}
