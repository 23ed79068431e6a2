package org.repal.core.model.mamba;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.task.Seeds;

/**
 * The reference's initialisation (spec §3.2), seeded: PyTorch's default U(±1/√fan_in) for every Linear and
 * the conv (fan_in 4, bias too); dt_proj.weight U(±dt_rank^−½); dt_proj.bias = softplus⁻¹(dt) with
 * dt = exp(U(0,1)·(ln 0.1 − ln 0.001) + ln 0.001) clamped ≥ 1e-4; A_log[i, n] = log(n + 1); D = 1; norm weights 1.
 * Each tensor draws from its own stream {@code Seeds.derive(seed, "init/" + name)}.
 */
public final class MambaInitializer {
    static final double DT_MIN = 0.001;
    static final double DT_MAX = 0.1;
    static final double DT_FLOOR = 1e-4;

    private MambaInitializer() {
    }

    public static MambaParameters initialize(MambaConfig config, DataType type, long seed) {
        MambaLayout lay = new MambaLayout(config);
        double[] w = new double[lay.size()];
        int d = config.dModel();
        int e = config.inner();
        double inBound = 1 / Math.sqrt(config.inputs());
        for (MambaLayout.Tensor t : lay.tensors()) {
            String name = t.name();
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "init/" + name));
            int off = t.offset();
            if (name.startsWith("embedding.")) {
                uniform(w, off, t.size(), inBound, rng);
            } else if (name.endsWith("in_proj.weight")) {
                uniform(w, off, t.size(), 1 / Math.sqrt(d), rng);
            } else if (name.contains("conv1d.")) {
                uniform(w, off, t.size(), 1 / Math.sqrt(MambaConfig.D_CONV), rng);
            } else if (name.endsWith("x_proj.weight") || name.endsWith("out_proj.weight")) {
                uniform(w, off, t.size(), 1 / Math.sqrt(e), rng);
            } else if (name.endsWith("dt_proj.weight")) {
                uniform(w, off, t.size(), 1 / Math.sqrt(config.dtRank()), rng);
            } else if (name.endsWith("dt_proj.bias")) {
                for (int i = 0; i < t.size(); i++) {
                    double dt = Math.exp(rng.nextDouble() * (Math.log(DT_MAX) - Math.log(DT_MIN)) + Math.log(DT_MIN));
                    dt = Math.max(dt, DT_FLOOR);
                    w[off + i] = dt + Math.log(-Math.expm1(-dt));
                }
            } else if (name.endsWith("A_log")) {
                for (int i = 0; i < t.size(); i++) {
                    w[off + i] = Math.log(i % config.state() + 1);
                }
            } else if (name.endsWith(".D") || name.endsWith("norm.weight") || name.equals(MambaLayout.NORM_F)) {
                java.util.Arrays.fill(w, off, off + t.size(), 1);
            } else if (name.equals(MambaLayout.HEAD)) {
                uniform(w, off, t.size(), 1 / Math.sqrt(d), rng);
            } else {
                throw new IllegalStateException("no initialiser for " + name);
            }
        }
        MambaParameters p = MambaParameters.zeros(config, type);
        p.flat().setAll(w);
        return p;
    }

    private static void uniform(double[] w, int off, int n, double bound, SplittableRandom rng) {
        for (int i = 0; i < n; i++) {
            w[off + i] = bound * (2 * rng.nextDouble() - 1);
        }
    }
}
