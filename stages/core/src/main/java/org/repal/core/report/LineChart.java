package org.repal.core.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
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
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("line chart needs at least one panel");
        }
        List<String> labels = new ArrayList<>();
        panels.forEach(p -> p.series().forEach(s -> labels.add(s.label())));
        Map<String, Color> colours = Palette.byLabel(labels);
        List<JFreeChart> charts = new ArrayList<>();
        for (Panel p : panels) {
            charts.add(panel(p, colours, xLabel, yLabel));
        }
        LegendItemCollection items = new LegendItemCollection();
        colours.forEach((label, colour) -> items.add(ChartStyle.lineItem(label, colour)));
        int columns = Math.min(3, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        return FigureRenderer.render(name, title, caption,
                new ChartGrid(title, charts, columns, ChartStyle.legend(ChartStyle.items(items))),
                columns * 460, 80 + rows * 380);
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
            YIntervalSeries series = new YIntervalSeries(k + ":" + s.label(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                double e = s.error() == null || !Double.isFinite(s.error()[i]) ? 0 : Math.abs(s.error()[i]);
                series.add(x, y, y - e, y + e);
            }
            data.addSeries(series);
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
