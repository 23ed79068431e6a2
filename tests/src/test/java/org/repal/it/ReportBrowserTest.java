package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.report.ReportExpectations;
import org.repal.core.report.SyntheticRun;

/**
 * The report in a real browser: headless Chromium opens {@code report/index.html} of a small pipeline run
 * ({@code repal run} with a {@code report:} section) and of a synthetic run with every figure, and the test fails
 * on a console message or load error in Chromium's log, on an image that is not a decodable PNG of the size the
 * page states (the report has no scripts, so images are checked here, in Java, from the DOM Chromium loaded), on a
 * missing claim section or verdict, or on any external reference. Screenshots go to {@code target/}. Skipped only
 * when no Chromium binary exists and REPAL_REQUIRE_CHROMIUM is unset ({@code .ci/run} installs Chromium and sets it).
 */
class ReportBrowserTest {
    private static final String CONFIG = """
            name: tiny-report
            taskset: PDM
            seed: 3
            data: {train_size: 24, test_size: 8, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [relu], hidden: [8], lr: [0.001], batch_size: [8], init: [kaiming]}
            mamba: {d_model: [4], n_layers: [1], lr: [0.005], batch_size: [8]}
            groups: [master, pretrain_frozen, untrained]
            training: {epochs: 1}
            dsa: {n_delays: 4, delay_interval: 2, rank: 8}
            dissimilarity: {configs_per_task: 1, rnn_vs_mamba: {}}
            learning_dynamics: {configs_per_task: 1}
            report: {}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 1Gi, gpu: 0}
              train-mamba: {cpu: 1, memory: 1Gi, gpu: 0}
              dissimilarity: {cpu: 1, memory: 1Gi, gpu: 0}
              learning-dynamics: {cpu: 1, memory: 1Gi, gpu: 0}
              report: {cpu: 1, memory: 1Gi, gpu: 0}
            """;
    private static final Pattern IMG = Pattern.compile("<img\\b[^>]*>");
    private static final Pattern ATTR = Pattern.compile("\\b(src|width|height|alt)=\"([^\"]*)\"");
    private static final List<String> VERDICTS = List.of("HOLDS", "DOES NOT HOLD", "NOT ENOUGH MODELS AT THIS SCALE");

    @TempDir
    static Path tmp;
    private static Chromium chromium;

    @BeforeAll
    static void findChromium() {
        Optional<Chromium> c = Chromium.find(tmp);
        if (c.isEmpty() && System.getenv("REPAL_REQUIRE_CHROMIUM") != null) {
            fail("REPAL_REQUIRE_CHROMIUM is set but no chromium binary was found (apt-get install chromium)");
        }
        Assumptions.assumeTrue(c.isPresent(), "no chromium binary (apt-get install chromium)");
        chromium = c.get();
    }

    @Test
    void thePipelinesReportOpensCleanlyAndRebuildsToTheSameBytes() throws Exception {
        Path config = Files.writeString(tmp.resolve("tiny-report.yaml"), CONFIG);
        CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(15));
        CliRunner.Result run = cli.run("run", "--config", config.toString(), "--out", "run", "--jobs", "2");
        assertEquals(0, run.exitCode(), run.describe());
        Path index = tmp.resolve("run/report/index.html");
        List<String> lines = run.stdout().strip().lines().toList();
        assertEquals(index.toRealPath().toString(), lines.get(lines.size() - 1), "repal run ends with the report's path");
        assertTrue(lines.get(0).contains("\"report\":"), lines.get(0));

        byte[] first = Files.readAllBytes(index);
        CliRunner.Result rebuild = cli.run("report", "--run", "run");
        assertEquals(0, rebuild.exitCode(), rebuild.describe());
        assertArrayEquals(first, Files.readAllBytes(index), "a rebuild from the finished run gives the same page");
        CliRunner.Result bad = cli.run("report", "--run", "no-such-run");
        assertEquals(2, bad.exitCode(), bad.describe());
        assertEquals(List.of("report: --run no-such-run: no such folder"), bad.stderrLines());
        assertFalse(Files.exists(tmp.resolve("no-such-run")));

