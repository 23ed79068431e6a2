package org.repal.core.report;

import java.util.ArrayList;
import java.util.List;

/** What every report of a run with both architectures, RNN-vs-Mamba matrices and the attractor bench must show. */
public final class ReportExpectations {

    private ReportExpectations() {
    }

    /** The figure names (files figures/<name>.png and .svg, page anchors fig-<name>). */
    public static List<String> figures(List<String> tasks) {
        List<String> out = new ArrayList<>();
        for (String arch : List.of("rnn", "mamba")) {
            for (String m : List.of("dsa", "procrustes", "cka")) {
                out.add("heatmap-" + arch + "-" + m);
            }
            out.add("boxplot-distance-to-master-" + arch);
            out.add("over-learning-" + arch);
            out.add("accuracy-scatter-" + arch);
            out.add("trajectories-" + arch);
        }
        for (String m : List.of("dsa", "procrustes", "cka")) {
            out.add("heatmap-rnn-vs-mamba-" + m);
            out.add("mds-" + m);
            out.add("attractor-regimes-" + m);
            out.add("attractor-composition-" + m);
        }
        out.add("attractor-noise");
        out.add("attractor-composition-curve");
        tasks.forEach(t -> out.add("trial-" + t));
        return out;
    }

    /** The tables (tables/<name>.csv). */
    public static List<String> tables() {
        return List.of("claims", "levels", "distance_to_master", "level_tests", "level_permutation", "group_matrices",
                "rnn_vs_mamba", "regressions", "accuracy_slopes", "over_learning_curves", "attractor_regimes",
                "attractor_noise", "attractor_composition", "analysis_settings", "wall_times_per_stage", "tasks",
                "artifacts");
    }
}
