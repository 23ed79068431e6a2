package org.repal.core.task;

import java.util.SplittableRandom;

/**
 * The validation split, fixed by the seed (the reference re-split at random on every load). Exactly
 * ⌊fraction · N⌋ samples are chosen, as torch's {@code random_split([1 − f, f])} sizes them (8000/2000 for the
 * reference's 10000 training sequences), by a partial Fisher–Yates shuffle of 0…N−1: for j = 0…k−1 swap
 * position j with j + nextInt(N − j) and mark the index now at j.
 */
public final class ValidationSplit {
    private ValidationSplit() {
    }

    /** Number of validation samples out of n. */
    public static int count(int n, double fraction) {
        check(fraction);
        // The epsilon keeps products like 0.2·1000 = 200.00000000000003 or 0.29·100 = 28.999999999999996 exact.
        return (int) Math.floor(fraction * n + 1e-9);
    }

    /** Per-sample flags: true for the validation samples. */
    public static boolean[] choose(int n, double fraction, long seed) {
        int k = count(n, fraction);
        boolean[] validation = new boolean[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int j = 0; j < k; j++) {
            int r = j + rng.nextInt(n - j);
            int tmp = order[j];
            order[j] = order[r];
            order[r] = tmp;
            validation[order[j]] = true;
        }
        return validation;
    }

    static void check(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("--val-fraction must be in [0, 1), got " + fraction);
        }
    }
}
