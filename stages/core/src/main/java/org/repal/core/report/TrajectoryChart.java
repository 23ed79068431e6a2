package org.repal.core.report;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Trajectories in a 3-D principal-component space (e.g. master, untrained and pretrained models on the stimulus
 * window, all projected on one common PCA), drawn as the three 2-D projections PC1–PC2, PC1–PC3 and PC2–PC3 side
 * by side. Each trajectory is a line in its group's colour with a ▲ at its first and a × at its last point;
 * several trajectories may share a group (e.g. four trials of one model). Non-finite points are left out.
 */
public final class TrajectoryChart {

    static {
        Headless.ensure();
    }

    /**
     * One trajectory.
     *
     * @param group  legend label and colour key (model or group name)
     * @param points points[t] = {pc1, pc2, pc3}
     */
    public record Trajectory(String group, double[][] points) {
        public Trajectory {
            Objects.requireNonNull(group, "group");
            for (double[] p : points) {
                if (p.length != 3) {
                    throw new IllegalArgumentException("trajectory '" + group + "': points must have 3 coordinates");
                }
            }
        }
    }

    private static final Shape START = triangle(5.5);
    private static final Shape END = ShapeUtils.createDiagonalCross(5f, 1.2f);
    private static final int[][] PAIRS = {{0, 1}, {0, 2}, {1, 2}};

    private TrajectoryChart() {
    }

    /** Axis names "PC1", "PC2", "PC3". */
    public static Figure render(String name, String title, String caption, List<Trajectory> trajectories) {
        return render(name, title, caption, trajectories, List.of("PC1", "PC2", "PC3"));
    }

    /**
     * The three projections.
     *
     * @param axisNames names of the three coordinates
     */
    public static Figure render(String name, String title, String caption, List<Trajectory> trajectories,
                                List<String> axisNames) {
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("trajectory chart needs at least one trajectory");
        }
        if (axisNames.size() != 3) {
            throw new IllegalArgumentException("three axis names needed, got " + axisNames);
        }
        List<String> labels = new ArrayList<>();
        trajectories.forEach(t -> labels.add(t.group()));
        Map<String, Color> colours = Palette.byLabel(labels);
        List<JFreeChart> charts = new ArrayList<>();
        for (int[] pair : PAIRS) {
            charts.add(projection(trajectories, colours, pair[0], pair[1], axisNames));
        }
        LegendItemCollection items = new LegendItemCollection();
        colours.forEach((label, colour) -> items.add(ChartStyle.lineItem(label, colour)));
        items.add(ChartStyle.shapeItem("start", START, ChartStyle.AXIS, true));
        items.add(ChartStyle.shapeItem("end", END, ChartStyle.AXIS, true));
        return FigureRenderer.render(name, title, caption,
                new ChartGrid(title, charts, 3, ChartStyle.legend(ChartStyle.items(items))), 1260, 500);
    }

    private static JFreeChart projection(List<Trajectory> trajectories, Map<String, Color> colours, int a, int b,
                                         List<String> axisNames) {
        XYSeriesCollection lines = new XYSeriesCollection();
        XYSeriesCollection marks = new XYSeriesCollection();
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
        int k = 0;
        for (Trajectory t : trajectories) {
            XYSeries line = new XYSeries(k + ":" + t.group(), false, true);
            double[] first = null;
            double[] last = null;
            for (double[] p : t.points()) {
                if (Double.isFinite(p[a]) && Double.isFinite(p[b])) {
                    line.add(p[a], p[b]);
                    if (first == null) {
                        first = p;
                    }
                    last = p;
                }
            }
            Color colour = colours.get(t.group());
            lines.addSeries(line);
            lineRenderer.setSeriesPaint(k, colour);
            lineRenderer.setSeriesStroke(k, ChartStyle.LINE);
            XYSeries start = new XYSeries(k + ":start", false, true);
            XYSeries end = new XYSeries(k + ":end", false, true);
            if (first != null) {
                start.add(first[a], first[b]);
                end.add(last[a], last[b]);
            }
            marks.addSeries(start);
            marks.addSeries(end);
            Color dark = colour.darker();
            markRenderer.setSeriesPaint(2 * k, dark);
            markRenderer.setSeriesShape(2 * k, START);
            markRenderer.setSeriesPaint(2 * k + 1, dark);
            markRenderer.setSeriesShape(2 * k + 1, END);
            k++;
        }
        XYPlot plot = ChartStyle.xyPlot(lines, lineRenderer, axisNames.get(a), axisNames.get(b));
        plot.setDataset(1, marks);
        plot.setRenderer(1, markRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        return ChartStyle.chart(axisNames.get(a) + " \u2013 " + axisNames.get(b), plot);
    }

    /** An upward triangle centred on the origin. */
    private static Shape triangle(double r) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, r * 0.8);
        p.lineTo(-r, r * 0.8);
        p.closePath();
        return p;
    }
}
