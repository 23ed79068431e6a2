package org.repal.core.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;

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
            ScatterDots.checkGroup(label, x, y);
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
        Map<String, Color> colours = Palette.byLabel(groups.stream().map(Group::label).toList());
        ScatterDots dots = new ScatterDots(colours, 200, ChartStyle.DOT);
        filled.forEach(g -> dots.add(g.label(), g.x(), g.y(), true));
        hollow.forEach(g -> dots.add(g.label(), g.x(), g.y(), false));
        XYPlot plot = ChartStyle.xyPlot(dots.data(), dots.renderer(), xLabel, yLabel);
        if (dots.any()) {
            double span = Math.max(Math.max(dots.maxX() - dots.minX(), dots.maxY() - dots.minY()), 1e-12) * 1.12;
            double cx = (dots.minX() + dots.maxX()) / 2;
            double cy = (dots.minY() + dots.maxY()) / 2;
            plot.getDomainAxis().setRange(cx - span / 2, cx + span / 2);
            plot.getRangeAxis().setRange(cy - span / 2, cy + span / 2);
        }
        JFreeChart chart = ChartStyle.chart(null, plot);
        LegendItemCollection items = ChartStyle.legendItems(colours,
                (label, colour) -> ChartStyle.shapeItem(label, ChartStyle.DOT, colour, true));
        int legendRows = (colours.size() + 3) / 4;
        return FigureRenderer.render(name, title, caption,
                new ChartGrid(title, List.of(chart), 1, ChartStyle.legend(ChartStyle.items(items))), 640,
                700 + 18 * legendRows);
    }
}
