package org.repal.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.analysis.findings.Claim;
import org.repal.core.analysis.findings.FindingsSettings;
import org.repal.core.analysis.findings.RunFindings;
import org.repal.core.analysis.results.RunReader;
import org.repal.core.analysis.results.RunResults;
import org.repal.core.analysis.stats.Verdict;
import org.repal.core.analysis.stats.VerdictRules;
import org.repal.core.store.LocalArtifactStore;

/**
 * The report of a synthetic run: every figure and table, each claim with a verdict its numbers support, numbers
 * that match a recomputation from the raw CSV written here, the same bytes on a rebuild, and "not enough models"
 * with one model per level.
 */
class RunReportTest {
    private static final FindingsSettings FAST = new FindingsSettings(0, VerdictRules.DEFAULT, 2000, 500);

    /** A run with 4 configs per architecture (enough models), built once for the tests that only read it. */
    @TempDir
    static Path enough;
    private static Built enoughBuilt;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildTheLargerRunOnce() {
        SyntheticRun.write(enough, 4, 4, 11);
        enoughBuilt = build(enough);
    }

    private record Built(RunFindings findings, ReportContent content) {
        String csv(String table) {
            return new String(content.files().get("tables/" + table + ".csv"), StandardCharsets.UTF_8);
        }
    }

    private static Built build(Path run) {
        try (LocalArtifactStore s = new LocalArtifactStore(run)) {
            RunResults r = RunReader.read(s, "{\"name\":\"synthetic\",\"seed\":0}");
            RunFindings f = RunFindings.compute(r, FAST);
            return new Built(f, RunReport.build(r, f, new ReportInfo("test", "test machine")));
        }
    }

    private static Map<String, Verdict> verdicts(RunFindings f) {
        Map<String, Verdict> out = new HashMap<>();
        for (Claim c : f.claims()) {
            out.put(c.id(), c.verdict());
        }
        return out;
    }

    @Test
    void everyFigureTableAndClaimIsThereAndTheDesignedClaimsHold() {
        Built b = enoughBuilt;
        String html = b.content().html();
        for (String fig : ReportExpectations.figures(SyntheticRun.TASKS)) {
            assertTrue(b.content().files().containsKey("figures/" + fig + ".png"), fig);
            assertTrue(b.content().files().containsKey("figures/" + fig + ".svg"), fig);
            assertTrue(html.contains("id=\"fig-" + fig.toLowerCase() + "\""), fig);
            assertTrue(html.contains("href=\"figures/" + fig + ".svg\""), fig);
        }
        for (String t : ReportExpectations.tables()) {
            assertTrue(b.content().files().containsKey("tables/" + t + ".csv"), t);
        }
        assertTrue(html.contains("<h2 id=\"claims\">Do the paper&#39;s claims hold here?</h2>")
                || html.contains("<h2 id=\"claims\">Do the paper's claims hold here?</h2>"), "claims section");
        assertEquals(4, count(html, "<div class=\"claim\""), "one block per claim");
        assertEquals(Map.of("a", Verdict.HOLDS, "b", Verdict.HOLDS, "c", Verdict.HOLDS, "d", Verdict.HOLDS),
                verdicts(b.findings()), "the synthetic numbers were built so that every claim holds");
        assertFalse(html.contains("<script"), "no scripts");
        assertTrue(b.content().files().containsKey("config.json"));
    }

