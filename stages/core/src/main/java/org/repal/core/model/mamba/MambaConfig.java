package org.repal.core.model.mamba;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.ModelConfig;
import org.repal.core.model.ModelParameters;
import org.repal.core.model.TrainableModel;

/**
 * The architecture of one Mamba network (spec §3.2): a Linear embedding inputs → D with bias, {@code layers}
 * residual blocks x ← x + MambaBlock(RMSNorm(x)), a final RMSNorm and a head D → outputs without bias. The
 * four-size constructor takes mamba.py's default block sizes (inner ED = 2D, state N 16, dt_rank ⌈D/16⌉), which
 * RepAL trains; the canonical one takes any, for networks imported from a state_dict. Conv width 4 and
 * RMSNorm ε 1e-5 are fixed.
 */
public record MambaConfig(int inputs, int dModel, int layers, int outputs, int inner, int state, int dtRank)
        implements ModelConfig {
    public static final int D_STATE = 16;
    public static final int EXPAND = 2;
    public static final int D_CONV = 4;
    public static final double NORM_EPS = 1e-5;

    public MambaConfig {
        positive("inputs", inputs);
        positive("--d-model", dModel);
        positive("--n-layers", layers);
        positive("outputs", outputs);
        positive("inner width (ED)", inner);
        positive("state size (N)", state);
        positive("dt_rank", dtRank);
    }

    /** mamba.py's default block sizes: ED = 2D, N 16, dt_rank ⌈D/16⌉. */
    public MambaConfig(int inputs, int dModel, int layers, int outputs) {
        this(inputs, dModel, layers, outputs, EXPAND * dModel, D_STATE, (dModel + 15) / 16);
    }

    private static void positive(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be positive, got " + n);
        }
    }

    /** The reference's shape: 7 inputs, 3 outputs. */
    public static MambaConfig of(int dModel, int layers) {
        return new MambaConfig(7, dModel, layers, 3);
    }

    /** Whether the block sizes are mamba.py's defaults for this D (the only ones RepAL trains). */
    public boolean hasDefaultBlockSizes() {
        return equals(new MambaConfig(inputs, dModel, layers, outputs));
    }

    /** Rows of x_proj: dt_rank + 2N ([δ, B, C]). */
    public int xProjRows() {
        return dtRank + 2 * state;
    }

    /** {@code mamba_{d_model}_{n_layers}_{lr}_{batch}}, e.g. {@code mamba_16_2_0.001_32}. */
    @Override
    public String modelName(String lr, int batchSize) {
        return "mamba_" + dModel + "_" + layers + "_" + lr + "_" + batchSize;
    }

    @Override
    public void describe(ObjectNode settings) {
        settings.put("architecture", "mamba");
        settings.put("d_model", dModel);
        settings.put("n_layers", layers);
        if (!hasDefaultBlockSizes()) {
            settings.put("d_inner", inner);
            settings.put("d_state", state);
            settings.put("dt_rank", dtRank);
        }
    }

    @Override
    public MambaParameters initialize(DataType type, long seed) {
        return MambaInitializer.initialize(this, type, seed);
    }

    @Override
    public MambaParameters zeros(DataType type) {
        return MambaParameters.zeros(this, type);
    }

    @Override
    public TrainableModel newModel(ModelParameters params) {
        if (!(params instanceof MambaParameters p) || !p.config().equals(this)) {
            throw new IllegalArgumentException("parameters do not belong to " + this);
        }
        return new MambaModel(p);
    }
}
