package org.repal.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.repal.core.analysis.findings.AttractorEvidence;
import org.repal.core.analysis.findings.Num;
import org.repal.core.analysis.findings.PaperClaims;
import org.repal.core.analysis.findings.RunFindings;
import org.repal.core.analysis.results.AttractorResults;
import org.repal.core.analysis.results.DissimilarityRow;
import org.repal.core.analysis.stats.Summary;

/**
 * "Attractor bench": regime separation (heatmaps, within vs across with the permutation test), noise curves, the
 * composition curve (dissimilarity against shared motifs) and the composition heatmaps.
 */
final class AttractorSection {

    private AttractorSection() {
    }

    static void add(ReportBundle b, RunFindings f, AttractorResults a) {
        HtmlReport h = b.html();
        h.section("Attractor bench", "attractors");
        if (a == null) {
            h.paragraph("This run has no attractor bench (config section attractors).");
            return;
        }
        h.paragraph("The Lorenz / motif bench of spec §7 (" + a.systems().size() + " systems, " + a.compositions().size()
                + " compositions; settings under Run and provenance). Pairs are unordered, never self-pairs; the "
                + "permutation tests shuffle the systems' regime labels (or the compositions' names) across the "
                + "matrix rows.");
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> shown = new ArrayList<>();
        for (String m : DissimilarityRow.METRICS) {
            AttractorEvidence.Regimes r = f.regimes().get(m);
            boolean t = r.test() != null;
            rows.add(List.of(m, Num.csv(r.withinMean()), Integer.toString(r.within().length), Num.csv(r.acrossMean()),
                    Integer.toString(r.across().length), t ? Num.csv(r.test().observed()) : "",
                    t ? Num.csv(r.test().p()) : "", t ? Integer.toString(r.test().permutations()) : ""));
            shown.add(List.of(PaperClaims.metricName(m), Num.v(r.withinMean()), Integer.toString(r.within().length),
                    Num.v(r.acrossMean()), Integer.toString(r.across().length), t ? Num.signed(r.test().observed()) : "",
                    t ? Num.p(r.test().p()) : "", t ? Integer.toString(r.test().permutations()) : ""));
        }
        b.table("attractor_regimes", "Test 1: within- vs across-regime dissimilarity", List.of("metric", "within_mean",
                "within_pairs", "across_mean", "across_pairs", "across_minus_within", "permutation_p",
                "permutations"), rows, shown);
        List<String> labels = a.systems().stream().map(s -> s.replace("_attractors", "").replace("_attractor", ""))
                .toList();
        for (String m : DissimilarityRow.METRICS) {
            b.figure(HeatmapChart.render("attractor-regimes-" + m, "Regimes: " + PaperClaims.metricName(m),
                    "Dissimilarity between the " + a.systems().size() + " simulated systems (3 regimes × 3 values of "
                            + "rho); diagonal: a system with itself.", a.regimes().get(m), labels, labels, true,
                    Double.NaN, Double.NaN, PaperClaims.metricName(m)));
        }
        noise(b, a);
        composition(b, f, a);
    }

    private static void noise(ReportBundle b, AttractorResults a) {
        List<IntervalChart.Panel> panels = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (String which : List.of("model12", "model23")) {
            List<IntervalChart.Series> series = new ArrayList<>();
            for (String m : DissimilarityRow.METRICS) {
                AttractorResults.NoiseSeries s = a.noise().get(m).get(which);
                double[] x = new double[s.mean().length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i + 1;
                    rows.add(List.of(m, which, Integer.toString(i + 1), Integer.toString(a.noisePairs()),
                            Num.csv(s.mean()[i]), Num.csv(s.sem()[i]), Num.csv(s.r2()), Num.csv(s.gap())));
                }
                series.add(new IntervalChart.Series(PaperClaims.metricName(m), x, s.mean(), s.sem()));
            }
            panels.add(new IntervalChart.Panel(which.equals("model12") ? "same pattern, noise falls"
                    : "pattern vs pattern + mixed motif", series));
        }
        b.figure(IntervalChart.renderPanels(IntervalChart.Style.ERROR_BARS, "attractor-noise", "Test 2: noise robustness", "Mean ± SEM over "
                + a.noisePairs() + " ordered pattern pairs per epoch (noise and mixing fall with the epoch).", "epoch",
                "dissimilarity", panels));
        b.csv("attractor_noise", List.of("metric", "comparison", "epoch", "pairs", "mean", "sem", "r2", "gap"), rows);
    }

    private static void composition(ReportBundle b, RunFindings f, AttractorResults a) {
        List<IntervalChart.Series> series = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> shown = new ArrayList<>();
        for (Map.Entry<String, AttractorEvidence.Composition> e : f.composition().entrySet()) {
            AttractorEvidence.Composition c = e.getValue();
            double[] x = new double[c.shared().length];
            double[] y = new double[x.length];
            double[] err = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                Summary s = c.summary().get(i);
                x[i] = c.shared()[i];
                y[i] = s.mean();
                err[i] = s.sem();
                boolean t = c.fit() != null;
                rows.add(List.of(e.getKey(), Integer.toString(c.shared()[i]), Integer.toString(s.n()),
                        Num.csv(s.mean()), Num.csv(s.sem()), t ? Num.csv(c.fit().slope()) : "",
                        t ? Num.csv(c.spearman().coefficient()) : "", t ? Num.csv(c.test().p()) : ""));
                shown.add(List.of(PaperClaims.metricName(e.getKey()), Integer.toString(c.shared()[i]),
                        Integer.toString(s.n()), Num.v(s.mean()), Num.v(s.sem()), t ? Num.signed(c.fit().slope()) : "",
                        t ? Num.v(c.spearman().coefficient()) : "", t ? Num.p(c.test().p()) : ""));
            }
            series.add(new IntervalChart.Series(PaperClaims.metricName(e.getKey()), x, y, err));
        }
        b.table("attractor_composition", "Test 3: dissimilarity by number of shared motifs (unordered)",
                List.of("metric", "shared_motifs", "pairs", "mean", "sem", "slope", "spearman_rho",
                        "permutation_p_falls"), rows, shown);
        b.figure(IntervalChart.render(IntervalChart.Style.ERROR_BARS, "attractor-composition-curve", "Test 3: dissimilarity vs shared motifs",
                "Mean ± SEM over composition pairs sharing 1, 2 or 3 motifs (any position), self-pairs excluded.",
                "shared motifs", "dissimilarity", series));
        for (String m : DissimilarityRow.METRICS) {
            b.figure(HeatmapChart.render("attractor-composition-" + m, "Compositions: " + PaperClaims.metricName(m),
                    "Dissimilarity between the " + a.compositions().size() + " compositions of three motifs.",
                    a.composition().get(m), a.compositions(), a.compositions(), true, Double.NaN, Double.NaN,
                    PaperClaims.metricName(m)));
        }
    }
}
