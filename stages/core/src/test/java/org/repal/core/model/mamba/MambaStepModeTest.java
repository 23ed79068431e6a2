package org.repal.core.model.mamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Batch;
import org.repal.core.model.Mat;
import org.repal.core.testing.Closeness;

/** The step mode against the sequence forward, and the reference-compat conv window against spec §3.2. */
class MambaStepModeTest {
    private static final int BATCH = 3;
    private static final int STEPS = 30;

    @Test
    void stepModeEqualsTheSequenceForward() {
        MambaConfig config = MambaConfig.of(16, 2);
        MambaParameters p = MambaFixtures.randomParameters(config, DataType.DOUBLE, 21);
        Batch batch = MambaFixtures.randomBatch(DataType.DOUBLE, BATCH, STEPS, 1, 4);
        MambaModel model = new MambaModel(p);
        Mat logits = model.forward(batch);
        double[] inputs = MambaFixtures.batchMajor(batch);
        MambaActivity act = MambaActivity.record(p, inputs, BATCH, STEPS, false);
        Closeness.maxAbs(act.logits(), logits.toDoubles(), 1e-12, "logits");

        // Every layer's states and the stream, against the sequence pass's buffers.
        MambaKernel k = new MambaKernel(p.layout());
        k.ensure(STEPS);
        MambaWeights wt = model.weights();
        MambaStepper stepper = new MambaStepper(p, false);
        int hs = config.inner() * config.state();
        int d = config.dModel();
        for (int b = 0; b < BATCH; b++) {
            System.arraycopy(inputs, b * STEPS * 7, k.x, 0, STEPS * 7);
            k.forward(wt);
            stepper.reset();
            for (int t = 0; t < STEPS; t++) {
                stepper.step(inputs, (b * STEPS + t) * 7);
                for (int l = 0; l < config.layers(); l++) {
                    Closeness.maxAbs(stepper.ssmState(l), k.ssmState(l, t),
                            1e-13, "layer " + l + " state, sequence " + b + ", step " + t);
                }
                Closeness.maxAbs(stepper.stream(), java.util.Arrays.copyOfRange(k.s[config.layers()], t * d, (t + 1) * d),
                        1e-13, "stream, sequence " + b + ", step " + t);
            }
        }
        // Every layer's states are recorded, in time-major rows.
        for (int l = 0; l < config.layers(); l++) {
            for (int b = 0; b < BATCH; b++) {
                System.arraycopy(inputs, b * STEPS * 7, k.x, 0, STEPS * 7);
                k.forward(wt);
                for (int t = 0; t < STEPS; t++) {
                    int row = t * BATCH + b;
                    Closeness.maxAbs(java.util.Arrays.copyOfRange(act.ssm(l), row * hs, (row + 1) * hs),
                            k.ssmState(l, t), 1e-13,
                            "recorded layer " + l + " state, sequence " + b + ", step " + t);
                }
            }
            final int layer = l;
            assertTrue(java.util.Arrays.stream(act.ssm(layer)).anyMatch(v -> v != 0));
        }
    }

    @Test
    void referenceCompatReadsTheConvWindowFourStepsInThePast() {
        MambaConfig config = MambaConfig.of(8, 2);
        MambaParameters p = MambaFixtures.randomParameters(config, DataType.DOUBLE, 8);
        Batch batch = MambaFixtures.randomBatch(DataType.DOUBLE, BATCH, STEPS, 1, 5);
        double[] inputs = MambaFixtures.batchMajor(batch);
        int hs = config.inner() * config.state();
        double[] normal = record(p, inputs, false);
        double[] compat = record(p, inputs, true);
        // Spec §3.2: the default window is x_{t−3…t}; the reference's analysis read x_{t−7…t−4}.
        Closeness.maxAbs(normal, layer0(p, inputs, 0), 1e-13, "default vs the spec's equations");
        Closeness.maxAbs(compat, layer0(p, inputs, 4), 1e-13, "reference-compat vs the spec's shifted window");
        double gap = 0;
        for (int i = 0; i < normal.length; i++) {
            gap = Math.max(gap, Math.abs(normal[i] - compat[i]));
        }
        assertTrue(gap > 1e-3, "reference-compat states must differ from the default (max gap " + gap + ")");

        // Changing the last 4 steps' inputs leaves the compat state at step t unchanged, not the default one.
        int t = 20;
        double[] changed = inputs.clone();
        for (int s = t - 3; s <= t; s++) {
            for (int c = 0; c < 7; c++) {
                changed[s * 7 + c] += 0.5;
            }
        }
        double[] compat2 = record(p, changed, true);
        double[] normal2 = record(p, changed, false);
        int row = t * BATCH; // sequence 0
        assertArrayEquals(java.util.Arrays.copyOfRange(compat, row * hs, (row + 1) * hs),
                java.util.Arrays.copyOfRange(compat2, row * hs, (row + 1) * hs), 0.0);
        assertTrue(Math.abs(normal[row * hs] - normal2[row * hs]) > 1e-9);
    }

