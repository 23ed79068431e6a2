package org.repal.core.model;

import java.util.Objects;

/**
 * The architecture of one network (spec §3.1): cell type, activation, sizes and the init type of W_hh.
 * Time constants are the reference's: dt = 20 ms, τ = 100 ms, so the leak d = exp(−dt/τ) = exp(−0.2).
 */
public record RnnConfig(RnnType type, Activation activation, int inputs, int hidden, int outputs, InitType init) {
    public static final double DT_MS = 20;
    public static final double TAU_MS = 100;

    public RnnConfig {
        Objects.requireNonNull(type, "rnn type");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(init, "init type");
        positive("inputs", inputs);
        positive("--hidden", hidden);
        positive("outputs", outputs);
    }

    private static void positive(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be positive, got " + n);
        }
    }

    /** The reference's shape: 7 inputs, 3 outputs, kaiming. */
    public static RnnConfig of(RnnType type, Activation activation, int hidden) {
        return new RnnConfig(type, activation, 7, hidden, 3, InitType.KAIMING);
    }

    public RnnConfig withInit(InitType newInit) {
        return new RnnConfig(type, activation, inputs, hidden, outputs, newInit);
    }

    /** d = exp(−dt/τ) = 0.8187307531. */
    public double decay() {
        return Math.exp(-DT_MS / TAU_MS);
    }

    /** Rows of W_ih, W_hh and b: H for the RNN, 3H for the GRU. */
    public int gateRows() {
        return type.blocks() * hidden;
    }

    /** Number of trainable values. */
    public int parameterCount() {
        long n = (long) gateRows() * (inputs + hidden + 1) + (long) outputs * hidden;
        return Math.toIntExact(n);
    }
}
