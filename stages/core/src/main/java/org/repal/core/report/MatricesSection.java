package org.repal.core.report;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.analysis.findings.Num;
import org.repal.core.analysis.findings.PaperClaims;
import org.repal.core.analysis.findings.PairTable;
import org.repal.core.analysis.findings.RunFindings;
import org.repal.core.analysis.results.DissimilarityRow;

/**
 * "Group matrices": the 10 × 10 group heatmaps per architecture and metric (mean over configs), the RNN-vs-Mamba
 * heatmaps (mean over config pairs) and an MDS embedding per metric of the RNN and Mamba networks.
 */
final class MatricesSection {

    private static final List<String> G = AnalysisGroups.ORDER;

    private MatricesSection() {
    }

    static void add(ReportBundle b, RunFindings f) {
        HtmlReport h = b.html();
        PairTable pairs = f.pairs();
        h.section("Group matrices", "matrices");
        h.paragraph("Cell (i, j): the mean over configs of the dissimilarity between group i and group j of the same "
                + "config (each unordered pair once; the diagonal, a network with itself, is not computed and stays "
                + "grey, as do pairs with an absent group). CKA and Procrustes are angles scaled to [0, 1]; DSA is "
                + "an angle in radians (spec §10.20).");
        List<List<String>> cells = new ArrayList<>();
        for (String arch : RunFindings.ARCHS) {
            List<String> configs = pairs.configs(arch);
            String name = PaperClaims.archName(arch);
            if (configs.isEmpty()) {
                h.paragraph(name + ": no group matrices in this run.");
                continue;
            }
            for (String metric : DissimilarityRow.METRICS) {
                double[][] mean = new double[G.size()][G.size()];
                int maxN = 0;
                for (int i = 0; i < G.size(); i++) {
                    mean[i][i] = Double.NaN;
                    for (int j = i + 1; j < G.size(); j++) {
                        double s = 0;
                        int n = 0;
                        for (String c : configs) {
                            var v = pairs.value(arch, c, G.get(i), G.get(j), metric);
                            if (v.isPresent()) {
                                s += v.getAsDouble();
                                n++;
                            }
                        }
                        mean[i][j] = mean[j][i] = n == 0 ? Double.NaN : s / n;
                        maxN = Math.max(maxN, n);
                        if (n > 0) {
                            cells.add(List.of(arch, metric, G.get(i), G.get(j), Integer.toString(n),
                                    Num.csv(mean[i][j])));
                        }
                    }
                }
                b.figure(HeatmapChart.render("heatmap-" + arch + "-" + metric, name + " " + PaperClaims.metricName(metric)
                                + ": group × group", "Mean over " + configs.size() + " config(s); at most " + maxN
                                + " value(s) per cell (n per cell in tables/group_matrices.csv).", mean, G, G, true,
                        Double.NaN, Double.NaN, PaperClaims.metricName(metric)));
            }
        }
        b.csv("group_matrices", List.of("arch", "metric", "group1", "group2", "n_configs", "mean"), cells);
        List<List<String>> cross = pairs.crossConfigs();
        h.subsection("RNN vs Mamba");
        if (cross.isEmpty()) {
            h.paragraph("No RNN-vs-Mamba matrices in this run (config section dissimilarity.rnn_vs_mamba).");
            return;
        }
        List<List<String>> crossCells = new ArrayList<>();
        for (String metric : DissimilarityRow.METRICS) {
            double[][] m = new double[G.size()][G.size()];
            for (int i = 0; i < G.size(); i++) {
                for (int j = 0; j < G.size(); j++) {
                    double s = 0;
                    int n = 0;
                    for (List<String> cp : cross) {
                        double v = pairs.crossValue(cp.get(0), G.get(i), cp.get(1), G.get(j), metric);
                        if (!Double.isNaN(v)) {
                            s += v;
                            n++;
                        }
                    }
                    m[i][j] = n == 0 ? Double.NaN : s / n;
                    if (n > 0) {
                        crossCells.add(List.of(metric, G.get(i), G.get(j), Integer.toString(n), Num.csv(m[i][j])));
                    }
                }
            }
            b.figure(HeatmapChart.render("heatmap-rnn-vs-mamba-" + metric, "RNN (rows) vs Mamba (columns) "
                            + PaperClaims.metricName(metric), "Mean over " + cross.size() + " (RNN config, Mamba config) "
                            + "pair(s); every (RNN group, Mamba group) cell computed.", m, G, G, false, Double.NaN,
                    Double.NaN, PaperClaims.metricName(metric)));
        }
        b.csv("rnn_vs_mamba", List.of("metric", "rnn_group", "mamba_group", "n_config_pairs", "mean"), crossCells);
        Embedding.add(b, pairs, cross);
    }
}
