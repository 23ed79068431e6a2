package org.repal.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.repal.core.analysis.findings.AccuracyRelation;
import org.repal.core.analysis.findings.Num;
import org.repal.core.analysis.findings.PaperClaims;
import org.repal.core.analysis.findings.RunFindings;
import org.repal.core.analysis.results.DissimilarityPart;
import org.repal.core.analysis.results.RunResults;

/**
 * "What is filtered": every row or network the statistics leave out and why, and the reference's filters this
 * report does not apply (spec §10.3, §10.29).
 */
final class FiltersSection {

    private FiltersSection() {
    }

    static void add(ReportBundle b, RunResults run, RunFindings f) {
        HtmlReport h = b.html();
        h.section("What is filtered", "filters");
        List<String> items = new ArrayList<>();
        items.add("Not applied, unlike the reference: no activation, architecture or hidden-size filter (the "
                + "reference's select_df dropped leaky_relu and tanh), no \"master accuracy == 1\" filter, no "
                + "dropping of configs whose matrix holds a missing group (absent groups are simply absent), and no "
                + "double counting: each unordered pair of networks enters once, never a network with itself.");
        items.add("Repeated rows: " + f.pairs().repeated() + " row(s) of dissimilarity.csv files repeat a pair "
                + "another task folder already has (a cross task recomputes the group matrices of the configs it "
                + "compares); the first is kept (per-architecture folders first), the largest difference between a "
                + "repeat and the kept value is " + Num.fixed(f.pairs().maxRepeatDifference(), 6) + ". Over-learning "
                + "rows repeated across folders: " + f.overLearningRepeats() + ".");
        for (String arch : RunFindings.ARCHS) {
            List<String> w = f.withoutMaster().get(arch);
            if (!w.isEmpty()) {
                items.add(PaperClaims.archName(arch) + " networks without a master in their config (no dissimilarity to "
                        + "master): " + String.join(", ", w) + ".");
            }
        }
        List<String> unfinished = new ArrayList<>();
        for (DissimilarityPart p : run.dissimilarity()) {
            for (JsonNode u : p.summary().path("unfinished_runs")) {
                if (!unfinished.contains(u.asText())) {
                    unfinished.add(u.asText());
                }
            }
        }
        items.add(unfinished.isEmpty() ? "Unfinished training runs the dissimilarity stage skipped: none."
                : "Unfinished training runs the dissimilarity stage skipped (no final weights): "
                + String.join(", ", unfinished) + ".");
        for (String arch : RunFindings.ARCHS) {
            AccuracyRelation a = f.accuracy().get(arch).get("dsa");
            if (a.models() > 0 || a.missingAccuracy() > 0) {
                items.add(PaperClaims.archName(arch) + " over learning: master against itself is left out (an identity "
                        + "check), untrained has no training series; " + a.missingAccuracy() + " snapshot pair(s) "
                        + "without a measured accuracy left out; " + a.withoutSlope().size() + " of " + a.models()
                        + " network(s) have no per-model slope"
                        + (a.withoutSlope().isEmpty() ? "" : " (" + String.join("; ", a.withoutSlope()) + ")") + ".");
            }
        }
        items.add("Accuracy: decision accuracy on the analysis task's validation samples, logged after the last "
                + "training epoch; untrained measured on its weights (see each dissimilarity summary.json).");
        for (String item : items) {
            h.paragraph(item);
        }
    }
}
