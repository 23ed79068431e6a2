package org.repal.core.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * Box plots of values per level (e.g. the dissimilarity to master of the models of 5 groups), one panel per
 * metric, optionally several series side by side within a level (e.g. leaky_rnn and leaky_gru). Each box shows
 * the median (line), the quartiles (box), whiskers to the furthest values within 1.5 IQR, outliers as circles
 * and the mean as a filled marker; the level labels carry the number of values per box ("n=64", or "n=32/32"
 * for several series). Non-finite values are ignored and not counted.
 */
public final class BoxplotChart {

    static {
        Headless.ensure();
    }

    /**
     * One box: the values of one series at one level.
     *
     * @param level  category on the horizontal axis (e.g. "untrained")
     * @param series series name; boxes of one series share a colour (use "" for a single series)
     * @param values the values (NaN ignored)
     */
    public record Box(String level, String series, double[] values) {
        public Box {
            Objects.requireNonNull(level, "level");
            series = series == null ? "" : series;
            Objects.requireNonNull(values, "values");
        }

        /** A box of the single, unnamed series. */
        public static Box of(String level, double[] values) {
            return new Box(level, "", values);
        }
    }

    /**
     * One panel: a metric and its boxes; levels and series appear in the order of their first box.
     *
     * @param metric panel title (e.g. "DSA")
     * @param boxes  the boxes
     */
    public record Panel(String metric, List<Box> boxes) {
        public Panel {
            Objects.requireNonNull(metric, "metric");
            boxes = List.copyOf(boxes);
        }
    }

    /** Widest box in pixels. */
    private static final int BOX_PX = 26;

    private BoxplotChart() {
    }

    /**
     * Renders the panels side by side (at most three per row).
     *
     * @param valueLabel label of the value axis (e.g. "dissimilarity to master")
     */
    public static Figure render(String name, String title, String caption, String valueLabel, List<Panel> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("box plot needs at least one panel");
        }
        Set<String> allSeries = new LinkedHashSet<>();
        int maxLevels = 1;
        for (Panel p : panels) {
            Set<String> levels = new LinkedHashSet<>();
            for (Box b : p.boxes()) {
                allSeries.add(b.series());
                levels.add(b.level());
            }
            maxLevels = Math.max(maxLevels, levels.size());
        }
        List<String> seriesOrder = new ArrayList<>(allSeries);
        int panelWidth = Math.max(360, 90 + maxLevels * Math.max(100, 40 + 30 * seriesOrder.size()));
        // Boxes at most BOX_PX wide (the renderer sizes the mean marker from the box width).
        double maxBarFraction = BOX_PX / (double) (panelWidth - 90);
        List<JFreeChart> charts = new ArrayList<>();
        for (Panel p : panels) {
            charts.add(panel(p, seriesOrder, valueLabel, maxBarFraction));
        }
        LegendTitle legend = null;
        if (seriesOrder.size() > 1) {
            LegendItemCollection items = new LegendItemCollection();
            for (int s = 0; s < seriesOrder.size(); s++) {
                items.add(ChartStyle.boxItem(seriesOrder.get(s), Palette.colour(s)));
            }
            items.add(ChartStyle.shapeItem("mean", ChartStyle.DOT, Color.BLACK, true));
            legend = ChartStyle.legend(ChartStyle.items(items));
        }
        int columns = Math.min(3, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        int width = columns * panelWidth;
        int height = 50 + rows * 430 + (legend == null ? 0 : 30);
        return FigureRenderer.render(name, title, caption, new ChartGrid(title, charts, columns, legend), width,
                height);
    }

    private static JFreeChart panel(Panel p, List<String> seriesOrder, String valueLabel, double maxBarFraction) {
        // level → series → values, in first-appearance order
        Map<String, Map<String, double[]>> byLevel = new LinkedHashMap<>();
        for (Box b : p.boxes()) {
            Map<String, double[]> m = byLevel.computeIfAbsent(b.level(), k -> new LinkedHashMap<>());
            if (m.putIfAbsent(b.series(), b.values()) != null) {
                throw new IllegalArgumentException("panel '" + p.metric() + "' has two boxes for level '"
                        + b.level() + "' and series '" + b.series() + "'");
            }
        }
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        for (Map.Entry<String, Map<String, double[]>> level : byLevel.entrySet()) {
            List<String> counts = new ArrayList<>();
            List<BoxStats> stats = new ArrayList<>();
            for (String s : seriesOrder) {
                double[] values = level.getValue().get(s);
                BoxStats st = BoxStats.of(values == null ? new double[0] : values);
                stats.add(st);
                if (values != null) {
                    counts.add(Integer.toString(st.n()));
                }
            }
            String label = level.getKey() + "\nn=" + String.join("/", counts);
            for (int s = 0; s < seriesOrder.size(); s++) {
                data.add(item(stats.get(s)), seriesOrder.get(s), label);
            }
        }

        CategoryAxis levels = new CategoryAxis(null);
        ChartStyle.style(levels);
        levels.setMaximumCategoryLabelLines(4);
        levels.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        levels.setLowerMargin(0.04);
        levels.setUpperMargin(0.04);
        levels.setCategoryMargin(0.25);
        NumberAxis values = ChartStyle.numberAxis(valueLabel);

        BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
        renderer.setMeanVisible(true);
        renderer.setMedianVisible(true);
        renderer.setFillBox(true);
        renderer.setUseOutlinePaintForWhiskers(true);
        renderer.setMaximumBarWidth(maxBarFraction);
        renderer.setItemMargin(0.08);
        renderer.setWhiskerWidth(0.6);
        renderer.setDefaultOutlinePaint(Color.BLACK);
        renderer.setAutoPopulateSeriesOutlinePaint(false);
        for (int s = 0; s < seriesOrder.size(); s++) {
            renderer.setSeriesPaint(s, translucent(Palette.colour(s)));
            renderer.setSeriesOutlinePaint(s, Color.BLACK);
            renderer.setSeriesOutlineStroke(s, ChartStyle.THIN);
        }
        CategoryPlot plot = new CategoryPlot(data, levels, values, renderer);
        ChartStyle.style(plot);
        return ChartStyle.chart(p.metric(), plot);
    }

    /** JFreeChart's box item; outliers beyond the data range never occur, so none is drawn as "far out". */
    private static BoxAndWhiskerItem item(BoxStats s) {
        if (s.n() == 0) {
            return new BoxAndWhiskerItem(null, null, null, null, null, null, null, null, List.of());
        }
        return new BoxAndWhiskerItem(s.mean(), s.median(), s.q1(), s.q3(), s.lowWhisker(), s.highWhisker(), s.min(),
                s.max(), s.outliers());
    }

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 150);
    }
}
