package org.repal.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

/**
 * The one look of every report figure: the JDK's logical font "SansSerif" only (the JDK maps it to an installed
 * sans font through fontconfig, e.g. DejaVu Sans; no font is bundled or loaded from a file), white backgrounds,
 * light grid lines, and helpers that build charts, axes and legends in that style. Charts are built from plots
 * directly (not through {@code ChartFactory} and its theme, whose default fonts are not logical fonts).
 */
final class ChartStyle {

    // Runs first: AWT must learn it is headless before any font or colour below is made. Rotated labels (vertical
    // axis labels and tick labels) are then drawn as rotated strings instead of through JFreeChart's TextLayout
    // workaround for old JDKs, which turns them into outlines: in the SVG they stay text, like every other label.
    // (A JFreeChart-wide switch; nothing else in a repal JVM draws charts.)
    static {
        Headless.ensure();
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    static final String FAMILY = Font.SANS_SERIF;
    static final Font TITLE = new Font(FAMILY, Font.BOLD, 16);
    static final Font PANEL_TITLE = new Font(FAMILY, Font.BOLD, 13);
    static final Font LABEL = new Font(FAMILY, Font.PLAIN, 12);
    static final Font TICK = new Font(FAMILY, Font.PLAIN, 10);
    static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 11);
    static final Font NOTE = new Font(FAMILY, Font.PLAIN, 11);
    static final Color GRID = new Color(0xDADADA);
    static final Color AXIS = new Color(0x555555);
    static final Color TEXT = new Color(0x222222);
    static final Stroke LINE = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke THIN = new BasicStroke(1.0f);
    static final Shape DOT = new Ellipse2D.Double(-3, -3, 6, 6);
    static final Shape SMALL_DOT = new Ellipse2D.Double(-2.5, -2.5, 5, 5);

    private ChartStyle() {
    }

    /** A chart around {@code plot} with an optional panel title and no legend, on white. */
    static JFreeChart chart(String panelTitle, Plot plot) {
        JFreeChart chart = new JFreeChart(null, PANEL_TITLE, plot, false);
        if (panelTitle != null && !panelTitle.isBlank()) {
            TextTitle t = new TextTitle(panelTitle, PANEL_TITLE);
            t.setPaint(TEXT);
            t.setPadding(new RectangleInsets(4, 4, 2, 4));
            chart.setTitle(t);
        }
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        return chart;
    }

    /** White background, light grid, styled axes. */
    static void style(XYPlot plot) {
        frame(plot);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(THIN);
        plot.setRangeGridlineStroke(THIN);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            style(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            style(plot.getRangeAxis(i));
        }
    }

    /** White background, light horizontal grid, styled axes. */
    static void style(CategoryPlot plot) {
        frame(plot);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(THIN);
        plot.setDomainGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        style(plot.getDomainAxis());
        style(plot.getRangeAxis());
    }

    // The grid and axis-offset setters repeat above because XYPlot and CategoryPlot declare them separately (no
    // common supertype has them); only what Plot itself offers is shared here.
    private static void frame(Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(AXIS);
    }

    /** Fonts and colours of one axis. */
    static void style(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(LABEL);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(AXIS);
        axis.setTickMarkPaint(AXIS);
    }

    /** A number axis that does not force zero into its range. */
    static NumberAxis numberAxis(String label) {
        NumberAxis axis = new NumberAxis(label == null ? "" : label);
        axis.setAutoRangeIncludesZero(false);
        style(axis);
        return axis;
    }

    /** An XY plot with number axes in the report's style. */
    static XYPlot xyPlot(XYDataset data, XYItemRenderer renderer, String xLabel, String yLabel) {
        XYPlot plot = new XYPlot(data, numberAxis(xLabel), numberAxis(yLabel), renderer);
        style(plot);
        return plot;
    }

    /** A number with three significant digits, scientific notation outside [0.001, 100000). */
    static String formatNumber(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A legend for the items of {@code source}, below the panels, in the report's fonts. */
    static LegendTitle legend(LegendItemSource source) {
        LegendTitle legend = new LegendTitle(source);
        legend.setItemFont(LEGEND);
        legend.setItemPaint(TEXT);
        legend.setBackgroundPaint(Color.WHITE);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setPadding(new RectangleInsets(4, 4, 4, 4));
        return legend;
    }

    /** A legend source holding fixed items. */
    static LegendItemSource items(LegendItemCollection items) {
        return () -> items;
    }

    /** One legend entry per label, in the order of {@code colours}. */
    static LegendItemCollection legendItems(Map<String, Color> colours, BiFunction<String, Color, LegendItem> item) {
        LegendItemCollection items = new LegendItemCollection();
        colours.forEach((label, colour) -> items.add(item.apply(label, colour)));
        return items;
    }

    /** A legend entry drawn as a line of the given colour. */
    static LegendItem lineItem(String label, Paint paint) {
        LegendItem item = new LegendItem(label, null, null, null, new Line2D.Double(-9, 0, 9, 0), LINE, paint);
        item.setLabelFont(LEGEND);
        return item;
    }

    /** A legend entry drawn as a filled square of the given colour. */
    static LegendItem boxItem(String label, Paint paint) {
        LegendItem item = new LegendItem(label, null, null, null, new Rectangle2D.Double(-5, -5, 10, 10), paint);
        item.setLabelFont(LEGEND);
        return item;
    }

    /** A legend entry drawn as a marker shape, filled or outlined. */
    static LegendItem shapeItem(String label, Shape shape, Paint paint, boolean filled) {
        LegendItem item = new LegendItem(label, null, null, null, true, shape, filled, paint, !filled, paint, LINE,
                false, new Line2D.Double(-8, 0, 8, 0), LINE, paint);
        item.setLabelFont(LEGEND);
        return item;
    }

    /** Locale-independent decimal formatting, e.g. {@code format(0.5, "0.00")} = "0.50". */
    static String format(double value, String pattern) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    /**
     * A p value in a compact form: 3 significant digits, scientific below 0.001. The same text as
     * {@link #formatNumber}: its switch to scientific at 100000 changes nothing, "%.3g" writes those so too.
     */
    static String formatP(double p) {
        return formatNumber(p);
    }
}
