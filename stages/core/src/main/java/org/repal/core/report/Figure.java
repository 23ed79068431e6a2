package org.repal.core.report;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rendered figure: the file stem it is written under ({@code <name>.png}, {@code <name>.svg}), its title
 * (drawn on the image and used as the HTML alt text), the caption shown below it in the report, and the two
 * renderings of the same drawing.
 *
 * @param name    file stem: letters, digits, '.', '_' and '-' only, not starting with '.'
 * @param title   title of the figure (may be empty)
 * @param caption caption for the report (may be empty)
 * @param png     the PNG file's bytes (not copied: do not modify)
 * @param svg     the SVG document's text
 */
public record Figure(String name, String title, String caption, byte[] png, String svg) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    public Figure {
        checkName(name);
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(svg, "svg");
        title = title == null ? "" : title;
        caption = caption == null ? "" : caption;
    }

    /** Throws unless {@code name} can be used as a figure name. */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("figure name must be a plain file stem ([A-Za-z0-9._-], not starting"
                    + " with '.'): '" + name + "'");
        }
        return name;
    }

    /** Alt text for the image: the title, else the name. Never empty. */
    public String altText() {
        return title.isBlank() ? name : title;
    }

    /** File name of the PNG rendering. */
    public String pngFileName() {
        return name + ".png";
    }

    /** File name of the SVG rendering. */
    public String svgFileName() {
        return name + ".svg";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Figure f && name.equals(f.name) && title.equals(f.title) && caption.equals(f.caption)
                && Arrays.equals(png, f.png) && svg.equals(f.svg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, title, caption, Arrays.hashCode(png), svg);
    }

    @Override
    public String toString() {
        return "Figure[" + name + ", '" + title + "', png " + png.length + " bytes, svg " + svg.length() + " chars]";
    }
}
