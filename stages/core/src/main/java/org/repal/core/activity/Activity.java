package org.repal.core.activity;

import java.util.Arrays;
import org.repal.core.store.NpyArray;
import org.repal.core.store.NpyDtype;

/**
 * Activity shaped (trials, time, units), float64, C order: {@code values[(trial·time + t)·units + unit]}. The
 * array is held, not copied: treat it as read-only.
 */
public record Activity(int trials, int steps, int units, double[] values) {

    public Activity {
        if (trials < 1 || steps < 1 || units < 1) {
            throw new IllegalArgumentException("activity shape (" + trials + ", " + steps + ", " + units
                    + ") must be positive");
        }
        if (values == null || values.length != (long) trials * steps * units) {
            throw new IllegalArgumentException("activity (" + trials + ", " + steps + ", " + units + ") needs "
                    + (long) trials * steps * units + " values, got " + (values == null ? 0 : values.length));
        }
    }

    public double get(int trial, int t, int unit) {
        return values[(trial * steps + t) * units + unit];
    }

    /** (trials, time, units). */
    public int[] shape() {
        return new int[] {trials, steps, units};
    }

    /**
     * Throws when a value is NaN or infinite, naming {@code what} and the first bad position.
     *
     * @throws IllegalArgumentException for a non-finite value
     */
    public void requireFinite(String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                int per = steps * units;
                throw new IllegalArgumentException(what + ": value " + values[i] + " at [trial " + i / per + ", step "
                        + i % per / units + ", unit " + i % units + "] is not finite");
            }
        }
    }

    /** The .npy view (float64, shape (trials, time, units)), sharing the array. */
    public NpyArray toNpy() {
        return NpyArray.ofDoubles(values, trials, steps, units);
    }

    /**
     * From a float64 (trials, time, units) array.
     *
     * @throws IllegalArgumentException naming {@code source} for another dtype or shape
     */
    public static Activity fromNpy(NpyArray a, String source) {
        int[] s = a.shape();
        if (s.length != 3 || a.dtype() != NpyDtype.FLOAT64) {
            throw new IllegalArgumentException(source + ": expected float64 (trials, time, units), got "
                    + a.dtype() + " " + Arrays.toString(s));
        }
        return new Activity(s[0], s[1], s[2], a.toDoubleArray());
    }
}
