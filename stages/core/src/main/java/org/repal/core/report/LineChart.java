package org.repal.core.report;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Lines with markers and optional ± error bars: y against x for each series (e.g. one per metric), one panel
 * per group of series. Used for the attractor bench: dissimilarity against noise level, and dissimilarity
 * against the number of shared motifs. A series label keeps its colour in every panel; points whose x or y is
 * not finite are left out; a non-finite error counts as 0.
 */
public final class LineChart {

    static {
        Headless.ensure();
    }

    /**
     * One series.
     *
     * @param label legend label
     * @param x     x values
     * @param y     y values (same length)
     * @param error half-length of the error bar at each point (same length), or null for none
     */
    public record Series(String label, double[] x, double[] y, double[] error) {
        public Series {
            Objects.requireNonNull(label, "label");
            if (x.length != y.length || (error != null && error.length != x.length)) {
                throw new IllegalArgumentException("series '" + label + "': x, y and error need equal lengths");
            }
        }
    }

    /** One panel: a title and its series. */
    public record Panel(String title, List<Series> series) {
        public Panel {
            series = List.copyOf(series);
        }
    }

    private LineChart() {
    }

    /** A single panel. */
    public static Figure render(String name, String title, String caption, String xLabel, String yLabel,
                                List<Series> series) {
        return renderPanels(name, title, caption, xLabel, yLabel, List.of(new Panel(null, series)));
    }

    /** Several panels side by side (at most three per row), one legend below. */
    public static Figure renderPanels(String name, String title, String caption, String xLabel, String yLabel,
                                      List<Panel> panels) {
        Map<String, Color> colours = XyPanels.colours("line chart", panels,
                p -> p.series().stream().map(Series::label).toList());
        List<JFreeChart> charts = panels.stream().map(p -> panel(p, colours, xLabel, yLabel)).toList();
        return XyPanels.render(name, title, caption, charts, ChartStyle.legendItems(colours, ChartStyle::lineItem), 460,
                380);
    }

    private static JFreeChart panel(Panel p, Map<String, Color> colours, String xLabel, String yLabel) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(true);
        renderer.setCapLength(6);
        renderer.setErrorStroke(ChartStyle.THIN);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        int k = 0;
        for (Series s : p.series()) {
            data.addSeries(XyPanels.intervalSeries(k, s.label(), s.x(), s.y(), s.error()));
            Color colour = colours.get(s.label());
            renderer.setSeriesPaint(k, colour);
            renderer.setSeriesStroke(k, ChartStyle.LINE);
            renderer.setSeriesShape(k, ChartStyle.DOT);
            renderer.setSeriesLinesVisible(k, true);
            renderer.setSeriesShapesVisible(k, true);
            k++;
        }
        XYPlot plot = ChartStyle.xyPlot(data, renderer, xLabel, yLabel);
        return ChartStyle.chart(p.title(), plot);
    }
}
