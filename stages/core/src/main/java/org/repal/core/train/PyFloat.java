package org.repal.core.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr}/{@code str} of a float, which the reference uses in model names ({@code 0.001},
 * {@code 0.0005}, {@code 1e-05}, {@code 1.0}): the shortest digits that read back as the same double, in
 * fixed notation when the decimal exponent is in [−4, 16), else as {@code d.ddde±XX}.
 */
public final class PyFloat {
    private PyFloat() {
    }

    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(x);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == x) {
                shortest = r;
                break;
            }
        }
        String digits = shortest.unscaledValue().abs().toString().replaceAll("0+$", "");
        if (digits.isEmpty()) {
            digits = "0";
        }
        // Decimal exponent of the first digit.
        int exp = shortest.precision() - shortest.scale() - 1;
        String sign = x < 0 ? "-" : "";
        if (exp >= -4 && exp < 16) {
            return sign + fixed(digits, exp);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = String.format("%02d", Math.abs(exp));
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
    }

    private static String fixed(String digits, int exp) {
        if (exp < 0) {
            return "0." + "0".repeat(-exp - 1) + digits;
        }
        if (digits.length() <= exp + 1) {
            return digits + "0".repeat(exp + 1 - digits.length()) + ".0";
        }
        return digits.substring(0, exp + 1) + "." + digits.substring(exp + 1);
    }
}
