package org.repal.core.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Drawable;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.Size2D;
import org.jfree.data.Range;

/**
 * A figure made of panels: an optional title on top, the panels in a grid (row by row, equal cells), and an
 * optional legend shared by all panels at the bottom. Works on any Graphics2D, so the PNG and the SVG of a
 * figure are laid out identically.
 */
final class ChartGrid implements Drawable {

    static {
        Headless.ensure();
    }

    private final String title;
    private final List<? extends Drawable> panels;
    private final int columns;
    private final LegendTitle legend;

    /**
     * @param title   figure title (null or blank: none)
     * @param panels  the panels, at least one
     * @param columns panels per row (clamped to 1…panels)
     * @param legend  legend under the panels, or null
     */
    ChartGrid(String title, List<? extends Drawable> panels, int columns, LegendTitle legend) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel");
        }
        this.title = title;
        this.panels = List.copyOf(panels);
        this.columns = Math.max(1, Math.min(columns, panels.size()));
        this.legend = legend;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        double x = area.getX();
        double y = area.getY();
        double w = area.getWidth();
        double bottom = area.getMaxY();
        if (title != null && !title.isBlank()) {
            TextTitle t = new TextTitle(title, ChartStyle.TITLE);
            t.setPaint(ChartStyle.TEXT);
            t.setPadding(new RectangleInsets(8, 8, 4, 8));
            t.setMaximumLinesToDisplay(2);
            t.setTextAlignment(HorizontalAlignment.CENTER);
            Size2D size = t.arrange(g, new RectangleConstraint(new Range(0, w), new Range(0, area.getHeight() / 4)));
            t.draw(g, new Rectangle2D.Double(x, y, w, size.height));
            y += size.height;
        }
        if (legend != null) {
            Size2D size = legend.arrange(g, new RectangleConstraint(new Range(0, w), new Range(0, area.getHeight() / 4)));
            double lw = Math.min(w, size.width);
            legend.draw(g, new Rectangle2D.Double(x + (w - lw) / 2, bottom - size.height, lw, size.height));
            bottom -= size.height;
        }
        int rows = (panels.size() + columns - 1) / columns;
        double cellW = w / columns;
        double cellH = (bottom - y) / rows;
        for (int i = 0; i < panels.size(); i++) {
            int r = i / columns;
            int c = i % columns;
            panels.get(i).draw(g, new Rectangle2D.Double(x + c * cellW, y + r * cellH, cellW, cellH));
        }
    }
}