        String dom = openCleanly(index, "report-pipeline.png");
        assertTrue(dom.contains("NOT ENOUGH MODELS AT THIS SCALE"), "one network per level");
    }

    @Test
    void aReportWithEveryFigureOpensCleanly() throws Exception {
        Path run = tmp.resolve("synthetic");
        SyntheticRun.write(run, 3, 3, 21);
        CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(5));
        CliRunner.Result r = cli.run("report", "--run", run.toString(), "--resamples", "1000", "--permutations", "300");
        assertEquals(0, r.exitCode(), r.describe());
        String dom = openCleanly(run.resolve("report/index.html"), "report-synthetic.png");
        for (String fig : ReportExpectations.figures(SyntheticRun.TASKS)) {
            assertTrue(dom.contains("id=\"fig-" + fig.toLowerCase() + "\""), "figure " + fig);
        }
    }

    @Test
    void theChecksCatchABrokenImageAConsoleMessageAndAMissingClaimSection() throws Exception {
        Path run = tmp.resolve("checked");
        SyntheticRun.write(run, 1, 1, 5);
        CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(5));
        assertEquals(0, cli.run("report", "--run", run.toString(), "--resamples", "200", "--permutations", "100")
                .exitCode());
        String page = Files.readString(run.resolve("report/index.html"));
        Path broken = run.resolve("report/broken.html");
        Files.writeString(broken, page.replaceFirst("data:image/png;base64,iVBOR", "data:image/png;base64,AAAAA"));
        assertThrows(AssertionError.class, () -> openCleanly(broken, "broken.png"), "a PNG that does not decode");
        Path console = run.resolve("report/console.html");
        Files.writeString(console, page.replace("</main>", "<script>console.error('boom')</script></main>"));
        AssertionError e = assertThrows(AssertionError.class, () -> openCleanly(console, "console.png"));
        assertTrue(e.getMessage().contains("CONSOLE") || e.getMessage().contains("script"), e.getMessage());
        Path noClaims = run.resolve("report/no-claims.html");
        Files.writeString(noClaims, page.replace("<h2 id=\"claims\">", "<h2 id=\"other\">"));
        assertThrows(AssertionError.class, () -> openCleanly(noClaims, "no-claims.png"));
    }

    /**
     * Opens the page in Chromium and checks it: no console message or load error, the claims section with four
     * verdicts, every image a decodable PNG of its stated size, nothing external. Saves a screenshot under target/.
     */
    private static String openCleanly(Path index, String screenshot) throws Exception {
        Chromium.Output out = chromium.dumpDom(index);
        List<String> problems = new ArrayList<>();
        for (String line : out.stderr().lines().toList()) {
            if (line.contains(":CONSOLE") || line.contains("Uncaught") || line.contains("Failed to load resource")
                    || line.contains("net::ERR_") || line.contains("Not allowed to load")) {
                problems.add(line);
            }
        }
        assertEquals(List.of(), problems, "console messages or load errors in Chromium's log");
        String dom = out.stdout();
        assertTrue(dom.contains("<h2 id=\"claims\">"), "the claims section");
        assertTrue(dom.contains("Do the paper's claims hold here?") || dom.contains("Do the paper&#39;s claims"),
                "its heading");
        Matcher verdict = Pattern.compile("<span class=\"verdict\"[^>]*>([^<]+)</span>").matcher(dom);
        int verdicts = 0;
        while (verdict.find()) {
            assertTrue(VERDICTS.contains(verdict.group(1)), verdict.group(1));
            verdicts++;
        }
        assertEquals(4, verdicts, "one verdict per claim");
        assertFalse(dom.contains("<script"), "the report has no scripts");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(dom).find(), "no external references");
        Matcher img = IMG.matcher(dom);
        int images = 0;
        while (img.find()) {
            String tag = img.group();
            String src = null;
            int width = -1;
            int height = -1;
            String alt = null;
            Matcher a = ATTR.matcher(tag);
            while (a.find()) {
                switch (a.group(1)) {
                    case "src" -> src = a.group(2);
                    case "width" -> width = Integer.parseInt(a.group(2));
                    case "height" -> height = Integer.parseInt(a.group(2));
                    default -> alt = a.group(2);
                }
            }
            assertNotNull(src, tag.substring(0, Math.min(120, tag.length())));
            assertTrue(src.startsWith("data:image/png;base64,"), "inline PNG: " + src.substring(0, Math.min(60, src.length())));
            assertTrue(alt != null && !alt.isBlank(), "alt text");
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                    src.substring("data:image/png;base64,".length()))));
            assertNotNull(png, "image " + alt + " does not decode as PNG");
            assertEquals(width, png.getWidth(), alt);
            assertEquals(height, png.getHeight(), alt);
            images++;
        }
        assertTrue(images >= 10, "images: " + images);
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        Path shot = target.resolve(screenshot);
        Files.deleteIfExists(shot);
        chromium.screenshot(index, shot, 4000);
        BufferedImage saved = ImageIO.read(shot.toFile());
        assertNotNull(saved, "screenshot " + shot);
        assertEquals(1280, saved.getWidth());
        return dom;
    }
}
