package org.repal.core.report;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.analysis.findings.PaperClaims;
import org.repal.core.analysis.findings.PairTable;
import org.repal.core.analysis.results.DissimilarityRow;

/**
 * The MDS figure: per metric, the RNN and Mamba networks of the (RNN config, Mamba config) pairs that have an
 * RNN-vs-Mamba matrix, embedded together. The matrix embedded has the 10 RNN groups and the 10 Mamba groups as rows:
 * within-architecture blocks from each config's own group matrix, the off-diagonal block from the RNN-vs-Mamba
 * matrix, each cell averaged over the config pairs (with one pair, each point is one network). Groups absent from
 * every pair are left out (named in the caption), so the matrix is complete.
 */
final class Embedding {

    private Embedding() {
    }

    static void add(ReportBundle b, PairTable pairs, List<List<String>> cross) {
        List<String> g = AnalysisGroups.ORDER;
        for (String metric : DissimilarityRow.METRICS) {
            int n = 2 * g.size();
            double[][] sum = new double[n][n];
            int[][] count = new int[n][n];
            for (List<String> cp : cross) {
                String[] configs = {cp.get(0), cp.get(1)};
                String[] archs = {"rnn", "mamba"};
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        int ai = i / g.size();
                        int aj = j / g.size();
                        String gi = g.get(i % g.size());
                        String gj = g.get(j % g.size());
                        double v = ai == aj
                                ? pairs.value(archs[ai], configs[ai], gi, gj, metric).orElse(Double.NaN)
                                : pairs.crossValue(configs[0], gi, configs[1], gj, metric);
                        if (!Double.isNaN(v)) {
                            sum[i][j] += v;
                            count[i][j]++;
                        }
                    }
                }
            }
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                keep.add(i);
            }
            List<String> dropped = new ArrayList<>();
            while (true) { // drop the row missing most cells until the matrix is complete
                int worst = -1;
                int worstMissing = 0;
                for (int i : keep) {
                    int missing = 0;
                    for (int j : keep) {
                        if (i != j && count[Math.min(i, j)][Math.max(i, j)] == 0) {
                            missing++;
                        }
                    }
                    if (missing > worstMissing) {
                        worst = i;
                        worstMissing = missing;
                    }
                }
                if (worst < 0) {
                    break;
                }
                keep.remove(Integer.valueOf(worst));
                dropped.add((worst < g.size() ? "RNN " : "Mamba ") + g.get(worst % g.size()));
            }
            if (keep.size() < 3) {
                b.html().paragraph(PaperClaims.metricName(metric) + ": fewer than 3 networks with a complete "
                        + "dissimilarity matrix, no embedding.");
                continue;
            }
            double[][] d = new double[keep.size()][keep.size()];
            for (int a = 0; a < keep.size(); a++) {
                for (int c = a + 1; c < keep.size(); c++) {
                    int i = keep.get(a);
                    int j = keep.get(c);
                    d[a][c] = d[c][a] = sum[i][j] / count[i][j];
                }
            }
            double[][] xy = ClassicalMds.embed(d);
            List<EmbeddingChart.Group> rnn = new ArrayList<>();
            List<EmbeddingChart.Group> mamba = new ArrayList<>();
            for (int a = 0; a < keep.size(); a++) {
                int i = keep.get(a);
                EmbeddingChart.Group p = new EmbeddingChart.Group(g.get(i % g.size()), new double[] {xy[a][0]},
                        new double[] {xy[a][1]});
                (i < g.size() ? rnn : mamba).add(p);
            }
            b.figure(EmbeddingChart.render("mds-" + metric, "MDS of RNN and Mamba networks, "
                            + PaperClaims.metricName(metric), "Classical MDS of the " + keep.size() + " × " + keep.size()
                            + " matrix of RNN groups (filled) and Mamba groups (open circles): within-architecture "
                            + "cells from each config's group matrix, RNN-vs-Mamba cells from the cross matrix, "
                            + "averaged over " + cross.size() + " (RNN config, Mamba config) pair(s). Colour: group."
                            + (dropped.isEmpty() ? "" : " Left out (no values): " + String.join(", ", dropped) + "."),
                    "dimension 1", "dimension 2", rnn, mamba));
        }
    }
}
