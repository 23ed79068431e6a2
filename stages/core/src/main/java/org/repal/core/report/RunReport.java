package org.repal.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.repal.core.analysis.findings.PaperClaims;
import org.repal.core.analysis.findings.RunFindings;
import org.repal.core.analysis.results.RunResults;

/**
 * Assembles the report of a run: one self-contained page with the claims first, then the tables and figures behind
 * them, what was filtered, and the run's provenance; every figure also as PNG and SVG and every table as CSV beside
 * it. A pure function of the run's artifacts and the settings: equal inputs give equal bytes.
 */
public final class RunReport {

    private RunReport() {
    }

    /** The report's page and files (nothing written). */
    public static ReportContent build(RunResults run, RunFindings findings, ReportInfo info) {
        // A simulated run (repal run --simulate) marks its data manifest: every number on the page is a stand-in.
        boolean simulated = run.dataManifest().has("simulated");
        ReportBundle b = new ReportBundle("repal report: " + name(run) + (simulated ? " (SIMULATED)" : ""));
        if (simulated) {
            b.html().paragraph("SIMULATED RUN: this run was made with repal run --simulate (stub compute: no "
                    + "network was trained and no metric computed). Every number, verdict and figure below is a "
                    + "stand-in that only shows that the pipeline's outputs are complete and readable.");
        }
        b.html().paragraph(overview(run, findings));
        ClaimsSection.add(b, findings);
        LevelsSection.add(b, findings);
        MatricesSection.add(b, findings);
        LearningSection.add(b, findings);
        AttractorSection.add(b, findings, run.attractors());
        ExamplesSection.add(b, run);
        FiltersSection.add(b, run, findings);
        ProvenanceSection.add(b, run, findings, info);
        b.file(ReportSettings.FILE, ReportSettings.json(findings.settings()));
        return b.content();
    }

    private static String name(RunResults run) {
        if (run.configJson() != null) {
            try {
                String n = new ObjectMapper().readTree(run.configJson()).path("name").asText("");
                if (!n.isBlank()) {
                    return n;
                }
            } catch (IOException e) {
                // the reader checked it; a name is only a title
            }
        }
        return "experiment";
    }

    private static String overview(RunResults run, RunFindings f) {
        List<String> parts = new ArrayList<>();
        for (String arch : RunFindings.ARCHS) {
            List<String> configs = f.pairs().configs(arch);
            int networks = 0;
            for (String c : configs) {
                networks += f.pairs().groups(arch, c).size();
            }
            parts.add((PaperClaims.archName(arch)) + ": " + configs.size() + " config(s), " + networks
                    + " network(s) in group matrices");
        }
        return "What this run holds — " + String.join("; ", parts) + "; " + run.learning().size()
                + " learning-dynamics folder(s); attractor bench " + (run.attractors() == null ? "absent" : "present")
                + "; task set " + run.taskset() + ". Figures are embedded; each links its SVG, each table its CSV "
                + "(figures/ and tables/ beside this page).";
    }
}