    /** Layer 0's states [T, B, ED·N] from the step mode, A in double as {@link #layer0}. */
    private static double[] record(MambaParameters p, double[] inputs, boolean compat) {
        MambaStepper stepper = new MambaStepper(p, compat, false);
        int hs = p.config().inner() * p.config().state();
        double[] out = new double[STEPS * BATCH * hs];
        for (int b = 0; b < BATCH; b++) {
            stepper.reset();
            for (int t = 0; t < STEPS; t++) {
                stepper.step(inputs, (b * STEPS + t) * 7);
                System.arraycopy(stepper.ssmState(0), 0, out, (t * BATCH + b) * hs, hs);
            }
        }
        return out;
    }

    /**
     * Layer 0's SSM states [T, B, ED·N] straight from the equations of spec §3.2, with the conv at step t reading the
     * x-branch of steps t−3−shift … t−shift (zeros before the start), in double with A = −exp(A_log).
     */
    private static double[] layer0(MambaParameters p, double[] inputs, int shift) {
        MambaConfig c = p.config();
        int d = c.dModel();
        int e = c.inner();
        int n = c.state();
        int r = c.dtRank();
        Mat emb = p.tensor("embedding.weight");
        Mat embB = p.tensor("embedding.bias");
        Mat norm = p.tensor("mamba.layers.0.norm.weight");
        Mat in = p.tensor("mamba.layers.0.mixer.in_proj.weight");
        Mat conv = p.tensor("mamba.layers.0.mixer.conv1d.weight");
        Mat convB = p.tensor("mamba.layers.0.mixer.conv1d.bias");
        Mat xp = p.tensor("mamba.layers.0.mixer.x_proj.weight");
        Mat dtW = p.tensor("mamba.layers.0.mixer.dt_proj.weight");
        Mat dtB = p.tensor("mamba.layers.0.mixer.dt_proj.bias");
        Mat aLog = p.tensor("mamba.layers.0.mixer.A_log");
        double[] out = new double[STEPS * BATCH * e * n];
        for (int b = 0; b < BATCH; b++) {
            double[][] xi = new double[STEPS][e];
            double[] h = new double[e * n];
            for (int t = 0; t < STEPS; t++) {
                double[] s = new double[d];
                double ms = 0;
                for (int j = 0; j < d; j++) {
                    s[j] = embB.get(j);
                    for (int i = 0; i < 7; i++) {
                        s[j] += emb.get(j, i) * inputs[(b * STEPS + t) * 7 + i];
                    }
                    ms += s[j] * s[j] / d;
                }
                for (int ch = 0; ch < e; ch++) {
                    for (int j = 0; j < d; j++) {
                        xi[t][ch] += in.get(ch, j) * s[j] / Math.sqrt(ms + 1e-5) * norm.get(j);
                    }
                }
                double[] u = new double[e];
                for (int ch = 0; ch < e; ch++) {
                    double v = convB.get(ch);
                    for (int k = 0; k < 4; k++) {
                        int ts = t - 3 - shift + k;
                        v += ts >= 0 ? conv.get(ch, k) * xi[ts][ch] : 0;
                    }
                    u[ch] = v / (1 + Math.exp(-v));
                }
                double[] dbc = new double[r + 2 * n];
                for (int q = 0; q < dbc.length; q++) {
                    for (int ch = 0; ch < e; ch++) {
                        dbc[q] += xp.get(q, ch) * u[ch];
                    }
                }
                for (int ch = 0; ch < e; ch++) {
                    double pre = dtB.get(ch);
                    for (int q = 0; q < r; q++) {
                        pre += dtW.get(ch, q) * dbc[q];
                    }
                    double delta = pre > 20 ? pre : Math.log1p(Math.exp(pre));
                    for (int k = 0; k < n; k++) {
                        double a = -Math.exp(aLog.get(ch, k));
                        h[ch * n + k] = Math.exp(delta * a) * h[ch * n + k] + delta * dbc[r + k] * u[ch];
                    }
                }
                System.arraycopy(h, 0, out, (t * BATCH + b) * e * n, e * n);
            }
        }
        return out;
    }
}