    @Test
    void levelMeansAndTheSharedTaskRegressionMatchARecomputationFromTheRawTable() throws Exception {
        Path dir = enough;
        Built b = enoughBuilt;
        // Independent recomputation: the per-architecture CSV as written, each (group, master) pair one network.
        Map<String, String> level = new HashMap<>();
        level.put("untrained", "untrained");
        level.put("master_frozen", "master_frozen");
        for (String g : List.of("pretrain_basic_frozen", "pretrain_anti_frozen", "pretrain_delay_frozen",
                "pretrain_basic_anti_frozen", "pretrain_basic_delay_frozen")) {
            level.put(g, "partial");
        }
        level.put("pretrain_frozen", "full_frozen");
        level.put("pretrain_unfrozen", "full_unfrozen");
        Map<String, List<Double>> byLevel = new HashMap<>();
        List<double[]> shared = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("dissimilarity/rnn/dissimilarity.csv")).subList(1,
                Files.readAllLines(dir.resolve("dissimilarity/rnn/dissimilarity.csv")).size())) {
            String[] f = line.split(",");
            if (!f[6].equals("dsa")) {
                continue;
            }
            double v = Double.parseDouble(f[7]);
            if (f[2].equals("master") || f[5].equals("master")) {
                String other = f[2].equals("master") ? f[5] : f[2];
                byLevel.computeIfAbsent(level.get(other), k -> new ArrayList<>()).add(v);
            }
            shared.add(new double[] {jaccard(f[2], f[5]), v});
        }
        List<List<String>> levels = CsvTable.parse(b.csv("levels"));
        assertEquals(List.of("arch", "metric", "level", "n", "mean", "sd", "sem", "ci95_low", "ci95_high", "median",
                "q1", "q3"), levels.get(0));
        int checked = 0;
        for (List<String> row : levels.subList(1, levels.size())) {
            if (!row.get(0).equals("rnn") || !row.get(1).equals("dsa")) {
                continue;
            }
            List<Double> v = byLevel.get(row.get(2));
            assertEquals(v.size(), Integer.parseInt(row.get(3)), row.get(2) + ": n (the cross task's repeats not counted)");
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            assertEquals(mean, Double.parseDouble(row.get(4)), 1e-12, row.get(2));
            assertEquals(Math.sqrt(ss / (v.size() - 1)) / Math.sqrt(v.size()), Double.parseDouble(row.get(6)), 1e-12);
            assertTrue(Double.parseDouble(row.get(7)) <= mean && mean <= Double.parseDouble(row.get(8)), "CI holds mean");
            checked++;
        }
        assertEquals(5, checked);
        assertEquals(4, byLevel.get("untrained").size());
        assertEquals(20, byLevel.get("partial").size());

        double mx = shared.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = shared.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] p : shared) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
            syy += (p[1] - my) * (p[1] - my);
        }
        List<String> fit = CsvTable.parse(b.csv("regressions")).stream().filter(r -> r.get(0).equals("rnn")
                && r.get(1).equals("dsa") && r.get(2).startsWith("final") && r.get(3).equals("shared_tasks_percent"))
                .findFirst().orElseThrow();
        assertEquals(shared.size(), Integer.parseInt(fit.get(4)), "4 configs x 45 pairs");
        assertEquals(sxy / sxx, Double.parseDouble(fit.get(6)), 1e-12, "slope");
        assertEquals(sxy * sxy / (sxx * syy), Double.parseDouble(fit.get(10)), 1e-9, "R²");
    }

    /** The reference's find_group_pairs, written out independently. */
    private static int jaccard(String g1, String g2) {
        Map<String, Set<String>> p = new HashMap<>();
        for (String g : List.of("untrained", "master", "master_frozen")) {
            p.put(g, Set.of());
        }
        p.put("pretrain_basic_frozen", Set.of("B"));
        p.put("pretrain_anti_frozen", Set.of("A"));
        p.put("pretrain_delay_frozen", Set.of("D"));
        p.put("pretrain_basic_anti_frozen", Set.of("B", "A"));
        p.put("pretrain_basic_delay_frozen", Set.of("B", "D"));
        p.put("pretrain_frozen", Set.of("A", "B", "D"));
        p.put("pretrain_unfrozen", Set.of("A", "B", "D"));
        Set<String> a = p.get(g1);
        Set<String> b = p.get(g2);
        if (a.isEmpty() && b.isEmpty()) {
            return 100;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> i = new HashSet<>(a);
        i.retainAll(b);
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return 100 * i.size() / u.size();
    }

    @Test
    void oneModelPerLevelIsNotEnoughButTheNumbersAreShownAndARebuildGivesTheSameBytes() throws Exception {
        SyntheticRun.write(dir, 1, 1, 2);
        Built first = build(dir);
        Map<String, Verdict> v = verdicts(first.findings());
        assertEquals(Verdict.NOT_ENOUGH_MODELS, v.get("a"));
        assertEquals(Verdict.NOT_ENOUGH_MODELS, v.get("c"));
        String html = first.content().html();
        assertTrue(html.contains("NOT ENOUGH MODELS AT THIS SCALE"));
        assertTrue(html.contains("Not assessed: untrained has 1 RNN model, master_frozen has 1 RNN model, "
                + "full_frozen has 1 RNN model (the rule needs 3 per level)."), "says why");
        assertTrue(html.contains("DSA (RNN), dissimilarity to master: untrained "), "and still shows the numbers");
        assertTrue(html.contains("(n=1: no SEM or CI from one network)"), "with their n");

        try (LocalArtifactStore s = new LocalArtifactStore(dir)) {
            s.put("report/figures/stale.png", new byte[] {1});
            String page = ReportPublisher.publish(s, first.content());
            assertTrue(page.endsWith("/report/index.html"));
            assertFalse(s.exists("report/figures/stale.png"), "files of an older report go");
            byte[] once = s.get(ReportPublisher.INDEX);
            Built again = build(dir); // reads the run with the first report in it
            assertEquals(first.content().html(), again.content().html());
            assertEquals(first.content().files().keySet(), again.content().files().keySet());
            first.content().files().forEach((k, bytes) -> assertArrayEquals(bytes, again.content().files().get(k), k));
            ReportPublisher.publish(s, again.content());
            assertArrayEquals(once, s.get(ReportPublisher.INDEX));
            assertEquals(first.content().files().size() + 1, s.list("report/").size());
        }
    }

    private static int count(String s, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
