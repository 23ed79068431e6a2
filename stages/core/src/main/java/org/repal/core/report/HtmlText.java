package org.repal.core.report;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Escaping for the report page. Text and attribute values get {@code & < > " '} as character references,
 * control characters other than tab, LF and CR become U+FFFD, and every "://" becomes "&amp;#58;//": a URL in
 * the text still reads the same in a browser, but the page source holds no external URL at all (so a link can
 * never be formed from text). Links ({@link #href}) must be relative.
 */
final class HtmlText {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    private HtmlText() {
    }

    /** Text safe for element content and for double- or single-quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case ':' -> out.append(text.startsWith("//", i + 1) ? "&#58;" : ":");
                default -> {
                    boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c < 0xA0);
                    out.append(control ? '\uFFFD' : c);
                }
            }
        }
        return out.toString();
    }

    /**
     * A relative link target, escaped for an attribute: no scheme ("http:", "data:", "javascript:", "C:"), not
     * starting with "//" or "\", no backslashes; spaces are percent-encoded.
     */
    static String href(String target) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("link target is empty");
        }
        if (SCHEME.matcher(target).matches() || target.startsWith("//") || target.contains("\\")) {
            throw new IllegalArgumentException("report links must be relative paths, got '" + target + "'");
        }
        return escape(target.replace("%", "%25").replace(" ", "%20"));
    }

    /** An id made of lower-case letters, digits and '-' from a heading ("Claim 1: DSA" → "claim-1-dsa"). */
    static String slug(String heading) {
        String s = heading == null ? "" : heading.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        boolean dash = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
                dash = false;
            } else if (!dash && out.length() > 0) {
                out.append('-');
                dash = true;
            }
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == '-') {
            out.setLength(out.length() - 1);
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, "s-");
        }
        return out.toString();
    }
}
