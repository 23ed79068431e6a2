package org.repal.core.report;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.analysis.findings.Claim;
import org.repal.core.analysis.findings.Num;
import org.repal.core.analysis.findings.RunFindings;

/** "Do the paper's claims hold here?": each claim with its verdict, the reference's numbers, the rule and the evidence. */
final class ClaimsSection {

    static final String TITLE = "Do the paper's claims hold here?";

    private ClaimsSection() {
    }

    static void add(ReportBundle b, RunFindings f) {
        HtmlReport h = b.html();
        h.section(TITLE, "claims");
        h.paragraph("Each claim of the paper (spec §8, §11) is put to this run's numbers with an explicit rule. A level "
                + "needs at least " + f.settings().rules().minModels() + " models, and a p-value counts below α = "
                + Num.fixed(f.settings().rules().alpha(), 2) + ". A claim without enough models is \"not enough "
                + "models at this scale\" whatever its p-values; the numbers the run has are shown anyway. \"Does not "
                + "hold\" means the evidence did not reach the rule, not that the opposite is proven. Every estimate "
                + "carries its n; bootstrap intervals use " + f.settings().resamples() + " resamples, permutation "
                + "tests " + f.settings().permutations() + " permutations, seeded from the run's seed "
                + f.settings().seed() + ".");
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> csv = new ArrayList<>();
        for (Claim c : f.claims()) {
            rows.add(List.of("(" + c.id() + ")", c.statement(), c.verdictWords()));
            csv.add(List.of(c.id(), c.statement(), c.verdictWords(), c.rule(), String.join("\n\n", c.evidence())));
        }
        b.csv("claims", List.of("claim", "statement", "verdict", "rule", "evidence"), csv);
        b.html().table("Verdicts at this run's scale", List.of("claim", "statement", "verdict"), rows,
                ReportBundle.TABLES + "claims.csv");
        for (Claim c : f.claims()) {
            StringBuilder text = new StringBuilder("Verdict: ").append(c.verdictWords()).append(".\n\n")
                    .append(c.reference()).append("\n\nRule: ").append(c.rule());
            for (String e : c.evidence()) {
                text.append("\n\n").append(e);
            }
            h.claim("(" + c.id() + ") " + c.statement(), c.verdict(), text.toString());
        }
    }
}
