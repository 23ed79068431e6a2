package org.repal.core.model;

import java.util.Locale;

/** Which steps the cross-entropy averages over. */
public enum LossMode {
    /** Every step of every sequence, as the reference (its mask is built but unused). */
    ALL_STEPS("all"),
    /** Decision steps only (the mask). */
    DECISION_STEPS("decision");

    private final String jsonName;

    LossMode(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static LossMode parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (LossMode m : values()) {
            if (m.jsonName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown loss mode '" + name + "' (expected all or decision)");
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
