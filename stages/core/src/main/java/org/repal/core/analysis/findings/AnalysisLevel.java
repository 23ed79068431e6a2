package org.repal.core.analysis.findings;

import java.util.List;
import java.util.Optional;

/**
 * The five levels the paper compares in "dissimilarity to master" (spec §8, notebook 3): how much of the
 * curriculum a group shares with master, from none (untrained) to all (full pretraining).
 */
public enum AnalysisLevel {
    UNTRAINED("untrained", List.of("untrained")),
    MASTER_FROZEN("master_frozen", List.of("master_frozen")),
    PARTIAL("partial", List.of("pretrain_basic_frozen", "pretrain_anti_frozen", "pretrain_delay_frozen",
            "pretrain_basic_anti_frozen", "pretrain_basic_delay_frozen")),
    FULL_FROZEN("full_frozen", List.of("pretrain_frozen")),
    FULL_UNFROZEN("full_unfrozen", List.of("pretrain_unfrozen"));

    /** The order the RNN claim expects dissimilarity to master to fall along (full unfrozen left out). */
    public static final List<AnalysisLevel> CLAIMED_ORDER = List.of(UNTRAINED, MASTER_FROZEN, PARTIAL, FULL_FROZEN);

    private final String label;
    private final List<String> groups;

    AnalysisLevel(String label, List<String> groups) {
        this.label = label;
        this.groups = groups;
    }

    /** The name in tables and figures. */
    public String label() {
        return label;
    }

    /** The analysis groups of the level. */
    public List<String> groups() {
        return groups;
    }

    /** The level of a group; empty for master (the reference every level is compared with). */
    public static Optional<AnalysisLevel> of(String group) {
        for (AnalysisLevel l : values()) {
            if (l.groups.contains(group)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
