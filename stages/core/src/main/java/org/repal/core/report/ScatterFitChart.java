package org.repal.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Scatter plots of (x, y) points coloured by group with an ordinary-least-squares fit line, given by its slope
 * and intercept (this class fits nothing), and the fit's numbers written in the corner: slope, R², p and n.
 * E.g. dissimilarity against % shared tasks, or against |accuracy₁ − accuracy₂|. Non-finite points are left out.
 */
public final class ScatterFitChart {

    static {
        Headless.ensure();
    }

    /** One group of points, drawn in one colour. */
    public record Group(String label, double[] x, double[] y) {
        public Group {
            Objects.requireNonNull(label, "label");
            if (x.length != y.length) {
                throw new IllegalArgumentException("group '" + label + "': x and y need equal lengths");
            }
        }
    }

    /** A fitted line y = intercept + slope·x and its statistics (shown as given; NaN prints as NaN). */
    public record Fit(double slope, double intercept, double r2, double p, int n) {
    }

    /** One panel: title, groups, and the fit (null: no line, no numbers). */
    public record Panel(String title, List<Group> groups, Fit fit) {
        public Panel {
            groups = List.copyOf(groups);
        }
    }

    private static final Color FIT = new Color(0x222222);

    private ScatterFitChart() {
    }

    /** A single panel. */
    public static Figure render(String name, String title, String caption, String xLabel, String yLabel,
                                List<Group> groups, Fit fit) {
        return renderPanels(name, title, caption, xLabel, yLabel, List.of(new Panel(null, groups, fit)));
    }

    /** Several panels side by side (at most three per row), one legend below. */
    public static Figure renderPanels(String name, String title, String caption, String xLabel, String yLabel,
                                      List<Panel> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("scatter chart needs at least one panel");
        }
        List<String> labels = new ArrayList<>();
        panels.forEach(p -> p.groups().forEach(g -> labels.add(g.label())));
        Map<String, Color> colours = Palette.byLabel(labels);
        List<JFreeChart> charts = new ArrayList<>();
        boolean anyFit = false;
        for (Panel p : panels) {
            charts.add(panel(p, colours, xLabel, yLabel));
            anyFit |= p.fit() != null;
        }
        LegendItemCollection items = new LegendItemCollection();
        colours.forEach((label, colour) -> items.add(ChartStyle.shapeItem(label, ChartStyle.DOT, colour, true)));
        if (anyFit) {
            items.add(ChartStyle.lineItem("OLS fit", FIT));
        }
        int columns = Math.min(3, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        return FigureRenderer.render(name, title, caption,
                new ChartGrid(title, charts, columns, ChartStyle.legend(ChartStyle.items(items))),
                columns * 480, 80 + rows * 420);
    }

    private static JFreeChart panel(Panel p, Map<String, Color> colours, String xLabel, String yLabel) {
        XYSeriesCollection points = new XYSeriesCollection();
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        int k = 0;
        for (Group g : p.groups()) {
            XYSeries series = new XYSeries(k + ":" + g.label(), false, true);
            for (int i = 0; i < g.x().length; i++) {
                double x = g.x()[i];
                double y = g.y()[i];
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    series.add(x, y);
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                }
            }
            points.addSeries(series);
            Color c = colours.get(g.label());
            dots.setSeriesPaint(k, new Color(c.getRed(), c.getGreen(), c.getBlue(), 170));
            dots.setSeriesShape(k, ChartStyle.SMALL_DOT);
            k++;
        }
        XYPlot plot = ChartStyle.xyPlot(points, dots, xLabel, yLabel);
        Fit fit = p.fit();
        if (fit != null) {
            if (minX <= maxX && Double.isFinite(fit.slope()) && Double.isFinite(fit.intercept())) {
                XYSeriesCollection line = new XYSeriesCollection();
                XYSeries s = new XYSeries("fit", false, true);
                s.add(minX, fit.intercept() + fit.slope() * minX);
                s.add(maxX, fit.intercept() + fit.slope() * maxX);
                line.addSeries(s);
                XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
                lr.setSeriesPaint(0, FIT);
                lr.setSeriesStroke(0, new BasicStroke(2.0f));
                plot.setDataset(1, line);
                plot.setRenderer(1, lr);
            }
            TextTitle text = new TextTitle(describe(fit), ChartStyle.NOTE);
            text.setPaint(ChartStyle.TEXT);
            text.setBackgroundPaint(new Color(255, 255, 255, 210));
            text.setPadding(new RectangleInsets(3, 5, 3, 5));
            plot.addAnnotation(new XYTitleAnnotation(0.02, 0.98, text, RectangleAnchor.TOP_LEFT));
        }
        return ChartStyle.chart(p.title(), plot);
    }

    /** "slope = …, R² = …, p = …, n = …". */
    static String describe(Fit fit) {
        return "slope = " + ChartStyle.formatNumber(fit.slope()) + ", R\u00B2 = " + ChartStyle.format(fit.r2(), "0.000")
                + ", p = " + ChartStyle.formatP(fit.p()) + ", n = " + fit.n();
    }
}
