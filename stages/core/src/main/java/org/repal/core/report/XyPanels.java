package org.repal.core.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.data.xy.YIntervalSeries;

/**
 * What the multi-panel XY charts ({@link IntervalChart}, {@link ScatterFitChart}) share: one
 * colour per series label across all panels, the layout (panels side by side, at most three per row,
 * one legend below), and the (x, y ± error) series of the interval charts.
 */
final class XyPanels {

    static {
        Headless.ensure();
    }

    private static final int MAX_COLUMNS = 3;
    /** Height added once per figure, beside the rows of panels: room for the title and the legend. */
    private static final int TITLE_AND_LEGEND = 80;

    private XyPanels() {
    }

    /**
     * One colour per series label, in the order the labels first appear panel by panel: a label keeps its colour
     * in every panel.
     *
     * @param chart  the chart's kind for the error message, e.g. "line chart"
     * @param labels the series labels of one panel
     * @throws IllegalArgumentException for no panels
     */
    static <P> Map<String, Color> colours(String chart, List<P> panels, Function<P, List<String>> labels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException(chart + " needs at least one panel");
        }
        List<String> all = new ArrayList<>();
        panels.forEach(p -> all.addAll(labels.apply(p)));
        return Palette.byLabel(all);
    }

    /** The panels side by side (at most three per row, each panelWidth × panelHeight), the legend below. */
    static Figure render(String name, String title, String caption, List<JFreeChart> panels,
                         LegendItemCollection legendItems, int panelWidth, int panelHeight) {
        int columns = Math.min(MAX_COLUMNS, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        return FigureRenderer.render(name, title, caption,
                new ChartGrid(title, panels, columns, ChartStyle.legend(ChartStyle.items(legendItems))),
                columns * panelWidth, TITLE_AND_LEGEND + rows * panelHeight);
    }

    /**
     * Series {@code k} of a panel as points (x, y, y − e, y + e): points whose x or y is not finite are left out, a
     * missing or non-finite error e counts as 0. The key starts with k, so equal labels in one panel stay apart.
     *
     * @param error half-length of the interval at each point, or null for none
     */
    static YIntervalSeries intervalSeries(int k, String label, double[] x, double[] y, double[] error) {
        YIntervalSeries series = new YIntervalSeries(k + ":" + label, false, true);
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double yi = y[i];
            if (!Double.isFinite(xi) || !Double.isFinite(yi)) {
                continue;
            }
            double e = error == null || !Double.isFinite(error[i]) ? 0 : Math.abs(error[i]);
            series.add(xi, yi, yi - e, yi + e);
        }
        return series;
    }
}
