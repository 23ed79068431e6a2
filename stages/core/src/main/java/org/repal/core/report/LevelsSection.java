package org.repal.core.report;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.analysis.findings.AnalysisLevel;
import org.repal.core.analysis.findings.DistanceToMaster;
import org.repal.core.analysis.findings.LevelStatistics;
import org.repal.core.analysis.findings.Num;
import org.repal.core.analysis.findings.PaperClaims;
import org.repal.core.analysis.findings.RunFindings;
import org.repal.core.analysis.results.DissimilarityRow;
import org.repal.core.analysis.stats.LevelTests;

/**
 * "Dissimilarity to master": per architecture and metric the level table (n, mean, SD, SEM, bootstrap CI,
 * quartiles), box plots per level, the pairwise level tests with BH and the permutation null of level separation;
 * the per-model values as CSV.
 */
final class LevelsSection {

    private LevelsSection() {
    }

    static void add(ReportBundle b, RunFindings f) {
        HtmlReport h = b.html();
        h.section("Dissimilarity to master", "levels");
        h.paragraph("Each trained network's dissimilarity to the master network of its own config, grouped in the five "
                + "analysis levels: untrained, master_frozen, partial (pretrain_basic, _anti, _delay, _basic_anti and "
                + "_basic_delay, all frozen), full_frozen (pretrain_frozen) and full_unfrozen (pretrain_unfrozen). "
                + "One value per network: pairs are unordered and counted once, no network is compared with itself. "
                + "Mean ± SEM over networks, 95 % percentile bootstrap CI of the mean. Networks of one config share "
                + "their master, so levels are not fully independent samples.");
        List<List<String>> csv = new ArrayList<>();
        List<List<String>> shown = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (String arch : RunFindings.ARCHS) {
            for (String metric : DissimilarityRow.METRICS) {
                LevelStatistics st = f.levels().get(arch).get(metric);
                for (LevelStatistics.Row r : st.rows()) {
                    boolean any = r.n() > 0;
                    boolean ci = r.ci() != null;
                    csv.add(List.of(arch, metric, r.level().label(), Integer.toString(r.n()),
                            any ? Num.csv(r.summary().mean()) : "", any ? Num.csv(r.summary().sd()) : "",
                            any ? Num.csv(r.summary().sem()) : "", ci ? Num.csv(r.ci().lower()) : "",
                            ci ? Num.csv(r.ci().upper()) : "", any ? Num.csv(r.summary().median()) : "",
                            any ? Num.csv(r.summary().q1()) : "", any ? Num.csv(r.summary().q3()) : ""));
                    shown.add(List.of(arch, PaperClaims.metricName(metric), r.level().label(),
                            Integer.toString(r.n()), any ? Num.v(r.summary().mean()) : "", any ? Num.v(r.summary().sd()) : "",
                            any ? Num.v(r.summary().sem()) : "", ci ? Num.v(r.ci().lower()) : "",
                            ci ? Num.v(r.ci().upper()) : "", any ? Num.v(r.summary().median()) : "",
                            any ? Num.v(r.summary().q1()) : "", any ? Num.v(r.summary().q3()) : ""));
                }
                for (DistanceToMaster d : st.values()) {
                    values.add(List.of(d.arch(), d.config(), d.group(), d.level().label(), d.metric(),
                            Num.csv(d.value())));
                }
            }
        }
        b.table("levels", "Dissimilarity to master per level (n = networks)", List.of("arch", "metric", "level", "n",
                "mean", "sd", "sem", "ci95_low", "ci95_high", "median", "q1", "q3"), csv, shown);
        b.csv("distance_to_master", List.of("arch", "config", "group", "level", "metric", "value"), values);
        h.paragraph("Every network's value: tables/distance_to_master.csv.");
        for (String arch : RunFindings.ARCHS) {
            List<BoxplotChart.Panel> panels = new ArrayList<>();
            for (String metric : DissimilarityRow.METRICS) {
                LevelStatistics st = f.levels().get(arch).get(metric);
                List<BoxplotChart.Box> boxes = new ArrayList<>();
                for (AnalysisLevel l : AnalysisLevel.values()) {
                    double[] v = st.values().stream().filter(d -> d.level() == l)
                            .mapToDouble(DistanceToMaster::value).toArray();
                    if (v.length > 0) {
                        boxes.add(new BoxplotChart.Box(l.label(), "", v));
                    }
                }
                if (!boxes.isEmpty()) {
                    panels.add(new BoxplotChart.Panel(PaperClaims.metricName(metric), boxes));
                }
            }
            String name = PaperClaims.archName(arch);
            if (panels.isEmpty()) {
                h.paragraph(name + ": no networks with a master in their config, so no box plot.");
                continue;
            }
            b.figure(BoxplotChart.render("boxplot-distance-to-master-" + arch, name + ": dissimilarity to master "
                            + "per level", "Box: median and quartiles; whiskers to 1.5 IQR; filled marker: mean. "
                            + "One point per network; n per level under each box.", "dissimilarity to master",
                    panels));
        }
        List<List<String>> tests = new ArrayList<>();
        List<List<String>> testsShown = new ArrayList<>();
        List<List<String>> perm = new ArrayList<>();
        for (String arch : RunFindings.ARCHS) {
            for (String metric : DissimilarityRow.METRICS) {
                LevelStatistics st = f.levels().get(arch).get(metric);
                for (LevelTests.PairTest t : st.tests()) {
                    tests.add(List.of(arch, metric, t.level1(), t.level2(), Integer.toString(t.n1()),
                            Integer.toString(t.n2()), Num.csv(t.meanDifference()), Num.csv(t.t()), Num.csv(t.df()),
                            Num.csv(t.p()), Num.csv(t.pAdjusted()), Num.csv(t.hedgesG())));
                    testsShown.add(List.of(arch, PaperClaims.metricName(metric), t.level1(), t.level2(),
                            Integer.toString(t.n1()), Integer.toString(t.n2()), Num.signed(t.meanDifference()),
                            Num.fixed(t.t(), 2), Num.fixed(t.df(), 1), Num.p(t.p()), Num.p(t.pAdjusted()),
                            Num.fixed(t.hedgesG(), 2)));
                }
                if (st.permutation() != null) {
                    perm.add(List.of(arch, metric, Integer.toString(st.permutation().groupSizes().length),
                            Integer.toString(st.permutation().n()), Num.csv(st.permutation().observed()),
                            Num.csv(st.permutation().p()), Integer.toString(st.permutation().permutations())));
                }
            }
        }
        h.paragraph("Pairwise level tests: Welch's t-test for every unordered pair of levels once (10 pairs, not "
                + "both orders), Benjamini–Hochberg over the testable pairs of each architecture and metric, Hedges' g. "
                + "A pair with a level of fewer than 2 networks is not testable (empty cells).");
        b.table("level_tests", "Pairwise level tests (BH-adjusted)", List.of("arch", "metric", "level1", "level2",
                "n1", "n2", "mean1_minus_mean2", "t", "df", "p", "p_bh", "hedges_g"), tests, testsShown);
        h.paragraph("Permutation null per metric: the one-way F of the levels with networks, against the F of level "
                + "labels shuffled across networks.");
        b.table("level_permutation", "Level separation against shuffled level labels", List.of("arch", "metric",
                "levels", "n", "f", "p", "permutations"), perm, perm.stream().map(r -> List.of(r.get(0),
                PaperClaims.metricName(r.get(1)), r.get(2), r.get(3), Num.fixed(Double.parseDouble(r.get(4)), 2),
                Num.p(Double.parseDouble(r.get(5))), r.get(6))).toList());
    }
}
