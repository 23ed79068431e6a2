package org.repal.core.analysis.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One finished {@code dissimilarity} task's folder, {@code dissimilarity/<name>/} ({@code rnn}, {@code mamba-1},
 * {@code cross-0}, …): its tidy rows, summary and manifest.
 */
public record DissimilarityPart(String name, List<DissimilarityRow> rows, JsonNode summary, JsonNode manifest) {

    /** Whether the part compares RNN configs with Mamba configs (its name starts with "cross"). */
    public boolean cross() {
        return name.startsWith("cross");
    }
}
