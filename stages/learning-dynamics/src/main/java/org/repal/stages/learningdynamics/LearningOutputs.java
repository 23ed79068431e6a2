package org.repal.stages.learningdynamics;

import java.util.List;
import org.repal.core.analysis.AnalysisOutput;
import org.repal.core.analysis.OverLearning;
import org.repal.core.analysis.QuartileBins;
import org.repal.core.analysis.WithinLearning;

/**
 * The stage's file layout: per (arch, config, group) the over-learning series
 * {@code over_learning/<arch>/<config>/<group>/{fraction,dsa,procrustes,cka,accuracy1,accuracy2}.npy} (float64,
 * one entry per aligned pair) and the within-learning matrices
 * {@code within_learning/<arch>/<config>/<group>/{dsa,procrustes,cka}.npy} (4×4) with {@code accuracy.npy} (4), and
 * the rows of the two tidy CSVs.
 */
final class LearningOutputs {
    static final String OVER_CSV = "over_learning.csv";
    static final String WITHIN_CSV = "within_learning.csv";
    static final String OVER_HEADER = "arch,config,group,fraction,metric,value,accuracy1,accuracy2\n";
    static final String WITHIN_HEADER = "arch,config,group,bin1,bin2,metric,value,accuracy1,accuracy2\n";
    static final List<String> METRICS = List.of("dsa", "procrustes", "cka");

    private LearningOutputs() {
    }

    /** The series' files and one CSV row per (pair, metric); accuracy1 is the group's, accuracy2 master's. */
    static void over(AnalysisOutput w, StringBuilder csv, String arch, String config, String group,
                     OverLearning.Result r) {
        String dir = "over_learning/" + arch + "/" + config + "/" + group + "/";
        w.vector(dir + "fraction.npy", r.fraction());
        w.vector(dir + "dsa.npy", r.dsa());
        w.vector(dir + "procrustes.npy", r.procrustes());
        w.vector(dir + "cka.npy", r.cka());
        w.vector(dir + "accuracy1.npy", r.accuracy1());
        w.vector(dir + "accuracy2.npy", r.accuracy2());
        double[][] values = {r.dsa(), r.procrustes(), r.cka()};
        for (int k = 0; k < r.size(); k++) {
            for (int m = 0; m < METRICS.size(); m++) {
                csv.append(arch).append(',').append(config).append(',').append(group).append(',')
                        .append(r.fraction()[k]).append(',').append(METRICS.get(m)).append(',')
                        .append(values[m][k]).append(',').append(r.accuracy1()[k]).append(',')
                        .append(r.accuracy2()[k]).append('\n');
            }
        }
    }

    /** The matrices' files and one CSV row per entry i ≤ j and metric. */
    static void within(AnalysisOutput w, StringBuilder csv, String arch, String config, String group,
                       WithinLearning.Result r) {
        String dir = "within_learning/" + arch + "/" + config + "/" + group + "/";
        w.matrix(dir + "dsa.npy", r.dsa());
        w.matrix(dir + "procrustes.npy", r.procrustes());
        w.matrix(dir + "cka.npy", r.cka());
        w.vector(dir + "accuracy.npy", r.accuracy());
        double[][][] values = {r.dsa(), r.procrustes(), r.cka()};
        for (int i = 0; i < QuartileBins.BINS; i++) {
            for (int j = i; j < QuartileBins.BINS; j++) {
                for (int m = 0; m < METRICS.size(); m++) {
                    csv.append(arch).append(',').append(config).append(',').append(group).append(',')
                            .append(i).append(',').append(j).append(',').append(METRICS.get(m)).append(',')
                            .append(values[m][i][j]).append(',').append(r.accuracy()[i]).append(',')
                            .append(r.accuracy()[j]).append('\n');
                }
            }
        }
    }
}
