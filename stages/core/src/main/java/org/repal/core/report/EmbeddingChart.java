package org.repal.core.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A 2-D embedding of models (e.g. {@link ClassicalMds} of a dissimilarity matrix), points coloured by group
 * with a legend. Both axes get the same span, so distances read the same in either direction (the plot area is
 * close to square). Non-finite points are left out.
 */
public final class EmbeddingChart {

    static {
        Headless.ensure();
    }

    /** The points of one group: x[i], y[i]. */
    public record Group(String label, double[] x, double[] y) {
        public Group {
            Objects.requireNonNull(label, "label");
            if (x.length != y.length) {
                throw new IllegalArgumentException("group '" + label + "': x and y need equal lengths");
            }
        }
    }

    private EmbeddingChart() {
    }

    /** Axis labels "dimension 1" and "dimension 2". */
    public static Figure render(String name, String title, String caption, List<Group> groups) {
        return render(name, title, caption, "dimension 1", "dimension 2", groups);
    }

    /** The embedding with the given axis labels. */
    public static Figure render(String name, String title, String caption, String xLabel, String yLabel,
                                List<Group> groups) {
        return render(name, title, caption, xLabel, yLabel, groups, List.of());
    }

    /**
     * Two kinds of points in one embedding (e.g. RNN and Mamba models): {@code filled} groups as filled dots,
     * {@code hollow} groups as open circles; a label has one colour in both (say in the caption which is which).
     */
    public static Figure render(String name, String title, String caption, String xLabel, String yLabel,
                                List<Group> filled, List<Group> hollow) {
        List<Group> groups = new ArrayList<>(filled);
        groups.addAll(hollow);
        List<String> labels = new ArrayList<>();
        groups.forEach(g -> labels.add(g.label()));
        Map<String, Color> colours = Palette.byLabel(labels);
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        int k = 0;
        for (Group g : groups) {
            XYSeries series = new XYSeries(k + ":" + g.label(), false, true);
            for (int i = 0; i < g.x().length; i++) {
                double x = g.x()[i];
                double y = g.y()[i];
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    series.add(x, y);
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
            data.addSeries(series);
            Color c = colours.get(g.label());
            dots.setSeriesPaint(k, new Color(c.getRed(), c.getGreen(), c.getBlue(), 200));
            dots.setSeriesShape(k, ChartStyle.DOT);
            dots.setSeriesShapesFilled(k, k < filled.size());
            k++;
        }
        XYPlot plot = ChartStyle.xyPlot(data, dots, xLabel, yLabel);
        if (minX <= maxX) {
            double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-12) * 1.12;
            double cx = (minX + maxX) / 2;
            double cy = (minY + maxY) / 2;
            plot.getDomainAxis().setRange(cx - span / 2, cx + span / 2);
            plot.getRangeAxis().setRange(cy - span / 2, cy + span / 2);
        }
        JFreeChart chart = ChartStyle.chart(null, plot);
        LegendItemCollection items = new LegendItemCollection();
        colours.forEach((label, colour) -> items.add(ChartStyle.shapeItem(label, ChartStyle.DOT, colour, true)));
        int legendRows = (colours.size() + 3) / 4;
        return FigureRenderer.render(name, title, caption,
                new ChartGrid(title, List.of(chart), 1, ChartStyle.legend(ChartStyle.items(items))), 640,
                700 + 18 * legendRows);
    }
}
