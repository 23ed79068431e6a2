package org.repal.core.model;

/** Array shapes written as NumPy prints them, for messages read by people who made the arrays in Python. */
public final class Shapes {
    private Shapes() {
    }

    /** {@code (3, 12)}, {@code (16,)}, {@code ()}. */
    public static String format(int... shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** The multi-index of flat (C-order) position {@code flat}, e.g. {@code [2, 5]}. */
    public static String index(int[] shape, int flat) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % Math.max(shape[d], 1);
            flat /= Math.max(shape[d], 1);
        }
        return java.util.Arrays.toString(idx);
    }
}
