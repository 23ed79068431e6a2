package org.repal.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables as CSV text in RFC 4180 form: records end with CRLF (the last one too), fields are separated by commas,
 * a field is quoted when it holds a comma, a double quote, CR or LF (or is the only, empty, field of its record,
 * so that the record is not a blank line), and quotes inside quoted fields are doubled. Null cells are written
 * empty. Files are UTF-8 without a byte-order mark. {@link #parse} reads this form back (and also accepts LF-only
 * line ends).
 */
public final class CsvTable {

    private static final String CRLF = "\r\n";

    private CsvTable() {
    }

    /**
     * The CSV text of a table.
     *
     * @param header column names (null or empty: no header record)
     * @param rows   the records; each must have as many cells as the header when there is one
     */
    public static String format(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        boolean hasHeader = header != null && !header.isEmpty();
        if (hasHeader) {
            record(out, header);
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (hasHeader && row.size() != header.size()) {
                throw new IllegalArgumentException("CSV row " + r + " has " + row.size() + " cells for "
                        + header.size() + " columns");
            }
            record(out, row);
        }
        return out.toString();
    }

    /** Writes the table's CSV to {@code file} atomically (temp file, then rename), creating the folder if needed. */
    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        AtomicFiles.write(file, format(header, rows).getBytes(StandardCharsets.UTF_8));
    }

    /** One field, quoted if needed. */
    public static String quote(String field) {
        if (field == null) {
            return "";
        }
        boolean needs = false;
        for (int i = 0; i < field.length() && !needs; i++) {
            char c = field.charAt(i);
            needs = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needs ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    private static void record(StringBuilder out, List<String> fields) {
        if (fields.size() == 1 && (fields.get(0) == null || fields.get(0).isEmpty())) {
            out.append("\"\"").append(CRLF);
            return;
        }
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append(CRLF);
    }

    /**
     * The records of CSV text, header included, as lists of fields. Every line end (CRLF or LF) outside quotes
     * ends a record (an empty line is a record of one empty field); a line end at the very end does not start
     * another one. A quote inside an unquoted field is taken literally.
     *
     * @throws IllegalArgumentException on a quote that is never closed or text right after a closing quote
     */
    public static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean afterQuote = false; // just after a closing quote: only ',' or a line end may follow
        boolean started = false; // the current record has begun (a character, quote or comma seen)
        int quoteStart = -1;
        int n = csv.length();
        for (int i = 0; i < n; i++) {
            char c = csv.charAt(i);
            if (inQuotes) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < n && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                started = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                records.add(fields);
                fields = new ArrayList<>();
                field.setLength(0);
                afterQuote = false;
                started = false;
            } else if (afterQuote) {
                throw new IllegalArgumentException("CSV: text after a closing quote at offset " + i);
            } else if (c == '"' && field.length() == 0) {
                inQuotes = true;
                quoteStart = i;
                started = true;
            } else {
                field.append(c);
                started = true;
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("CSV: quote opened at offset " + quoteStart + " is never closed");
        }
        if (started) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }
}
