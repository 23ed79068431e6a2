package org.repal.core.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;

/**
 * Whether this JVM can draw the report's text: the figures write titles, labels and numbers with AWT's logical
 * "SansSerif" font, which needs fontconfig and at least one installed font (the images install fontconfig and
 * fonts-dejavu-core). Used by {@code repal doctor}; never throws.
 */
public final class FontCheck {

    static {
        Headless.ensure();
    }

    /**
     * The outcome.
     *
     * @param rendered whether a line of text came out as ink on an image
     * @param families installed font families the JVM sees (0 when it cannot list them)
     * @param error    what went wrong, or null
     */
    public record Result(boolean rendered, int families, String error) {
    }

    private FontCheck() {
    }

    /** Draws a line of text into an image and looks for ink. */
    public static Result run() {
        int families = 0;
        try {
            families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames().length;
            BufferedImage img = new BufferedImage(240, 40, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, 240, 40);
                g.setColor(Color.BLACK);
                g.setFont(new Font(ChartStyle.FAMILY, Font.PLAIN, 16));
                g.drawString("DSA 0.61 \u00b1 0.02 (n=64)", 4, 26);
            } finally {
                g.dispose();
            }
            int ink = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                        ink++;
                    }
                }
            }
            return ink > 20 ? new Result(true, families, null)
                    : new Result(false, families, "text drew no ink (no usable font)");
        } catch (Throwable e) { // AWT without fontconfig or fonts fails with Errors as well as exceptions
            return new Result(false, families, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
