package org.repal.core.analysis.results;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.analysis.AnalysisGroups;

/**
 * One row of a {@code dissimilarity.csv}: the dissimilarity of two models under one metric, with both models'
 * accuracies (NaN where the stage could not measure one). The stage writes each unordered pair of a config's own
 * matrix once (no diagonal) and every (RNN group, Mamba group) pair of a cross matrix.
 */
public record DissimilarityRow(String arch1, String config1, String group1, String arch2, String config2,
                               String group2, String metric, double value, double accuracy1, double accuracy2) {

    /** The stage's header. */
    public static final List<String> HEADER = List.of("arch1", "config1", "group1", "arch2", "config2", "group2",
            "metric", "value", "accuracy1", "accuracy2");
    /** The metrics, in the order the stages write them. */
    public static final List<String> METRICS = List.of("dsa", "procrustes", "cka");
    static final List<String> ARCHS = List.of("rnn", "mamba");

    /** Whether both models come from one config's own group matrix (same architecture and config). */
    public boolean withinConfig() {
        return arch1.equals(arch2) && config1.equals(config2);
    }

    /** Parses a whole file; {@code source} names it in errors. */
    static List<DissimilarityRow> parse(String text, String source) {
        List<DissimilarityRow> out = new ArrayList<>();
        int line = 1;
        for (String[] f : TidyCsv.records(text, source, HEADER)) {
            line++;
            out.add(new DissimilarityRow(TidyCsv.oneOf(f, 0, HEADER, source, line, ARCHS),
                    TidyCsv.text(f, 1, HEADER, source, line),
                    TidyCsv.oneOf(f, 2, HEADER, source, line, AnalysisGroups.ORDER),
                    TidyCsv.oneOf(f, 3, HEADER, source, line, ARCHS),
                    TidyCsv.text(f, 4, HEADER, source, line),
                    TidyCsv.oneOf(f, 5, HEADER, source, line, AnalysisGroups.ORDER),
                    TidyCsv.oneOf(f, 6, HEADER, source, line, METRICS),
                    TidyCsv.number(f, 7, HEADER, source, line, true),
                    TidyCsv.number(f, 8, HEADER, source, line, false),
                    TidyCsv.number(f, 9, HEADER, source, line, false)));
        }
        return List.copyOf(out);
    }
}
