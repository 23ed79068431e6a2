package org.repal.stages.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.cli.StageCli;
import org.repal.core.report.ReportExpectations;
import org.repal.core.report.SyntheticRun;
import org.repal.core.store.Sha256;

/**
 * {@code repal report} as a user runs it: one JSON line, the page and its files in the run, the same bytes on a
 * rebuild, and bad input (no such folder, a malformed table, a bad option) exits 2 with one line and writes nothing.
 */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FAST = {"--resamples", "1000", "--permutations", "200"};

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private static Result report(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of(args), Stream.of(FAST)).toArray(String[]::new);
        int exit = StageCli.run(new ReportCommand(), new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Every file of the run with its SHA-256 (to show that a failed command wrote nothing). */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Sha256.of(p));
            }
        }
        return out;
    }

    @Test
    void buildsThePageAndRebuildsTheSameBytes() throws Exception {
        Path run = dir.resolve("run");
        SyntheticRun.write(run, 1, 1, 4);
        Result r = report("--run", run.toString(), "--config-json", "{\"name\":\"tiny\",\"seed\":0}", "--seed", "7",
                "--alpha", "0.1");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        JsonNode line = JSON.readTree(r.out());
        Path index = run.resolve("report/index.html");
        assertEquals(index.toRealPath().toString(), line.get("report").asText());
        assertEquals("not enough models at this scale", line.get("claims").get("a").asText());
        assertTrue(Files.readString(index).contains("repal report: tiny"));
        assertTrue(Files.isRegularFile(run.resolve("report/config.json")), "the config is kept for rebuilds");
        for (String fig : ReportExpectations.figures(SyntheticRun.TASKS)) {
            assertTrue(Files.isRegularFile(run.resolve("report/figures/" + fig + ".png")), fig);
        }
        byte[] first = Files.readAllBytes(index);
        Map<String, String> before = files(run.resolve("report"));
        JsonNode kept = JSON.readTree(run.resolve("report/settings.json").toFile());
        assertEquals(7, kept.get("seed").asLong());
        assertEquals(0.1, kept.get("alpha").asDouble());
        assertTrue(Files.readString(index).contains("s seed 7."), "the page names its seed");
        // A rebuild from the finished run alone: the config and the settings come from the kept files.
        Result again = report("--run", run.toString());
        assertEquals(0, again.exit(), again.err());
        assertArrayEquals(first, Files.readAllBytes(index), "same bytes of index.html");
        assertEquals(before, files(run.resolve("report")), "and of every file beside it");
    }

    @Test
    void noSuchFolderExitsTwoAndCreatesNothing() {
        Path missing = dir.resolve("nope");
        Result r = report("--run", missing.toString());
        assertEquals(2, r.exit());
        assertEquals("report: --run " + missing + ": no such folder", r.err().strip());
        assertFalse(Files.exists(missing));
        Result s3 = report("--run", "ftp://host/x");
        assertEquals(2, s3.exit());
        assertTrue(s3.err().contains("use a folder or s3://bucket/prefix"), s3.err());
    }

    @Test
    void aMalformedTableExitsTwoNamingItAndWritesNothing() throws Exception {
        Path run = dir.resolve("run");
        SyntheticRun.write(run, 1, 1, 4);
        assertEquals(0, report("--run", run.toString()).exit());
        Path csv = run.resolve("dissimilarity/mamba/dissimilarity.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        lines.set(3, lines.get(3).replaceAll(",(dsa|procrustes|cka),[^,]+,", ",$1,NaN,"));
        Files.write(csv, lines);
        Map<String, String> before = files(run);
        Result r = report("--run", run.toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().strip().endsWith("/dissimilarity/mamba/dissimilarity.csv: line 4: value: NaN (must be "
                + "finite)"), r.err());
        assertEquals(before, files(run), "the earlier report is untouched, nothing new written");
    }

    @Test
    void badOptionsExitTwo() throws Exception {
        Path run = dir.resolve("run");
        SyntheticRun.write(run, 1, 1, 4);
        Result r = report("--run", run.toString(), "--min-models", "1");
        assertEquals(2, r.exit());
        assertEquals("report: --min-models/--alpha: minModels must be >= 2, got 1", r.err().strip());
        Result alpha = report("--run", run.toString(), "--alpha", "1.5");
        assertEquals(2, alpha.exit());
        assertFalse(Files.exists(run.resolve("report")));
        Result json = report("--run", run.toString(), "--config-json", "{nope");
        assertEquals(2, json.exit());
        assertTrue(json.err().startsWith("report: --config-json: not valid JSON"), json.err());
        assertFalse(Files.exists(run.resolve("report")));
    }

    /**
     * A real run's outputs, when one is given with -Drepal.report.run=DIR (e.g. the quick profile's): copied, then
     * the report must show every figure. Skipped without it.
     */
    @Test
    void aRealRunGivenOnTheCommandLine() throws Exception {
        String given = System.getProperty("repal.report.run");
        Assumptions.assumeTrue(given != null && !given.isBlank(), "no -Drepal.report.run=DIR");
        Path run = dir.resolve("real");
        try (Stream<Path> s = Files.walk(Path.of(given))) {
            for (Path p : s.toList()) {
                Path to = run.resolve(Path.of(given).relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (!p.toString().contains("/report/")) {
                    Files.copy(p, to);
                }
            }
        }
        Result r = report("--run", run.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> tasks;
        try (Stream<Path> s = Files.list(run.resolve("data"))) {
            tasks = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().toList();
        }
        String html = Files.readString(run.resolve("report/index.html"));
        for (String fig : ReportExpectations.figures(tasks)) {
            assertTrue(Files.isRegularFile(run.resolve("report/figures/" + fig + ".png")), fig);
            assertTrue(html.contains("id=\"fig-" + fig.toLowerCase() + "\""), fig);
        }
        assertEquals(4, html.split("<div class=\"claim\"", -1).length - 1);
        byte[] first = Files.readAllBytes(run.resolve("report/index.html"));
        assertEquals(0, report("--run", run.toString()).exit());
        assertArrayEquals(first, Files.readAllBytes(run.resolve("report/index.html")));
    }
}
