package org.repal.core.analysis;

/**
 * The within-learning quartile bins of a snapshot list (spec §6.8): bin b holds the entries
 * {@code [⌊25 b · len / 100⌋, ⌊25 (b+1) · len / 100⌋)}. With fewer than 4 entries some bins are empty (their
 * matrix rows and accuracy are NaN): lengths 3 → sizes (0, 1, 1, 1), 1 → (0, 0, 0, 1).
 */
public final class QuartileBins {
    public static final int BINS = 4;

    private QuartileBins() {
    }

    /** The 5 edges ⌊s · len / 100⌋, s ∈ {0, 25, 50, 75, 100}. */
    public static int[] edges(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        int[] e = new int[BINS + 1];
        for (int b = 0; b <= BINS; b++) {
            e[b] = (int) ((long) 25 * b * length / 100);
        }
        return e;
    }
}
