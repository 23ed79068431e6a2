package org.repal.core.analysis;

/**
 * The within-learning quartile bins of a snapshot list (spec §6.8): bin b holds the entries
 * {@code [⌊25 b · len / 100⌋, ⌊25 (b+1) · len / 100⌋)}. With fewer than 4 entries some of these ranges are empty
 * (lengths 3 → sizes (0, 1, 1, 1), 1 → (0, 0, 0, 1)); such a bin {@link #members borrows} the snapshot nearest to it
 * in training order, so a network that changed little (or, untrained, not at all) gets a defined matrix instead of
 * NaN rows: an untrained model's single snapshot fills every bin and its matrix is 0.
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

    /**
     * The snapshot indices of each bin: its own range, or for an empty range the one snapshot at its lower edge
     * (the first of the next non-empty bin; the last snapshot when the range is at the end).
     */
    public static int[][] members(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("a series needs at least one snapshot, got " + length);
        }
        int[] e = edges(length);
        int[][] out = new int[BINS][];
        for (int b = 0; b < BINS; b++) {
            int n = e[b + 1] - e[b];
            out[b] = n > 0 ? java.util.stream.IntStream.range(e[b], e[b + 1]).toArray()
                    : new int[] {Math.min(e[b], length - 1)};
        }
        return out;
    }
}
