package org.repal.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.analysis.stats.Verdict;

/** The report page is self-contained, escapes everything and gives every image a data URI and an alt text. */
class HtmlReportTest {

    private static final String NASTY = "a<b & c>\"d\" 'e' <script>alert(1)</script> see https://example.org/x";
    private static final Pattern IMG = Pattern.compile("<img\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    static HtmlReport sample() {
        Figure heat = SampleFigures.heatmap();
        Figure lines = SampleFigures.lines();
        Figure untitled = new Figure("untitled", "", "", lines.png(), lines.svg());
        return new HtmlReport("repal report <quick> & \"more\"")
                .paragraph("Intro: " + NASTY)
                .section("Claims & verdicts")
                .claim("DSA <orders> groups", Verdict.HOLDS, "means 0.61 > 0.43 & p = 7.3e-20\n\nsecond paragraph")
                .claim("CKA orders groups", Verdict.DOES_NOT_HOLD, "flat")
                .claim("Mamba", Verdict.NOT_ENOUGH_MODELS, "")
                .section("Figures")
                .subsection("Heatmap")
                .figure(heat, "figures/heatmap.svg")
                .subsection("Lines")
                .figure(lines)
                .figure(untitled, null)
                .section("Tables")
                .table("t-tests <DSA>", List.of("pair", "t", "p & adj"),
                        List.of(List.of("untrained–partial", "9.1", "7.3e-20"), List.of(NASTY, "-1.5", "0.41")),
                        "tables/t tests.csv")
                .section("Provenance")
                .preformatted("config.yaml", "name: quick\nstore: s3://bucket/x\nendpoint: http://minio:9000\n<tag>");
    }

    @Test
    void noExternalUrlsOrScripts() {
        String html = sample().toHtml();
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("http://"), "no http:// anywhere");
        assertFalse(lower.contains("https://"), "no https:// anywhere");
        assertFalse(lower.contains("<script"), "no scripts");
        assertFalse(lower.contains("<link"), "no external style sheets");
        assertFalse(lower.contains("@import") || lower.contains("url("), "no fetched CSS resources");
        assertFalse(lower.contains("javascript:"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("https&#58;//example.org/x"), "URLs in text are shown but not present as URLs");
    }

    @Test
    void everyImageIsAnInlinePngWithAltText() throws Exception {
        String html = sample().toHtml();
        Matcher m = IMG.matcher(html);
        int images = 0;
        while (m.find()) {
            images++;
            String tag = m.group();
            Matcher src = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(tag);
            assertTrue(src.find(), "img without an inline PNG: " + tag.substring(0, Math.min(80, tag.length())));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(src.group(1))));
            assertTrue(image != null && image.getWidth() > 0);
            Matcher alt = Pattern.compile("alt=\"([^\"]*)\"").matcher(tag);
            assertTrue(alt.find() && !alt.group(1).isBlank(), "img without alt text");
            assertTrue(tag.contains("width=\"" + image.getWidth() + "\""));
        }
        assertEquals(3, images);
        assertTrue(html.contains("alt=\"DSA &lt;group&gt; matrix\""), "alt = escaped title");
        assertTrue(html.contains("alt=\"untitled\""), "alt falls back to the figure name");
        assertTrue(html.contains("<a href=\"figures/heatmap.svg\">SVG</a>"));
        assertTrue(html.contains("<figcaption><a href=\"lines.svg\">SVG</a></figcaption>"));
        assertTrue(Pattern.compile("alt=\"untitled\" width=\"\\d+\" height=\"\\d+\">\n</figure>").matcher(html).find(),
                "no empty caption");
    }

    @Test
    void textTablesAndHeadingsAreEscaped() {
        String html = sample().toHtml();
        assertFalse(html.contains(NASTY));
        assertFalse(html.contains("<quick>") || html.contains("<orders>") || html.contains("<DSA>")
                || html.contains("<tag>"));
        String escaped = "a&lt;b &amp; c&gt;&quot;d&quot; &#39;e&#39; &lt;script&gt;alert(1)&lt;/script&gt;";
        assertTrue(html.contains("<p>Intro: " + escaped));
        assertTrue(html.contains("<td>" + escaped));
        assertTrue(html.contains("<title>repal report &lt;quick&gt; &amp; &quot;more&quot;</title>"));
        assertTrue(html.contains("<th scope=\"col\">p &amp; adj</th>"));
        assertTrue(html.contains("<caption>t-tests &lt;DSA&gt;</caption>"));
        assertTrue(html.contains("<td class=\"num\">7.3e-20</td>"), "numbers are right-aligned");
        assertTrue(html.contains("&lt;tag&gt;</pre>"));
        assertTrue(html.contains("<a href=\"tables/t%20tests.csv\">CSV</a>"));
    }

    @Test
    void tableOfContentsLinksEverySectionById() {
        String html = sample().toHtml();
        Matcher ids = Pattern.compile("<h[23] id=\"([^\"]+)\">").matcher(html);
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        while (ids.find()) {
            assertTrue(seen.add(ids.group(1)), "duplicate id " + ids.group(1));
            order.add(ids.group(1));
            assertTrue(html.contains("<a href=\"#" + ids.group(1) + "\">"), "not in contents: " + ids.group(1));
        }
        assertEquals(List.of("claims-verdicts", "figures", "heatmap", "lines", "tables", "provenance"), order);
        assertTrue(html.indexOf("<nav") < html.indexOf("<main>"));
    }

    @Test
    void claimsShowVerdictWordsAndColours() {
        String html = sample().toHtml();
        for (Verdict v : Verdict.values()) {
            assertTrue(html.contains(">" + VerdictStyle.of(v).label() + "</span>"), VerdictStyle.of(v).label());
            assertTrue(html.contains("background:" + VerdictStyle.of(v).colour()), v.name());
        }
        assertTrue(html.contains("<p>means 0.61 &gt; 0.43 &amp; p = 7.3e-20</p>\n<p>second paragraph</p>"));
        assertEquals(3, html.split("class=\"claim\"", -1).length - 1);
    }

    @Test
    void linksMustBeRelative() {
        HtmlReport r = new HtmlReport("t");
        Figure f = SampleFigures.lines();
        List<List<String>> rows = List.of(List.of("1"));
        for (String bad : List.of("https://x.org/a.csv", "http:x", "javascript:alert(1)", "data:text/csv,1",
                "//host/a.csv", "C:\\x.csv", " ")) {
            assertThrows(IllegalArgumentException.class, () -> r.table(null, List.of("a"), rows, bad), bad);
            assertThrows(IllegalArgumentException.class, () -> r.figure(f, bad), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> r.figure(new Figure("notpng", "t", "", new byte[40], "<svg/>"), null));
    }

    @Test
    void duplicateHeadingsGetDistinctIdsAndOutputIsDeterministic(@TempDir Path dir) throws Exception {
        HtmlReport r = new HtmlReport("t").section("Results").section("Results").section("2 metrics")
                .section("x", "my_id");
        String html = r.toHtml();
        assertTrue(html.contains("id=\"results\"") && html.contains("id=\"results-2\""));
        assertTrue(html.contains("id=\"s-2-metrics\"") && html.contains("id=\"my-id\""));
        assertEquals(sample().toHtml(), sample().toHtml());
        Path file = dir.resolve("out/report.html");
        sample().write(file);
        assertEquals(sample().toHtml(), Files.readString(file, StandardCharsets.UTF_8));
    }
}
