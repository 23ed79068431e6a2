package org.repal.core.task;

import java.util.Locale;

/** The two datasets of a task: training sequences and single-trial test samples. */
public enum Split {
    TRAIN, TEST;

    /** Folder and JSON name: "train" or "test". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split parse(String name) {
        for (Split s : values()) {
            if (s.jsonName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + name + "' (expected train or test)");
    }
}
