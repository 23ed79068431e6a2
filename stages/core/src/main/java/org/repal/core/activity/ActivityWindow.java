package org.repal.core.activity;

import java.util.Arrays;

/**
 * The steps [start, end) of a trial whose activity is recorded, computed from the trial's period bounds (steps:
 * starts of fixation, stimulus, delay, decision, then the end) and dt.
 *
 * <ul>
 *   <li>{@link WindowMode#STIMULUS_AFTER_500MS} (default): the stimulus period minus its first
 *       ⌊500 ms / dt⌋ steps, so the transient after stimulus onset is left out. 350-step delay trials
 *       (fixation 25, stimulus 200): [50, 225), 175 steps; 220-step trials (fixation 10): [35, 210), 175 steps.</li>
 *   <li>{@link WindowMode#REFERENCE_COMPAT}: the reference subtracted the 25 steps from the stimulus epoch's
 *       bounds (when its end is ≥ 25; start clipped at 0) and sliced the unshifted states with them, so it kept
 *       the fixation period and the first 175 stimulus steps: [0, 200) for 350-step delay trials, [0, 185) for the
 *       220-step ones.</li>
 * </ul>
 */
public record ActivityWindow(WindowMode mode, int start, int end) {
    /** The stimulus-onset transient the reference meant to skip. */
    public static final int SKIP_MS = 500;

    public ActivityWindow {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("activity window [" + start + ", " + end + ") is empty or negative");
        }
    }

    /** The window of the analysis trials (their common bounds and dt). */
    public static ActivityWindow of(AnalysisTrials trials, WindowMode mode) {
        return of(trials.bounds(), trials.dtMs(), mode);
    }

    /**
     * The window of a trial with these period bounds.
     *
     * @throws IllegalArgumentException when the bounds are malformed or the window would be empty
     */
    public static ActivityWindow of(int[] bounds, int dtMs, WindowMode mode) {
        if (bounds.length != 5 || dtMs < 1) {
            throw new IllegalArgumentException("bounds " + Arrays.toString(bounds) + " / dt " + dtMs
                    + " ms: expected 5 period bounds and a positive dt");
        }
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] < bounds[i - 1]) {
                throw new IllegalArgumentException("period bounds " + Arrays.toString(bounds) + " decrease");
            }
        }
        int skip = SKIP_MS / dtMs;
        int stimStart = bounds[1];
        int stimEnd = bounds[2];
        if (mode == WindowMode.REFERENCE_COMPAT) {
            // get_indexes: only epochs ending at or after t_start are shifted; the slice is on the unshifted h.
            int s = stimEnd >= skip ? Math.max(0, stimStart - skip) : stimStart;
            int e = stimEnd >= skip ? stimEnd - skip : stimEnd;
            return checked(mode, s, e, bounds);
        }
        return checked(mode, stimStart + skip, stimEnd, bounds);
    }

    private static ActivityWindow checked(WindowMode mode, int s, int e, int[] bounds) {
        if (e <= s) {
            throw new IllegalArgumentException("period bounds " + Arrays.toString(bounds) + ": the "
                    + mode.jsonName() + " window [" + s + ", " + e + ") is empty (stimulus shorter than "
                    + SKIP_MS + " ms?)");
        }
        return new ActivityWindow(mode, s, e);
    }

    /** Number of steps kept. */
    public int steps() {
        return end - start;
    }
}
