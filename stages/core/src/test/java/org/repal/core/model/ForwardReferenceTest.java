package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The optimised forward pass against a plain loop over the spec's equations (§3.1), in float64. */
class ForwardReferenceTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void leakyRnnAndGruMatchTheEquations(Activation f) {
        for (RnnType type : RnnType.values()) {
            RnnConfig config = ModelFixtures.config(type, f, 5);
            RnnParameters p = Initializer.initialize(config, DataType.DOUBLE, 4);
            Ops.scal(3, p.flat()); // reach softplus's threshold region too
            Batch batch = ModelFixtures.randomBatch(DataType.DOUBLE, 2, 12, 7, 3, 4, 8);
            RnnModel model = new RnnModel(p);
            Mat logits = model.forward(batch);
            Mat states = model.states(batch);
            double[][][] expected = reference(config, p, batch);
            for (int t = 0; t < batch.steps(); t++) {
                for (int b = 0; b < batch.size(); b++) {
                    for (int j = 0; j < config.hidden(); j++) {
                        assertEquals(expected[t][b][j], states.get(batch.row(t, b), j), 1e-12,
                                type + " " + f + " h[" + t + "," + b + "," + j + "]");
                    }
                    for (int k = 0; k < config.outputs(); k++) {
                        double y = 0;
                        for (int j = 0; j < config.hidden(); j++) {
                            y += p.readout().get(k, j) * expected[t][b][j];
                        }
                        assertEquals(y, logits.get(batch.row(t, b), k), 1e-11);
                    }
                }
            }
        }
    }

    /** h[t][b][:] by the textbook recursion. */
    static double[][][] reference(RnnConfig c, RnnParameters p, Batch batch) {
        int hN = c.hidden();
        double d = Math.exp(-0.2);
        Mat x = batch.x();
        double[][][] out = new double[batch.steps()][batch.size()][hN];
        for (int b = 0; b < batch.size(); b++) {
            double[] h = new double[hN];
            for (int t = 0; t < batch.steps(); t++) {
                double[] g = new double[c.gateRows()];
                for (int r = 0; r < g.length; r++) {
                    double s = p.bias().get(0, r);
                    for (int i = 0; i < c.inputs(); i++) {
                        s += p.weightIh().get(r, i) * x.get(batch.row(t, b), i);
                    }
                    for (int j = 0; j < hN; j++) {
                        s += p.weightHh().get(r, j) * h[j];
                    }
                    g[r] = s;
                }
                double[] next = new double[hN];
                for (int j = 0; j < hN; j++) {
                    if (c.type() == RnnType.LEAKY_RNN) {
                        next[j] = d * h[j] + (1 - d) * c.activation().value(g[j]);
                    } else {
                        double z = 1 / (1 + Math.exp(-g[hN + j]));
                        double n = c.activation().value(g[2 * hN + j]);
                        double cand = d * h[j] + (1 - d) * n;
                        next[j] = (1 - z) * h[j] + z * cand;
                    }
                }
                h = next;
                out[t][b] = next.clone();
            }
        }
        return out;
    }
}
