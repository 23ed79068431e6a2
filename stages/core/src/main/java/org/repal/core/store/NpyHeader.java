package org.repal.core.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header dictionary of a .npy file: a Python literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}. Parsed with a small
 * recursive-descent reader for the subset of Python literals that numpy writes (dicts, tuples, lists,
 * strings, ints, True/False/None).
 */
record NpyHeader(String descr, Object rawDescr, boolean fortranOrder, int[] shape) {

    /** Formats the dictionary (without padding or newline), in the key order numpy uses. */
    static String format(String descr, boolean fortranOrder, int[] shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + NpyArray.shapeString(shape) + ", }";
    }

    /** Parses the header text; problems are reported as NpyFormatException naming {@code source}. */
    static NpyHeader parse(String text, String source) throws NpyFormatException {
        Object value;
        try {
            Reader r = new Reader(text);
            value = r.value();
            r.skipSpace();
            if (r.pos != text.length()) {
                throw r.error("unexpected text after the dictionary");
            }
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(source, "malformed header " + quote(text) + ": " + e.getMessage());
        }
        if (!(value instanceof Map)) {
            throw new NpyFormatException(source, "header is not a dictionary: " + quote(text));
        }
        Map<?, ?> dict = (Map<?, ?>) value;
        for (String key : new String[] {"descr", "fortran_order", "shape"}) {
            if (!dict.containsKey(key)) {
                throw new NpyFormatException(source, "header has no '" + key + "' key: " + quote(text));
            }
        }
        Object rawDescr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw new NpyFormatException(source, "'fortran_order' is not True/False: " + quote(text));
        }
        if (!(dict.get("shape") instanceof List)) {
            throw new NpyFormatException(source, "'shape' is not a tuple: " + quote(text));
        }
        List<?> dims = (List<?>) dict.get("shape");
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            Object d = dims.get(i);
            if (!(d instanceof Long) || (Long) d < 0 || (Long) d > Integer.MAX_VALUE) {
                throw new NpyFormatException(source, "bad dimension " + d + " in 'shape': " + quote(text));
            }
            shape[i] = (int) (long) (Long) d;
        }
        String descr = rawDescr instanceof String ? (String) rawDescr : null;
        return new NpyHeader(descr, rawDescr, (Boolean) fortran, shape);
    }

    private static String quote(String text) {
        String t = text.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    /** Cursor over the header text. Errors are IllegalArgumentException, wrapped by parse(). */
    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + pos);
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        char peek() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        Object value() {
            char c = peek();
            switch (c) {
                case '{': return dict();
                case '(': return sequence('(', ')');
                case '[': return sequence('[', ']');
                case '\'':
                case '"': return string();
                default:
                    if (c == '-' || Character.isDigit(c)) {
                        return integer();
                    }
                    return word();
            }
        }

        Map<Object, Object> dict() {
            pos++; // '{'
            Map<Object, Object> map = new LinkedHashMap<>();
            while (peek() != '}') {
                Object key = value();
                if (peek() != ':') {
                    throw error("expected ':'");
                }
                pos++;
                map.put(key, value());
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
            pos++;
            return map;
        }

        List<Object> sequence(char open, char close) {
            pos++; // open
            List<Object> items = new ArrayList<>();
            while (peek() != close) {
                items.add(value());
                if (peek() == ',') {
                    pos++;
                } else if (peek() != close) {
                    throw error("expected ',' or '" + close + "'");
                }
            }
            pos++;
            return items;
        }

        String string() {
            char q = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != q) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                sb.append(c);
            }
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            pos++;
            return sb.toString();
        }

        Long integer() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String digits = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
                pos++; // Python 2 long suffix, found in old files
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("bad integer '" + digits + "'");
            }
        }

        Object word() {
            int start = pos;
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            String w = s.substring(start, pos);
            switch (w) {
                case "True": return Boolean.TRUE;
                case "False": return Boolean.FALSE;
                case "None": return "None";
                default: throw error("unexpected " + (w.isEmpty() ? "'" + s.charAt(pos) + "'" : "'" + w + "'"));
            }
        }
    }
}
