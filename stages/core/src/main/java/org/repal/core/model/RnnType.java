package org.repal.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The recurrent cells of the reference (spec §3.1).
 *
 * <ul>
 *   <li>{@code leaky_rnn}: h_t = d·h_{t−1} + (1 − d)·f(W_ih x_t + W_hh h_{t−1} + b).
 *   <li>{@code leaky_gru}: the reference's {@code LeakyGRUCell}, reproduced as it is: g = W_ih x_t + W_hh h_{t−1} + b
 *       split into thirds [r, z, n]; z̃ = σ(z), ñ = f(n), h̃ = d·h_{t−1} + (1 − d)·ñ, h_t = (1 − z̃)⊙h_{t−1} + z̃⊙h̃.
 *       The reset gate r is part of the weights (rows [0, H) of W_ih, W_hh and b) but is never used: it gets no
 *       loss gradient, only the weight-norm term's, and the candidate does not gate h_{t−1} by r.
 * </ul>
 */
public enum RnnType {
    LEAKY_RNN("leaky_rnn", 1), LEAKY_GRU("leaky_gru", 3);

    private final String jsonName;
    private final int blocks;

    RnnType(String jsonName, int blocks) {
        this.jsonName = jsonName;
        this.blocks = blocks;
    }

    public String jsonName() {
        return jsonName;
    }

    /** Row blocks of H in W_ih, W_hh and b: 1 for the RNN, 3 (r, z, n) for the GRU. */
    public int blocks() {
        return blocks;
    }

    /**
     * The cell with this reference name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    public static RnnType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (RnnType t : values()) {
            if (t.jsonName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown rnn type '" + name + "' (expected one of "
                + Arrays.stream(values()).map(RnnType::jsonName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
