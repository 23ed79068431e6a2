package org.repal.core.report;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Curves y(x) ± a spread, one panel per group of series, drawn in one of two {@link Style}s: mean curves with shaded
 * bands (e.g. dissimilarity over the fraction of training per shared-task level, ± SEM) or lines with markers and
 * error bars (the attractor bench: dissimilarity against noise level or shared motifs). A series label keeps its
 * colour in every panel; points whose x or y is not finite are left out; a non-finite spread counts as 0.
 */
public final class IntervalChart {

    static {
        Headless.ensure();
    }

    /** How the spread is drawn; each style has its panel size. */
    public enum Style {
        /** Lines with shaded bands, no markers. */
        BANDS(480, 400),
        /** Lines with dot markers and vertical error bars. */
        ERROR_BARS(460, 380);

        private final int panelWidth;
        private final int panelHeight;

        Style(int panelWidth, int panelHeight) {
            this.panelWidth = panelWidth;
            this.panelHeight = panelHeight;
        }
    }

    /**
     * One series.
     *
     * @param label  legend label
     * @param x      x values
     * @param y      y values (same length as x)
     * @param spread half-width of the band or error bar at each x (same length), or null for none
     */
    public record Series(String label, double[] x, double[] y, double[] spread) {
        public Series {
            Objects.requireNonNull(label, "label");
            if (x.length != y.length || (spread != null && spread.length != x.length)) {
                throw new IllegalArgumentException("series '" + label + "': x, y and spread need equal lengths");
            }
        }
    }

    /** One panel: a title (e.g. the metric; null for none) and its series. */
    public record Panel(String title, List<Series> series) {
        public Panel {
            series = List.copyOf(series);
        }
    }

    private IntervalChart() {
    }

    /** A single panel. */
    public static Figure render(Style style, String name, String title, String caption, String xLabel, String yLabel,
                                List<Series> series) {
        return renderPanels(style, name, title, caption, xLabel, yLabel, List.of(new Panel(null, series)));
    }

    /** Several panels side by side (at most three per row), one legend below. */
    public static Figure renderPanels(Style style, String name, String title, String caption, String xLabel,
                                      String yLabel, List<Panel> panels) {
        Map<String, Color> colours = XyPanels.colours("interval chart", panels,
                p -> p.series().stream().map(Series::label).toList());
        List<JFreeChart> charts = panels.stream().map(p -> panel(style, p, colours, xLabel, yLabel)).toList();
        return XyPanels.render(name, title, caption, charts, ChartStyle.legendItems(colours, ChartStyle::lineItem),
                style.panelWidth, style.panelHeight);
    }

    private static JFreeChart panel(Style style, Panel p, Map<String, Color> colours, String xLabel, String yLabel) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        AbstractXYItemRenderer renderer = style == Style.BANDS ? bandRenderer() : errorBarRenderer();
        int k = 0;
        for (Series s : p.series()) {
            data.addSeries(XyPanels.intervalSeries(k, s.label(), s.x(), s.y(), s.spread()));
            Color colour = colours.get(s.label());
            renderer.setSeriesPaint(k, colour);
            renderer.setSeriesFillPaint(k, colour);
            renderer.setSeriesStroke(k, ChartStyle.LINE);
            renderer.setSeriesShape(k, ChartStyle.DOT);
            k++;
        }
        XYPlot plot = ChartStyle.xyPlot(data, renderer, xLabel, yLabel);
        return ChartStyle.chart(p.title(), plot);
    }

    private static DeviationRenderer bandRenderer() {
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(0.22f);
        return renderer;
    }

    private static XYErrorRenderer errorBarRenderer() {
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(true);
        renderer.setCapLength(6);
        renderer.setErrorStroke(ChartStyle.THIN);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        return renderer;
    }
}
