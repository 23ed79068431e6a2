package org.repal.core.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jfree.chart.ui.Drawable;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws one drawing (a chart, or a {@link ChartGrid} of charts) twice, into a PNG image and an SVG document of the
 * same size, and wraps both in a {@link Figure}.
 *
 * <p>Both outputs are deterministic: the PNG holds only the pixels (no time or text chunks; ImageIO's encoder
 * writes none), and the SVG's definition ids (clip paths, gradients) are numbered under a prefix made from the
 * figure name instead of JFreeSVG's default, which is derived from the clock. Coordinates in the SVG are
 * rounded to 1/100 px.
 */
final class FigureRenderer {

    static {
        Headless.ensure();
    }

    private FigureRenderer() {
    }

    /** Renders {@code drawing} at width × height pixels into both formats. */
    static Figure render(String name, String title, String caption, Drawable drawing, int width, int height) {
        Figure.checkName(name);
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("figure size must be positive: " + width + "x" + height);
        }
        return new Figure(name, title, caption, png(drawing, width, height), svg(drawing, width, height, name));
    }

    /** The drawing as PNG bytes, on white. */
    static byte[] png(Drawable drawing, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            hints(g);
            drawing.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no PNG encoder");
        }
        ImageWriter writer = writers.next();
        // In memory: ImageIO's default stream would spill to a temporary file.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The drawing as a standalone SVG document (UTF-8 XML declaration, no DOCTYPE). */
    static String svg(Drawable drawing, int width, int height, String idPrefix) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(idPrefix + "-");
        g.setGeomDoubleConverter(FigureRenderer::round2);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        hints(g);
        drawing.draw(g, new Rectangle2D.Double(0, 0, width, height));
        g.dispose();
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g.getSVGElement() + "\n";
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    /** A coordinate with at most two decimals, without exponent for ordinary sizes. */
    static String round2(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        double r = Math.rint(v * 100.0) / 100.0;
        if (r == 0.0) {
            return "0"; // also turns -0 into 0
        }
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Long.toString((long) r);
        }
        return java.math.BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }
}
