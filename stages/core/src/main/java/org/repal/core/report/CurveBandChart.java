package org.repal.core.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Mean curves with shaded ± SEM bands, e.g. dissimilarity over the fraction of training (0…1) for each
 * shared-task level (0/33/67/100 %). One legend entry per curve label; a label keeps its colour in every panel.
 * Points whose x or mean is not finite are left out; a non-finite SEM counts as 0.
 */
public final class CurveBandChart {

    static {
        Headless.ensure();
    }

    /**
     * One curve.
     *
     * @param label legend label
     * @param x     x values
     * @param mean  y values (same length as x)
     * @param sem   half-width of the band at each x (same length), or null for no band
     */
    public record Curve(String label, double[] x, double[] mean, double[] sem) {
        public Curve {
            Objects.requireNonNull(label, "label");
            if (x.length != mean.length || (sem != null && sem.length != x.length)) {
                throw new IllegalArgumentException("curve '" + label + "': x, mean and sem need equal lengths");
            }
        }
    }

    /** One panel: a title (e.g. the metric) and its curves. */
    public record Panel(String title, List<Curve> curves) {
        public Panel {
            curves = List.copyOf(curves);
        }
    }

    private CurveBandChart() {
    }

    /** A single panel. */
    public static Figure render(String name, String title, String caption, String xLabel, String yLabel,
                                List<Curve> curves) {
        return renderPanels(name, title, caption, xLabel, yLabel, List.of(new Panel(null, curves)));
    }

    /** Several panels side by side (at most three per row), one legend below. */
    public static Figure renderPanels(String name, String title, String caption, String xLabel, String yLabel,
                                      List<Panel> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("curve chart needs at least one panel");
        }
        List<String> labels = new ArrayList<>();
        panels.forEach(p -> p.curves().forEach(c -> labels.add(c.label())));
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
                columns * 480, 80 + rows * 400);
    }

    private static JFreeChart panel(Panel p, Map<String, Color> colours, String xLabel, String yLabel) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(0.22f);
        int s = 0;
        for (Curve c : p.curves()) {
            YIntervalSeries series = new YIntervalSeries(s + ":" + c.label(), false, true);
            for (int i = 0; i < c.x().length; i++) {
                double x = c.x()[i];
                double y = c.mean()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                double e = c.sem() == null || !Double.isFinite(c.sem()[i]) ? 0 : Math.abs(c.sem()[i]);
                series.add(x, y, y - e, y + e);
            }
            data.addSeries(series);
            Color colour = colours.get(c.label());
            renderer.setSeriesPaint(s, colour);
            renderer.setSeriesFillPaint(s, colour);
            renderer.setSeriesStroke(s, ChartStyle.LINE);
            s++;
        }
        XYPlot plot = ChartStyle.xyPlot(data, renderer, xLabel, yLabel);
        return ChartStyle.chart(p.title(), plot);
    }
}
