package org.repal.core.analysis.results;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.analysis.AnalysisGroups;

/**
 * One row of an {@code over_learning.csv}: a trained group's snapshot against master's at the same fraction of
 * training (0 = before the train phase, 1 = its end), with both snapshots' accuracies.
 */
public record OverLearningRow(String arch, String config, String group, double fraction, String metric, double value,
                              double accuracy1, double accuracy2) {

    /** The stage's header. */
    public static final List<String> HEADER = List.of("arch", "config", "group", "fraction", "metric", "value",
            "accuracy1", "accuracy2");

    /** Parses a whole file; {@code source} names it in errors. */
    static List<OverLearningRow> parse(String text, String source) {
        List<OverLearningRow> out = new ArrayList<>();
        int line = 1;
        for (String[] f : TidyCsv.records(text, source, HEADER)) {
            line++;
            double fraction = TidyCsv.number(f, 3, HEADER, source, line, true);
            if (fraction < 0 || fraction > 1) {
                throw new IllegalArgumentException(source + ": line " + line + ": fraction: " + fraction
                        + " is outside [0, 1]");
            }
            out.add(new OverLearningRow(TidyCsv.oneOf(f, 0, HEADER, source, line, DissimilarityRow.ARCHS),
                    TidyCsv.text(f, 1, HEADER, source, line),
                    TidyCsv.oneOf(f, 2, HEADER, source, line, AnalysisGroups.ORDER), fraction,
                    TidyCsv.oneOf(f, 4, HEADER, source, line, DissimilarityRow.METRICS),
                    TidyCsv.number(f, 5, HEADER, source, line, true),
                    TidyCsv.number(f, 6, HEADER, source, line, false),
                    TidyCsv.number(f, 7, HEADER, source, line, false)));
        }
        return List.copyOf(out);
    }
}
