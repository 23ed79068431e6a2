package org.repal.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** One small figure of every chart type, from seeded data: each supplier builds its data afresh. */
final class SampleFigures {

    static final List<String> GROUPS = List.of("untrained", "master_frozen", "pretrain_partial", "pretrain_frozen",
            "pretrain_unfrozen");

    private SampleFigures() {
    }

    /** Chart name → a supplier rendering it. */
    static Map<String, Supplier<Figure>> all() {
        Map<String, Supplier<Figure>> m = new LinkedHashMap<>();
        m.put("heatmap", SampleFigures::heatmap);
        m.put("boxplot", SampleFigures::boxplot);
        m.put("curves", SampleFigures::curves);
        m.put("scatter", SampleFigures::scatter);
        m.put("embedding", SampleFigures::embedding);
        m.put("trial", SampleFigures::trial);
        m.put("trajectories", SampleFigures::trajectories);
        m.put("lines", SampleFigures::lines);
        return m;
    }

    static Figure heatmap() {
        SplittableRandom r = new SplittableRandom(1);
        int n = GROUPS.size();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                m[i][j] = 0.2 + 0.5 * r.nextDouble();
            }
        }
        m[1][3] = Double.NaN;
        return HeatmapChart.render("heatmap", "DSA <group> matrix", "Mean dissimilarity & NaN", m, GROUPS, GROUPS,
                true);
    }

    static Figure boxplot() {
        SplittableRandom r = new SplittableRandom(2);
        List<BoxplotChart.Panel> panels = new ArrayList<>();
        for (String metric : List.of("DSA", "CKA")) {
            List<BoxplotChart.Box> boxes = new ArrayList<>();
            for (int l = 0; l < GROUPS.size(); l++) {
                for (String s : List.of("leaky_rnn", "leaky_gru")) {
                    double[] v = new double[12 + l];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = 0.6 - 0.05 * l + 0.1 * (r.nextDouble() - 0.5);
                    }
                    v[0] = Double.NaN;
                    boxes.add(new BoxplotChart.Box(GROUPS.get(l), s, v));
                }
            }
            panels.add(new BoxplotChart.Panel(metric, boxes));
        }
        return BoxplotChart.render("boxplot", "Distance to master", "", "dissimilarity to master", panels);
    }

    static Figure curves() {
        SplittableRandom r = new SplittableRandom(3);
        List<IntervalChart.Series> curves = new ArrayList<>();
        for (int level : new int[] {0, 33, 67, 100}) {
            double[] x = {0, 0.2, 0.4, 0.6, 0.8, 1.0};
            double[] y = new double[x.length];
            double[] sem = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = 0.58 - level / 400.0 * x[i] + 0.02 * r.nextDouble();
                sem[i] = 0.02;
            }
            curves.add(new IntervalChart.Series(level + " %", x, y, sem));
        }
        return IntervalChart.render(IntervalChart.Style.BANDS, "curves", "Dissimilarity over training", "SEM bands", "fraction of training",
                "dissimilarity", curves);
    }

    static Figure scatter() {
        SplittableRandom r = new SplittableRandom(4);
        List<ScatterFitChart.Group> groups = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            double[] x = new double[20];
            double[] y = new double[20];
            for (int i = 0; i < 20; i++) {
                x[i] = 50 * g + 10 * r.nextDouble();
                y[i] = 0.55 - 0.004 * x[i] + 0.05 * r.nextDouble();
            }
            groups.add(new ScatterFitChart.Group("level " + g, x, y));
        }
        return ScatterFitChart.render("scatter", "DSA vs shared tasks", "", "% shared tasks", "dissimilarity", groups,
                new ScatterFitChart.Fit(-0.004, 0.57, 0.8, 1e-20, 60));
    }

    static Figure embedding() {
        SplittableRandom r = new SplittableRandom(5);
        List<EmbeddingChart.Group> groups = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            double[] x = new double[8];
            double[] y = new double[8];
            for (int i = 0; i < 8; i++) {
                x[i] = g + 0.3 * r.nextDouble();
                y[i] = 0.5 * g + 0.3 * r.nextDouble();
            }
            groups.add(new EmbeddingChart.Group(GROUPS.get(g), x, y));
        }
        return EmbeddingChart.render("embedding", "MDS of all models", "", groups);
    }

    static Figure trial() {
        int steps = 60;
        double[][] inputs = new double[steps][7];
        double[] target = new double[steps];
        for (int t = 0; t < steps; t++) {
            inputs[t][0] = t < 50 ? 1 : 0;
            inputs[t][1] = t >= 10 && t < 50 ? 0.8 : 0;
            inputs[t][2] = t >= 10 && t < 50 ? 0.3 : 0;
            inputs[t][6] = 1;
            target[t] = t < 50 ? 0 : 2;
        }
        return TrialChart.render("trial", "AntiDelay trial", "", 20, inputs, target,
                List.of("AntiPDM", "PDM", "PDMDelay", "AntiDelay"));
    }

    static Figure trajectories() {
        List<TrajectoryChart.Trajectory> list = new ArrayList<>();
        String[] models = {"master", "untrained", "pretrain_frozen"};
        for (int m = 0; m < models.length; m++) {
            double[][] p = new double[40][3];
            for (int t = 0; t < p.length; t++) {
                double a = t / 8.0;
                p[t] = new double[] {(m + 1) * Math.cos(a), (m + 1) * Math.sin(a), 0.05 * t * (m - 1)};
            }
            list.add(new TrajectoryChart.Trajectory(models[m], p));
        }
        return TrajectoryChart.render("trajectories", "PCA trajectories", "", list);
    }

    static Figure lines() {
        List<IntervalChart.Series> series = new ArrayList<>();
        double[] x = {1, 2, 3};
        series.add(new IntervalChart.Series("DSA", x, new double[] {0.76, 0.63, 0.36}, new double[] {0.03, 0.02, 0.04}));
        series.add(new IntervalChart.Series("CKA", x, new double[] {0.8, 0.7, 0.65}, null));
        return IntervalChart.render(IntervalChart.Style.ERROR_BARS, "lines", "Shared motifs", "", "number of shared motifs", "dissimilarity", series);
    }
}
