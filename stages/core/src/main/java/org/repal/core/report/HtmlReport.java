package org.repal.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.repal.core.analysis.stats.Verdict;

/**
 * Builds the report as one self-contained HTML document that opens offline: figures are embedded as
 * {@code data:image/png;base64,…} images, the only CSS is the {@code <style>} block in the head, and there are no
 * scripts, no external fonts and no external URLs (links may only be relative: the CSV and SVG files written
 * beside the page, and the table of contents' own anchors). All text is escaped ({@link HtmlText}); every image
 * has a non-empty alt text. The output is a pure function of the calls made (no dates), so equal inputs give
 * equal pages.
 *
 * <p>Usage: {@code new HtmlReport("title")}, then blocks in order: {@link #section}/{@link #subsection} headings
 * (listed in the table of contents), {@link #paragraph}, {@link #table}, {@link #figure}, {@link #preformatted},
 * {@link #claim}; finally {@link #toHtml()} or {@link #write(Path)}. Not thread-safe.
 */
public final class HtmlReport {

    private static final Pattern NUMBER = Pattern.compile("[-+\u2212]?(\\d[\\d,]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?%?");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private static final String CSS = """
            body{margin:0;background:#fff;color:#1f2328;font:15px/1.5 system-ui,-apple-system,"Segoe UI",\
            Roboto,"DejaVu Sans",Arial,sans-serif}
            header,nav,main{max-width:1100px;margin:0 auto;padding:0 24px}
            header{padding-top:24px}
            h1{font-size:28px;margin:0 0 8px}
            h2{font-size:22px;margin:36px 0 12px;padding-bottom:4px;border-bottom:1px solid #d0d7de}
            h3{font-size:18px;margin:28px 0 10px}
            nav.toc{border:1px solid #d0d7de;border-radius:6px;padding:8px 24px;background:#f6f8fa}
            nav.toc h2{font-size:16px;margin:8px 0;border:0}
            nav.toc ol{margin:4px 0;padding-left:22px}
            a{color:#0550ae}
            figure{margin:20px 0;text-align:center}
            figure img{max-width:100%;height:auto;border:1px solid #eaeef2}
            figcaption{margin-top:6px;font-size:14px;color:#57606a;text-align:left}
            table{border-collapse:collapse;margin:8px 0;font-size:14px}
            caption{text-align:left;font-weight:600;padding:4px 0}
            th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .table-wrap{overflow-x:auto}
            .links{font-size:13px;color:#57606a;margin:0 0 16px}
            pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:10px 12px;\
            overflow-x:auto;font:13px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
            .pre-title{font-weight:600;margin:16px 0 4px}
            .claim{border-left:6px solid;border-radius:4px;padding:8px 16px;margin:16px 0}
            .claim-head{font-weight:600;font-size:16px}
            .verdict{display:inline-block;color:#fff;border-radius:4px;padding:1px 8px;margin-right:8px;\
            font-size:13px;letter-spacing:.03em}
            """;

