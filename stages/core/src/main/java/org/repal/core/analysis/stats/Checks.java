package org.repal.core.analysis.stats;

/** Argument checks shared by the statistics, so every class rejects bad input with the same wording. */
final class Checks {

    private Checks() {
    }

    /**
     * Rejects a null, too short or non-finite sample. The message names the input and the first bad index, since
     * the caller usually has to find which model produced it.
     */
    static double[] finite(double[] values, String name, int minLength) {
        if (values == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (values.length < minLength) {
            throw new IllegalArgumentException(name + " needs at least " + minLength + " value"
                    + (minLength == 1 ? "" : "s") + ", got " + values.length
                    + (values.length == 0 ? " (empty)" : ""));
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException(name + " contains NaN at index " + i);
            }
            if (Double.isInfinite(values[i])) {
                throw new IllegalArgumentException(name + " contains " + values[i] + " at index " + i);
            }
        }
        return values;
    }

    /** A confidence level strictly between 0 and 1. */
    static double level(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        return level;
    }

    /** A significance threshold strictly between 0 and 1. */
    static double alpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        return alpha;
    }

    static int positive(int count, String name) {
        if (count < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + count);
        }
        return count;
    }
}
