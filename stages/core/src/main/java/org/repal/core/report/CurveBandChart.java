package org.repal.core.report;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
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
        Map<String, Color> colours = XyPanels.colours("curve chart", panels,
                p -> p.curves().stream().map(Curve::label).toList());
        List<JFreeChart> charts = panels.stream().map(p -> panel(p, colours, xLabel, yLabel)).toList();
        return XyPanels.render(name, title, caption, charts, ChartStyle.legendItems(colours, ChartStyle::lineItem), 480,
                400);
    }

    private static JFreeChart panel(Panel p, Map<String, Color> colours, String xLabel, String yLabel) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(0.22f);
        int s = 0;
        for (Curve c : p.curves()) {
            data.addSeries(XyPanels.intervalSeries(s, c.label(), c.x(), c.mean(), c.sem()));
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
