package org.repal.core.task;

import java.util.Locale;

/** The periods of every trial, in the order they follow each other (neurogym {@code add_period}). */
public enum Period {
    FIXATION, STIMULUS, DELAY, DECISION;

    /** Lower-case name as used in JSON. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
