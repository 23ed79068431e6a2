package org.repal.core.report;

import java.awt.Color;
import java.awt.Shape;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Groups of (x, y) points drawn as dots, as in {@link ScatterFitChart} and {@link EmbeddingChart}: one series per
 * group, in its label's colour made translucent (so that overlapping dots show), and the extent of the points
 * drawn (for a fit line's ends or equal axis spans). Points whose x or y is not finite are left out.
 */
final class ScatterDots {

    static {
        Headless.ensure();
    }

    private final XYSeriesCollection data = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    private final Map<String, Color> colours;
    private final int alpha;
    private final Shape shape;
    private double minX = Double.POSITIVE_INFINITY;
    private double maxX = Double.NEGATIVE_INFINITY;
    private double minY = Double.POSITIVE_INFINITY;
    private double maxY = Double.NEGATIVE_INFINITY;

    /**
     * @param colours each group label's colour
     * @param alpha   the dots' opacity, 0…255
     * @param shape   the dot
     */
    ScatterDots(Map<String, Color> colours, int alpha, Shape shape) {
        this.colours = colours;
        this.alpha = alpha;
        this.shape = shape;
    }

    /** Throws unless the group can be drawn: a label, and x and y of equal lengths. */
    static void checkGroup(String label, double[] x, double[] y) {
        Objects.requireNonNull(label, "label");
        if (x.length != y.length) {
            throw new IllegalArgumentException("group '" + label + "': x and y need equal lengths");
        }
    }

    /** Adds a group as the next series, as filled dots. */
    void add(String label, double[] x, double[] y) {
        add(label, x, y, true);
    }

    /** Adds a group as the next series; {@code filled} false draws open circles (a second kind of point). */
    void add(String label, double[] x, double[] y, boolean filled) {
        int k = data.getSeriesCount();
        XYSeries series = new XYSeries(k + ":" + label, false, true); // k first: equal labels stay apart
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double yi = y[i];
            if (Double.isFinite(xi) && Double.isFinite(yi)) {
                series.add(xi, yi);
                minX = Math.min(minX, xi);
                maxX = Math.max(maxX, xi);
                minY = Math.min(minY, yi);
                maxY = Math.max(maxY, yi);
            }
        }
        data.addSeries(series);
        Color c = colours.get(label);
        renderer.setSeriesPaint(k, new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha));
        renderer.setSeriesShape(k, shape);
        if (!filled) {
            renderer.setSeriesShapesFilled(k, false);
        }
    }

    XYSeriesCollection data() {
        return data;
    }

    XYLineAndShapeRenderer renderer() {
        return renderer;
    }

    /** Whether any point was drawn (else the bounds below are infinite). */
    boolean any() {
        return minX <= maxX;
    }

    double minX() {
        return minX;
    }

    double maxX() {
        return maxX;
    }

    double minY() {
        return minY;
    }

    double maxY() {
        return maxY;
    }
}
