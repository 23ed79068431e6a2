package org.repal.core.analysis.results;

import java.util.ArrayList;
import java.util.List;

/**
 * The analysis stages' tidy CSV tables: a header row, then one record per line of plain comma-separated fields
 * (the stages never quote: names hold no commas). Errors name the file, the line (1 = the header) and the field.
 */
final class TidyCsv {

    private TidyCsv() {
    }

    /** The records after the header; the header must equal {@code header}. */
    static List<String[]> records(String text, String source, List<String> header) {
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || lines[0].isEmpty()) {
            throw new IllegalArgumentException(source + ": empty, expected the header " + String.join(",", header));
        }
        if (!List.of(lines[0].split(",", -1)).equals(header)) {
            throw new IllegalArgumentException(source + ": line 1: header is '" + lines[0] + "', expected '"
                    + String.join(",", header) + "'");
        }
        List<String[]> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty() && i == lines.length - 1) {
                break; // the final line end
            }
            String[] f = lines[i].split(",", -1);
            if (f.length != header.size()) {
                throw new IllegalArgumentException(source + ": line " + (i + 1) + ": " + f.length + " fields, expected "
                        + header.size());
            }
            out.add(f);
        }
        return out;
    }

    /** A numeric field; {@code finite} rejects NaN and infinities. */
    static double number(String[] record, int column, List<String> header, String source, int line, boolean finite) {
        String v = record[column];
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": line " + line + ": " + header.get(column) + ": '" + v
                    + "' is not a number");
        }
        if (finite && !Double.isFinite(x)) {
            throw new IllegalArgumentException(source + ": line " + line + ": " + header.get(column) + ": " + v
                    + " (must be finite)");
        }
        return x;
    }

    /** A field that must be one of {@code allowed}. */
    static String oneOf(String[] record, int column, List<String> header, String source, int line,
                        List<String> allowed) {
        String v = record[column];
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException(source + ": line " + line + ": " + header.get(column) + ": '" + v
                    + "' is not one of " + String.join(", ", allowed));
        }
        return v;
    }

    /** A non-empty field. */
    static String text(String[] record, int column, List<String> header, String source, int line) {
        String v = record[column];
        if (v.isBlank()) {
            throw new IllegalArgumentException(source + ": line " + line + ": " + header.get(column) + " is empty");
        }
        return v;
    }
}
