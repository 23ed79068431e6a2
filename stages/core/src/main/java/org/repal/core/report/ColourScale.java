package org.repal.core.report;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/**
 * A sequential colour scale for heatmaps: dark blue-violet at the low end through teal and green to yellow at
 * the high end (perceptually ordered, readable in grey print), linearly interpolated between ten anchor colours.
 * Values outside the range take the end colours; NaN is grey.
 */
final class ColourScale implements PaintScale {

    static {
        Headless.ensure();
    }

    /** Grey for missing values (NaN). */
    static final Color MISSING = new Color(0xC8C8C8);

    private static final int[] ANCHORS = {
        0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725,
    };

    private final double lower;
    private final double upper;

    /** A scale over [lower, upper]; lower must be below upper. */
    ColourScale(double lower, double upper) {
        if (!(lower < upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("colour scale needs finite lower < upper, got " + lower + ", " + upper);
        }
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return colour(value);
    }

    /** The colour of a value. */
    Color colour(double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        double t = (value - lower) / (upper - lower);
        t = Math.max(0.0, Math.min(1.0, t)) * (ANCHORS.length - 1);
        int i = Math.min((int) Math.floor(t), ANCHORS.length - 2);
        double f = t - i;
        int a = ANCHORS[i];
        int b = ANCHORS[i + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        int x = a & 0xFF;
        int y = b & 0xFF;
        return (int) Math.round(x + (y - x) * f);
    }

    /** Black or white, whichever reads better on {@code background}. */
    static Color textOn(Color background) {
        double luminance = 0.2126 * background.getRed() + 0.7152 * background.getGreen()
                + 0.0722 * background.getBlue();
        return luminance > 140 ? Color.BLACK : Color.WHITE;
    }
}
