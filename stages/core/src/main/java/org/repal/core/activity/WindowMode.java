package org.repal.core.activity;

import java.util.Locale;

/** Which steps of a trial the activity keeps; see {@link ActivityWindow}. */
public enum WindowMode {
    /** The stimulus period after its first 500 ms (what the reference meant): [stim + 25, delay) at dt 20 ms. */
    STIMULUS_AFTER_500MS("stimulus_after_500ms"),
    /**
     * The reference's actual slice (spec §5 {@code get_indexes}, §10 item 9): the epoch bounds shifted 500 ms
     * earlier, start clipped at 0, applied to the unshifted states — h[0:200] for the 350-step delay tasks,
     * h[0:185] for the 220-step tasks. Only for reproducing the reference's numbers.
     */
    REFERENCE_COMPAT("reference_compat");

    private final String jsonName;

    WindowMode(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** By JSON name, ignoring case and '-'/'_'. */
    public static WindowMode parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (WindowMode m : values()) {
            if (m.jsonName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown window '" + name + "' (expected stimulus_after_500ms or"
                + " reference_compat)");
    }
}
