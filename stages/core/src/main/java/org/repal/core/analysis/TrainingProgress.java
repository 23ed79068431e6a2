package org.repal.core.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Alignment of two checkpoint series of unequal length at equal fractions of training (spec §6.7): the reference's
 * {@code corresponding_training_time(n, p)[i] = argmin_j |⌊100 i / n⌋ − ⌊100 j / p⌋|} (the first minimiser) maps
 * each of the shorter series' n checkpoints to one of the longer series' p checkpoints. Pure integer arithmetic,
 * so the map is exactly the reference's.
 */
public final class TrainingProgress {
    private TrainingProgress() {
    }

    /**
     * The reference's map from the shorter series (n entries) to the longer one (p entries).
     *
     * @throws IllegalArgumentException unless 1 ≤ n ≤ p
     */
    public static int[] correspondingTrainingTime(int n, int p) {
        if (n < 1 || p < n) {
            throw new IllegalArgumentException("need 1 <= n <= p, got n = " + n + ", p = " + p);
        }
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            int target = 100 * i / n;
            int best = 0;
            int bestGap = Integer.MAX_VALUE;
            for (int j = 0; j < p; j++) {
                int gap = Math.abs(target - 100 * j / p);
                if (gap < bestGap) { // strict: the first minimiser wins, as numpy's argmin
                    best = j;
                    bestGap = gap;
                }
            }
            map[i] = best;
        }
        return map;
    }

    /**
     * The aligned index pairs {@code (i1, i2)} of two series of lengths n1 and n2, whichever is longer: every entry
     * of the shorter series once, in order, with its corresponding entry of the longer one — min(n1, n2) pairs
     * (none when a series is empty). Unlike the reference no pair is dropped, and either order of lengths works
     * (its Mamba version crashed for n1 ≥ n2, spec §10 items 13–14).
     */
    public static List<int[]> align(int n1, int n2) {
        List<int[]> pairs = new ArrayList<>();
        if (n1 == 0 || n2 == 0) {
            return pairs;
        }
        int[] map = correspondingTrainingTime(Math.min(n1, n2), Math.max(n1, n2));
        for (int i = 0; i < map.length; i++) {
            pairs.add(n1 <= n2 ? new int[] {i, map[i]} : new int[] {map[i], i});
        }
        return pairs;
    }
}
