package org.repal.core.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

/**
 * The report while it is assembled: the page and the files it links to. Every figure's SVG and every table's CSV
 * is kept under the name the page links ({@code figures/…}, {@code tables/…}); names must be unique.
 */
final class ReportBundle {
    static final String FIGURES = "figures/";
    static final String TABLES = "tables/";

    private final HtmlReport html;
    private final TreeMap<String, byte[]> files = new TreeMap<>();

    ReportBundle(String title) {
        this.html = new HtmlReport(title);
    }

    HtmlReport html() {
        return html;
    }

    /** Embeds the figure and keeps its PNG and SVG beside the page. */
    void figure(Figure f) {
        put(FIGURES + f.pngFileName(), f.png());
        put(FIGURES + f.svgFileName(), f.svg().getBytes(StandardCharsets.UTF_8));
        html.figure(f, FIGURES + f.svgFileName());
    }

    /**
     * A table: every row in {@code tables/<name>.csv}, the shown rows (e.g. rounded) on the page.
     *
     * @param csvRows   the full-precision rows
     * @param shownRows the rows on the page, same header
     */
    void table(String name, String caption, List<String> header, List<List<String>> csvRows,
               List<List<String>> shownRows) {
        csv(name, header, csvRows);
        html.table(caption, header, shownRows, TABLES + name + ".csv");
    }

    /** A table kept as CSV only (too long for the page); the page should link or mention it. */
    void csv(String name, List<String> header, List<List<String>> rows) {
        put(TABLES + name + ".csv", CsvTable.format(header, rows).getBytes(StandardCharsets.UTF_8));
    }

    /** Another file beside the page. */
    void file(String path, byte[] bytes) {
        put(path, bytes);
    }

    private void put(String path, byte[] bytes) {
        if (files.putIfAbsent(path, bytes) != null) {
            throw new IllegalStateException("report file " + path + " is written twice");
        }
    }

    ReportContent content() {
        return new ReportContent(html.toHtml(), files);
    }
}
