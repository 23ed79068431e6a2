package org.repal.core.report;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A heatmap of a rows × columns matrix (e.g. the 10 × 10 group dissimilarity matrix): row labels on the left
 * (row 0 at the top), column labels below (vertical), a colour scale with its legend on the right, each cell's
 * value written in it with two decimals, NaN cells grey and labelled "NaN". Optionally only the upper triangle
 * (including the diagonal) is drawn, for symmetric matrices. Large matrices (model × model) are drawn without
 * cell values above {@value #MAX_ANNOTATED} and without labels above {@value #MAX_LABELLED} rows or columns.
 */
public final class HeatmapChart {

    static {
        Headless.ensure();
    }

    /** Above this many rows or columns the values are no longer written into the cells. */
    static final int MAX_ANNOTATED = 30;
    /** Above this many rows or columns the row and column labels are left out (they would overlap). */
    static final int MAX_LABELLED = 80;

    private HeatmapChart() {
    }

    /** A heatmap whose colour scale spans the finite values of the matrix. */
    public static Figure render(String name, String title, String caption, double[][] values,
                                List<String> rowLabels, List<String> columnLabels, boolean upperTriangleOnly) {
        return render(name, title, caption, values, rowLabels, columnLabels, upperTriangleOnly, Double.NaN,
                Double.NaN, "");
    }

    /**
     * A heatmap with a given colour range.
     *
     * @param values            the matrix, values[row][column]; NaN allowed (grey)
     * @param rowLabels         one label per row
     * @param columnLabels      one label per column
     * @param upperTriangleOnly draw only cells with column ≥ row
     * @param low               value at the low end of the colour scale; NaN: the smallest finite value shown
     * @param high              value at the high end; NaN: the largest finite value shown
     * @param scaleLabel        label of the colour legend's axis (may be empty)
     */
    public static Figure render(String name, String title, String caption, double[][] values,
                                List<String> rowLabels, List<String> columnLabels, boolean upperTriangleOnly,
                                double low, double high, String scaleLabel) {
        int rows = values.length;
        if (rows == 0) {
            throw new IllegalArgumentException("heatmap needs at least one row");
        }
        int cols = values[0].length;
        for (double[] row : values) {
            if (row.length != cols || cols == 0) {
                throw new IllegalArgumentException("heatmap matrix must be rectangular and non-empty");
            }
        }
        if (rowLabels.size() != rows || columnLabels.size() != cols) {
            throw new IllegalArgumentException("heatmap of " + rows + "x" + cols + " needs as many labels, got "
                    + rowLabels.size() + " row and " + columnLabels.size() + " column labels");
        }

        DefaultXYZDataset data = new DefaultXYZDataset();
        int shown = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (visible(r, c, upperTriangleOnly)) {
                    shown++;
                }
            }
        }
        double[][] xyz = new double[3][shown];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int k = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (!visible(r, c, upperTriangleOnly)) {
                    continue;
                }
                double v = values[r][c];
                xyz[0][k] = c;
                xyz[1][k] = r;
                xyz[2][k] = v;
                k++;
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        data.addSeries("values", xyz);
        double lo = Double.isNaN(low) ? min : low;
        double hi = Double.isNaN(high) ? max : high;
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) { // nothing finite to show
            lo = 0;
            hi = 1;
        }
        if (!(lo < hi)) {
            double pad = lo == 0 ? 0.5 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        ColourScale scale = new ColourScale(lo, hi);

        SymbolAxis xAxis = new SymbolAxis(null, columnLabels.toArray(new String[0]));
        SymbolAxis yAxis = new SymbolAxis(null, rowLabels.toArray(new String[0]));
        for (SymbolAxis axis : new SymbolAxis[] {xAxis, yAxis}) {
            axis.setGridBandsVisible(false);
            axis.setAutoRange(false);
            ChartStyle.style(axis);
            axis.setTickMarksVisible(false);
            axis.setAxisLineVisible(false);
        }
        if (Math.max(rows, cols) > MAX_LABELLED) {
            xAxis.setTickLabelsVisible(false);
            yAxis.setTickLabelsVisible(false);
        }
        xAxis.setRange(-0.5, cols - 0.5);
        yAxis.setRange(-0.5, rows - 0.5);
        xAxis.setVerticalTickLabels(true);
        yAxis.setInverted(true);

        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(1.0);
        renderer.setBlockHeight(1.0);
        renderer.setBlockAnchor(RectangleAnchor.CENTER);
        renderer.setPaintScale(scale);

        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        ChartStyle.style(plot);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        plot.setDomainAxisLocation(AxisLocation.BOTTOM_OR_LEFT);

        int n = Math.max(rows, cols);
        if (n <= MAX_ANNOTATED) {
            Font font = new Font(ChartStyle.FAMILY, Font.PLAIN, n <= 12 ? 11 : n <= 20 ? 9 : 7);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (!visible(r, c, upperTriangleOnly)) {
                        continue;
                    }
                    double v = values[r][c];
                    XYTextAnnotation text = new XYTextAnnotation(ChartStyle.format(v, "0.00"), c, r);
                    text.setFont(font);
                    text.setTextAnchor(TextAnchor.CENTER);
                    Color cell = scale.colour(v);
                    text.setPaint(ColourScale.textOn(cell));
                    plot.addAnnotation(text, false);
                }
            }
        }

        NumberAxis legendAxis = ChartStyle.numberAxis(scaleLabel);
        legendAxis.setRange(lo, hi);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setSubdivisionCount(128);
        legend.setStripWidth(14);
        legend.setStripOutlineVisible(false);
        legend.setAxisOffset(4);
        legend.setMargin(new RectangleInsets(10, 12, 10, 4));
        legend.setFrame(BlockBorder.NONE);
        legend.setBackgroundPaint(Color.WHITE);

        JFreeChart chart = ChartStyle.chart(null, plot);
        chart.addSubtitle(legend);

        // cells 64 px for small matrices, shrinking so that the matrix stays near 640 px (at least 1 px a cell)
        int cell = Math.max(1, Math.min(64, 640 / n));
        boolean labelled = n <= MAX_LABELLED;
        int width = (labelled ? 230 : 60) + cols * cell + 110;
        int height = 60 + rows * cell + (labelled ? 190 : 40);
        return FigureRenderer.render(name, title, caption, new ChartGrid(title, List.of(chart), 1, null), width,
                height);
    }

    private static boolean visible(int row, int col, boolean upperTriangleOnly) {
        return !upperTriangleOnly || col >= row;
    }
}
