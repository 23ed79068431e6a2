package org.repal.core.model;

import java.util.Locale;

/** The two network families of the study, as named on the command line and in imported state_dicts. */
public enum Architecture {
    /** The leaky RNN / GRU of spec §3.1, trained time-major. */
    RNN("rnn", SequenceLayout.TIME),
    /** The Mamba network of spec §3.2, whose reference holds sequences batch-major. */
    MAMBA("mamba", SequenceLayout.BATCH);

    private final String id;
    private final SequenceLayout referenceLayout;

    Architecture(String id, SequenceLayout referenceLayout) {
        this.id = id;
        this.referenceLayout = referenceLayout;
    }

    public String id() {
        return id;
    }

    /** The layout of the reference's training arrays for this family. */
    public SequenceLayout referenceLayout() {
        return referenceLayout;
    }

    public static Architecture parse(String name) {
        for (Architecture a : values()) {
            if (a.id.equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "' (expected rnn or mamba)");
    }
}
