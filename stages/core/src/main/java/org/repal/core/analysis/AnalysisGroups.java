package org.repal.core.analysis;

import java.util.List;

/**
 * The analysis group list of the reference (spec §2.1): row and column i of every 10×10 group matrix is
 * {@code ORDER.get(i)}. {@code pretrain_anti_delay_frozen} (PDM only, added later) is in no analysis.
 */
public final class AnalysisGroups {
    public static final List<String> ORDER = List.of("untrained", "master_frozen", "master", "pretrain_basic_frozen",
            "pretrain_anti_frozen", "pretrain_delay_frozen", "pretrain_basic_anti_frozen",
            "pretrain_basic_delay_frozen", "pretrain_frozen", "pretrain_unfrozen");

    public static final String UNTRAINED = "untrained";

    private AnalysisGroups() {
    }

    public static int size() {
        return ORDER.size();
    }
}
