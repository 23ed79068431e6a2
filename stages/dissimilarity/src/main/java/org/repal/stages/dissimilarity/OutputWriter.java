package org.repal.stages.dissimilarity;

import java.util.List;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.analysis.AnalysisOutput;
import org.repal.core.analysis.GroupMatrix;

/**
 * The stage's own file layout: the three float64 .npy matrices of a group matrix (rows and columns in
 * {@link AnalysisGroups#ORDER}) and the tidy CSV rows; writing and the manifest are {@link AnalysisOutput}'s.
 */
final class OutputWriter {
    static final String CSV = "dissimilarity.csv";
    static final String CSV_HEADER = "arch1,config1,group1,arch2,config2,group2,metric,value,accuracy1,accuracy2\n";
    static final List<String> METRICS = List.of("dsa", "procrustes", "cka");

    private OutputWriter() {
    }

    /** The three matrices of {@code m} under {@code dir}. */
    static void matrices(AnalysisOutput w, String dir, GroupMatrix.Matrices m) {
        w.matrix(dir + "dsa.npy", m.dsa());
        w.matrix(dir + "procrustes.npy", m.procrustes());
        w.matrix(dir + "cka.npy", m.cka());
    }

    /**
     * Appends the CSV rows of one matrix: both groups present only (absent groups have no row), each unordered pair
     * once and no diagonal for a config against itself, every (i, j) for two configs; metrics in {@link #METRICS}
     * order.
     */
    static void rows(StringBuilder csv, String arch1, String config1, double[] acc1, String arch2, String config2,
                     double[] acc2, GroupMatrix.Matrices m, boolean symmetric) {
        List<String> g = AnalysisGroups.ORDER;
        double[][][] values = {m.dsa(), m.procrustes(), m.cka()};
        for (int i = 0; i < g.size(); i++) {
            for (int j = symmetric ? i + 1 : 0; j < g.size(); j++) {
                if (m.dsaRank()[i][j] == 0) {
                    continue; // not computed: a group is absent
                }
                for (int k = 0; k < METRICS.size(); k++) {
                    csv.append(arch1).append(',').append(config1).append(',').append(g.get(i)).append(',')
                            .append(arch2).append(',').append(config2).append(',').append(g.get(j)).append(',')
                            .append(METRICS.get(k)).append(',').append(values[k][i][j]).append(',')
                            .append(acc1[i]).append(',').append(acc2[j]).append('\n');
                }
            }
        }
    }
}
