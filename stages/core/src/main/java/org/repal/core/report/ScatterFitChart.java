package org.repal.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
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
            ScatterDots.checkGroup(label, x, y);
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
        Map<String, Color> colours = XyPanels.colours("scatter chart", panels,
                p -> p.groups().stream().map(Group::label).toList());
        List<JFreeChart> charts = panels.stream().map(p -> panel(p, colours, xLabel, yLabel)).toList();
        LegendItemCollection items = ChartStyle.legendItems(colours,
                (label, colour) -> ChartStyle.shapeItem(label, ChartStyle.DOT, colour, true));
        if (panels.stream().anyMatch(p -> p.fit() != null)) {
            items.add(ChartStyle.lineItem("OLS fit", FIT));
        }
        return XyPanels.render(name, title, caption, charts, items, 480, 420);
    }

    private static JFreeChart panel(Panel p, Map<String, Color> colours, String xLabel, String yLabel) {
        ScatterDots dots = new ScatterDots(colours, 170, ChartStyle.SMALL_DOT);
        p.groups().forEach(g -> dots.add(g.label(), g.x(), g.y()));
        XYPlot plot = ChartStyle.xyPlot(dots.data(), dots.renderer(), xLabel, yLabel);
        Fit fit = p.fit();
        if (fit != null) {
            if (dots.any() && Double.isFinite(fit.slope()) && Double.isFinite(fit.intercept())) {
                double minX = dots.minX();
                double maxX = dots.maxX();
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
