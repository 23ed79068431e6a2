package org.repal.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.repal.core.analysis.findings.Num;
import org.repal.core.analysis.findings.RunFindings;
import org.repal.core.analysis.results.DissimilarityPart;
import org.repal.core.analysis.results.LearningPart;
import org.repal.core.analysis.results.RunResults;
import org.repal.core.analysis.results.TaskRecord;

/**
 * "Run and provenance": code versions, seeds, the statistics' settings, the analysis stages' settings, wall times
 * and machines per task, every output's SHA-256 (as CSV) and the experiment config. Only facts recorded in the
 * run's artifacts (and the report build's own version and machine) appear, so a rebuild gives the same page.
 */
final class ProvenanceSection {
    private static final ObjectWriter PRETTY = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private ProvenanceSection() {
    }

    static void add(ReportBundle b, RunResults run, RunFindings f, ReportInfo info) {
        HtmlReport h = b.html();
        h.section("Run and provenance", "provenance");
        List<List<String>> facts = new ArrayList<>();
        facts.add(List.of("report stage code version", info.codeVersion()));
        facts.add(List.of("code version of the data (data/manifest.json)", run.dataManifest().path("code_version")
                .asText("not recorded")));
        facts.add(List.of("task set", run.taskset()));
        facts.add(List.of("report built on", info.machine()));
        facts.add(List.of("seed of the report's bootstrap and permutations", Long.toString(f.settings().seed())));
        facts.add(List.of("seed of the data (generate)", run.dataManifest().path("seed").asText("not recorded")));
        if (run.attractors() != null) {
            facts.add(List.of("seed of the attractor bench", run.attractors().settings().path("seed")
                    .asText("not recorded")));
        }
        facts.add(List.of("verdict rules", "at least " + f.settings().rules().minModels() + " models per level, α = "
                + Num.fixed(f.settings().rules().alpha(), 2)));
        facts.add(List.of("bootstrap resamples / permutations", f.settings().resamples() + " / "
                + f.settings().permutations()));
        h.table("Run", List.of("fact", "value"), facts, null);

        List<List<String>> parts = new ArrayList<>();
        for (DissimilarityPart p : run.dissimilarity()) {
            parts.add(settings("dissimilarity/" + p.name(), p.summary()));
        }
        for (LearningPart p : run.learning()) {
            parts.add(settings("learning-dynamics/" + p.name(), p.summary()));
        }
        List<String> header = List.of("folder", "trials", "trials_sha256", "window", "pca", "dsa", "units");
        b.table("analysis_settings", "Analysis stages' settings (their summary.json)", header, parts, parts);
        if (run.attractors() != null) {
            h.preformatted("Attractor bench settings (attractors/summary.json)", pretty(run.attractors().settings()));
        }

        List<List<String>> times = new ArrayList<>();
        Map<String, double[]> perStage = new TreeMap<>();
        List<List<String>> hashes = new ArrayList<>();
        for (TaskRecord t : run.tasks()) {
            times.add(List.of(t.task(), t.stage(), t.seconds() == null ? "" : Num.csv(t.seconds()),
                    t.secondsSource() == null ? "not recorded" : t.secondsSource(),
                    t.machine() == null ? "not recorded" : t.machine(), Integer.toString(t.outputs().size())));
            double[] s = perStage.computeIfAbsent(t.stage(), k -> new double[3]);
            s[0]++;
            if (t.seconds() != null) {
                s[1] += t.seconds();
                s[2] = Math.max(s[2], t.seconds());
            }
            t.outputs().forEach((k, v) -> hashes.add(List.of(t.task(), k, v)));
        }
        List<List<String>> stages = new ArrayList<>();
        perStage.forEach((stage, s) -> stages.add(List.of(stage, Integer.toString((int) s[0]), Num.fixed(s[1], 1),
                Num.fixed(s[2], 1))));
        h.paragraph("Wall times: the stage's run time as its task marker (.repal/tasks/<task>.json) records it, or, "
                + "for markers written before markers recorded it, the last line of a local run's log "
                + "(.repal/logs/<task>.log); \"not recorded\" otherwise (e.g. on S3 with older markers). The report's "
                + "own task is not listed: its marker is written after the report. Times are those recorded when this report "
                + "was built; a task rerun later without changing its outputs does not rebuild the report.");
        b.table("wall_times_per_stage", "Wall time per stage (seconds; sum and longest task)",
                List.of("stage", "tasks", "seconds_total", "seconds_max"), stages, stages);
        b.table("tasks", "Finished tasks", List.of("task", "stage", "seconds", "seconds_from", "machine", "outputs"),
                times, times);
        b.csv("artifacts", List.of("task", "key", "sha256"), hashes);
        h.paragraph("The SHA-256 of every task output (" + hashes.size() + " files): tables/artifacts.csv.");
        String config = run.configJson() == null ? null : pretty(parse(run.configJson()));
        h.preformatted("Experiment config", config == null
                ? "Not recorded in this run (the report task of a pipeline run records it as report/config.json)."
                : config);
        if (config != null) {
            b.file("config.json", (config + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static List<String> settings(String folder, JsonNode s) {
        JsonNode t = s.path("trials");
        JsonNode w = s.path("window");
        JsonNode pca = s.path("pca");
        JsonNode dsa = s.path("dsa");
        return List.of(folder, t.path("task").asText() + " × " + t.path("count").asText(),
                t.path("sha256").asText(), w.path("mode").asText() + " [" + w.path("start").asText() + ", "
                        + w.path("end").asText() + ")", pca.path("components").asText() + " components, z-score "
                        + pca.path("zscore").asText(), "n_delays " + dsa.path("n_delays").asText() + ", interval "
                        + dsa.path("delay_interval").asText() + ", rank " + dsa.path("rank").asText() + ", "
                        + dsa.path("optimizer").asText() + " × " + dsa.path("iters").asText() + ", "
                        + dsa.path("score").asText(), s.path("units").toString());
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("experiment config: not valid JSON", e);
        }
    }

    static String pretty(JsonNode n) {
        try {
            return PRETTY.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree serialises", e);
        }
    }
}
