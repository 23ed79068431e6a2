package org.repal.core.activity;

import org.repal.core.model.ModelConfig;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.mamba.MambaConfig;

/**
 * What a recorded unit is. RNN: the hidden state after each update (H units). Mamba: by default layer 0's SSM
 * state h flattened channel-major to ED·N units (the reference HEAD's choice, spec §3.2), or any other layer's, or
 * the residual stream after the last block before norm_f (D units; the paper era's choice). Mamba is stepped one
 * step at a time, which equals the sequence forward; {@code referenceCompatConv} instead reproduces the reference
 * analysis's conv window shifted 4 steps into the past (spec §10 item 12), only for reproducing its numbers.
 */
public record Units(Kind kind, int layer, boolean referenceCompatConv) {

    public enum Kind {
        RNN_HIDDEN("rnn_hidden"), MAMBA_SSM("mamba_ssm"), MAMBA_STREAM("mamba_stream");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        public static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.jsonName.equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown units kind '" + name + "'");
        }
    }

    public Units {
        if (kind == null) {
            throw new IllegalArgumentException("units kind is required");
        }
        if (kind == Kind.MAMBA_SSM ? layer < 0 : layer != 0) {
            throw new IllegalArgumentException("units " + kind.jsonName() + ": layer " + layer
                    + " (only mamba_ssm names a layer, from 0)");
        }
        if (kind == Kind.RNN_HIDDEN && referenceCompatConv) {
            throw new IllegalArgumentException("the reference-compat conv window applies to Mamba only");
        }
    }

    public static Units rnnHidden() {
        return new Units(Kind.RNN_HIDDEN, 0, false);
    }

    public static Units mambaSsm(int layer) {
        return new Units(Kind.MAMBA_SSM, layer, false);
    }

    public static Units mambaStream() {
        return new Units(Kind.MAMBA_STREAM, 0, false);
    }

    /** The same units recorded with the reference analysis's shifted conv window (Mamba only). */
    public Units withReferenceCompatConv() {
        return new Units(kind, layer, true);
    }

    /** RNN hidden state, or Mamba layer 0's SSM state. */
    public static Units defaultFor(ModelConfig config) {
        return config instanceof MambaConfig ? mambaSsm(0) : rnnHidden();
    }

    /**
     * Units per step for this architecture.
     *
     * @throws IllegalArgumentException when the units do not exist in it
     */
    public int count(ModelConfig config) {
        if (config instanceof RnnConfig r) {
            if (kind != Kind.RNN_HIDDEN) {
                throw new IllegalArgumentException("units " + kind.jsonName() + " do not exist in an RNN");
            }
            return r.hidden();
        }
        if (config instanceof MambaConfig m) {
            if (kind == Kind.RNN_HIDDEN) {
                throw new IllegalArgumentException("units rnn_hidden do not exist in a Mamba network");
            }
            if (kind == Kind.MAMBA_STREAM) {
                return m.dModel();
            }
            if (layer >= m.layers()) {
                throw new IllegalArgumentException("layer " + layer + " outside 0.." + (m.layers() - 1));
            }
            return m.inner() * m.state();
        }
        throw new IllegalArgumentException("unknown architecture " + config);
    }
}