    private record Heading(int level, String id, String text) {
    }

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final List<Heading> headings = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    /** A report titled {@code title} (the page title and its h1). */
    public HtmlReport(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Starts a section (h2, in the table of contents) with an id made from the heading. */
    public HtmlReport section(String heading) {
        return heading(2, heading, null);
    }

    /** Starts a section with an id made from {@code id} (lower-cased, other characters to '-'; made unique if taken). */
    public HtmlReport section(String heading, String id) {
        return heading(2, heading, id);
    }

    /** Starts a subsection (h3, nested in the table of contents). */
    public HtmlReport subsection(String heading) {
        return heading(3, heading, null);
    }

    private HtmlReport heading(int level, String text, String id) {
        Objects.requireNonNull(text, "heading");
        String unique = uniqueId(id == null ? HtmlText.slug(text) : HtmlText.slug(id.replace('_', '-')));
        headings.add(new Heading(level, unique, text));
        body.append("<h").append(level).append(" id=\"").append(unique).append("\">").append(HtmlText.escape(text))
                .append("</h").append(level).append(">\n");
        return this;
    }

    /** A paragraph of plain text; blank lines start new paragraphs. */
    public HtmlReport paragraph(String text) {
        for (String p : Objects.requireNonNull(text, "text").split("\\R\\s*\\R")) {
            if (!p.isBlank()) {
                body.append("<p>").append(HtmlText.escape(p.strip())).append("</p>\n");
            }
        }
        return this;
    }

    /**
     * A table with a header row. Cells that look like numbers are right-aligned.
     *
     * @param caption table caption (null or blank: none)
     * @param header  column names
     * @param rows    the rows (null cells are empty)
     * @param csvHref relative link to the same table as CSV written beside the page (null: no link)
     */
    public HtmlReport table(String caption, List<String> header, List<List<String>> rows, String csvHref) {
        body.append("<div class=\"table-wrap\"><table>\n");
        if (caption != null && !caption.isBlank()) {
            body.append("<caption>").append(HtmlText.escape(caption)).append("</caption>\n");
        }
        body.append("<thead><tr>");
        for (String h : header) {
            body.append("<th scope=\"col\">").append(HtmlText.escape(h)).append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (String cell : row) {
                String c = cell == null ? "" : cell;
                body.append(NUMBER.matcher(c.strip()).matches() ? "<td class=\"num\">" : "<td>")
                        .append(HtmlText.escape(c)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody></table></div>\n");
        if (csvHref != null) {
            body.append("<p class=\"links\"><a href=\"").append(HtmlText.href(csvHref)).append("\">CSV</a></p>\n");
        }
        return this;
    }

    /** A figure whose SVG was written beside the page under its own file name ({@link Figure#svgFileName()}). */
    public HtmlReport figure(Figure figure) {
        return figure(figure, figure.svgFileName());
    }

    /**
     * A figure: the PNG embedded, the figure title as alt text (the name if the title is empty), its caption
     * and a link to the SVG.
     *
     * @param svgHref relative link to the SVG file (null: no link)
     */
    public HtmlReport figure(Figure figure, String svgHref) {
        byte[] png = figure.png();
        if (png.length < 24 || !Arrays.equals(Arrays.copyOf(png, 8), PNG_SIGNATURE)) {
            throw new IllegalArgumentException("figure '" + figure.name() + "' does not hold a PNG");
        }
        int width = readInt(png, 16);
        int height = readInt(png, 20);
        body.append("<figure id=\"").append(uniqueId("fig-" + HtmlText.slug(figure.name()))).append("\">\n")
                .append("<img src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\" alt=\"")
                .append(HtmlText.escape(figure.altText())).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\">\n");
        String link = svgHref == null ? "" : "<a href=\"" + HtmlText.href(svgHref) + "\">SVG</a>";
        if (!figure.caption().isBlank() || !link.isEmpty()) {
            body.append("<figcaption>").append(HtmlText.escape(figure.caption()))
                    .append(figure.caption().isBlank() || link.isEmpty() ? "" : " ").append(link)
                    .append("</figcaption>\n");
        }
        body.append("</figure>\n");
        return this;
    }

    /**
     * A pre-formatted block, e.g. the configuration YAML or the provenance JSON.
     *
     * @param heading a short title above the block (null or blank: none)
     */
    public HtmlReport preformatted(String heading, String text) {
        if (heading != null && !heading.isBlank()) {
            body.append("<p class=\"pre-title\">").append(HtmlText.escape(heading)).append("</p>\n");
        }
        body.append("<pre>").append(HtmlText.escape(Objects.requireNonNull(text, "text"))).append("</pre>\n");
        return this;
    }

    /**
     * A claim of the paper with its verdict at this run's scale and the evidence for it.
     *
     * @param claim    the claim, e.g. "DSA orders groups by shared curriculum"
     * @param verdict  the verdict, shown as a coloured label
     * @param evidence the numbers behind it (plain text; blank lines start new paragraphs)
     */
    public HtmlReport claim(String claim, Verdict outcome, String evidence) {
        VerdictStyle verdict = VerdictStyle.of(outcome);
        Objects.requireNonNull(verdict, "verdict");
        body.append("<div class=\"claim\" style=\"border-color:").append(verdict.colour()).append(";background:")
                .append(verdict.background()).append("\">\n<div class=\"claim-head\"><span class=\"verdict\" style=\"")
                .append("background:").append(verdict.colour()).append("\">").append(HtmlText.escape(verdict.label()))
                .append("</span> ").append(HtmlText.escape(claim)).append("</div>\n");
        if (evidence != null) {
            for (String p : evidence.split("\\R\\s*\\R")) {
                if (!p.isBlank()) {
                    body.append("<p>").append(HtmlText.escape(p.strip())).append("</p>\n");
                }
            }
        }
        body.append("</div>\n");
        return this;
    }

    /** The complete document. */
    public String toHtml() {
        StringBuilder out = new StringBuilder(body.length() + 4096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(HtmlText.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<header><h1>").append(HtmlText.escape(title)).append("</h1></header>\n");
        if (!headings.isEmpty()) {
            out.append("<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
            boolean inSub = false;
            boolean itemOpen = false;
            for (Heading h : headings) {
                if (h.level() == 2) {
                    if (inSub) {
                        out.append("</ol>");
                        inSub = false;
                    }
                    if (itemOpen) {
                        out.append("</li>\n");
                    }
                    out.append("<li>");
                    itemOpen = true;
                } else {
                    if (!itemOpen) { // a subsection before any section
                        out.append("<li>");
                        itemOpen = true;
                    }
                    if (!inSub) {
                        out.append("\n<ol>");
                        inSub = true;
                    }
                    out.append("\n<li>");
                }
                out.append("<a href=\"#").append(h.id()).append("\">").append(HtmlText.escape(h.text()))
                        .append("</a>");
                if (h.level() != 2) {
                    out.append("</li>");
                }
            }
            if (inSub) {
                out.append("</ol>");
            }
            if (itemOpen) {
                out.append("</li>\n");
            }
            out.append("</ol>\n</nav>\n");
        }
        out.append("<main>\n").append(body).append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /** Writes {@link #toHtml()} to {@code file} (UTF-8) atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toHtml().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code base}, or base-2, base-3, … if taken. */
    private String uniqueId(String base) {
        String unique = base;
        for (int k = 2; !ids.add(unique); k++) {
            unique = base + "-" + k;
        }
        return unique;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
