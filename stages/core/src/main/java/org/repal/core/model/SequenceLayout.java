package org.repal.core.model;

import java.util.Locale;

/**
 * How arrays of sequences order their first two axes: {@code BATCH} is (batch, steps, …) as Mamba's reference
 * and most analyses hold them, {@code TIME} is (steps, batch, …) as the RNN reference trains. The models
 * compute on time-major rows; these conversions move whole rows of {@code width} values.
 */
public enum SequenceLayout {
    BATCH("batch"),
    TIME("time");

    private final String id;

    SequenceLayout(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SequenceLayout parse(String name) {
        for (SequenceLayout l : values()) {
            if (l.id.equals(name.toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + name + "' (expected batch or time)");
    }

    /** The axis names of the first two dimensions, e.g. {@code "batch, steps"}. */
    public String axes() {
        return this == BATCH ? "batch, steps" : "steps, batch";
    }

    /** The leading two sizes of an array in this layout. */
    public int[] leading(int batch, int steps) {
        return this == BATCH ? new int[] {batch, steps} : new int[] {steps, batch};
    }

    /** Sequence count of an array shaped in this layout. */
    public int batch(int[] shape) {
        return this == BATCH ? shape[0] : shape[1];
    }

    /** Step count of an array shaped in this layout. */
    public int steps(int[] shape) {
        return this == BATCH ? shape[1] : shape[0];
    }

    /** Rows of {@code width} values in this layout → time-major rows (a copy). */
    public double[] toTimeMajor(double[] v, int batch, int steps, int width) {
        return this == TIME ? v.clone() : transposeRows(v, batch, steps, width);
    }

    /** Time-major rows of {@code width} values → this layout (a copy). */
    public double[] fromTimeMajor(double[] v, int batch, int steps, int width) {
        return this == TIME ? v.clone() : transposeRows(v, steps, batch, width);
    }

    /** [outer, inner, width] → [inner, outer, width]. */
    private static double[] transposeRows(double[] v, int outer, int inner, int width) {
        if (v.length != (long) outer * inner * width) {
            throw new IllegalArgumentException(v.length + " values are not " + outer + "×" + inner + "×" + width);
        }
        double[] out = new double[v.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                System.arraycopy(v, (o * inner + i) * width, out, (i * outer + o) * width, width);
            }
        }
        return out;
    }
}
