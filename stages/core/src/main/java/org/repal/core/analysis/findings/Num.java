package org.repal.core.analysis.findings;

import java.util.Locale;

/**
 * How numbers read in the report: fixed formats in {@link Locale#ROOT}, so the text is the same on every machine.
 * {@link #csv} keeps every digit (Java's shortest round-trip form) for the CSV tables.
 */
public final class Num {

    private Num() {
    }

    /** Three decimals, "n/a" for NaN. */
    public static String v(double x) {
        return fixed(x, 3);
    }

    /** {@code digits} decimals, "n/a" for NaN, "inf"/"-inf" for infinities. */
    public static String fixed(double x, int digits) {
        if (Double.isNaN(x)) {
            return "n/a";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String s = String.format(Locale.ROOT, "%." + digits + "f", x);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    /** A p-value: three decimals from 0.001 up, else scientific with two digits ("3.3e-47"). */
    public static String p(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        if (p >= 0.001 || p == 0) {
            return fixed(p, 3);
        }
        return String.format(Locale.ROOT, "%.1e", p).replace("e-0", "e-");
    }

    /** A signed difference with three decimals ("+0.123", "-0.050"). */
    public static String signed(double x) {
        String s = v(x);
        return Double.isFinite(x) && x >= 0 ? "+" + s : s;
    }

    /** A number for a CSV cell: full precision, empty for NaN. */
    public static String csv(double x) {
        return Double.isNaN(x) ? "" : Double.toString(x);
    }
}
