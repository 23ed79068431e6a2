package org.repal.core.report;

import org.repal.core.analysis.stats.Verdict;

/** How a claim's {@link Verdict} looks in the report: the words shown and the colours of its block. */
public record VerdictStyle(String label, String colour, String background) {

    public static VerdictStyle of(Verdict v) {
        return switch (v) {
            case HOLDS -> new VerdictStyle("HOLDS", "#1a7f37", "#e9f6ec");
            case DOES_NOT_HOLD -> new VerdictStyle("DOES NOT HOLD", "#b42318", "#fdecea");
            case NOT_ENOUGH_MODELS -> new VerdictStyle("NOT ENOUGH MODELS AT THIS SCALE", "#8a5a00", "#fff4d6");
        };
    }
}
