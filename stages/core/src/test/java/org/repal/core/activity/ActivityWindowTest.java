package org.repal.core.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The window on hand-made period bounds, in both modes (spec §5 get_indexes, §10 item 9). */
class ActivityWindowTest {
    private static final int[] DELAY_TEST = {0, 25, 225, 325, 350};
    private static final int[] NO_DELAY_TEST = {0, 10, 210, 210, 220};

    @Test
    void defaultIsTheStimulusAfterItsFirst500Ms() {
        assertEquals(new ActivityWindow(WindowMode.STIMULUS_AFTER_500MS, 50, 225),
                ActivityWindow.of(DELAY_TEST, 20, WindowMode.STIMULUS_AFTER_500MS));
        assertEquals(new ActivityWindow(WindowMode.STIMULUS_AFTER_500MS, 35, 210),
                ActivityWindow.of(NO_DELAY_TEST, 20, WindowMode.STIMULUS_AFTER_500MS));
        assertEquals(175, ActivityWindow.of(DELAY_TEST, 20, WindowMode.STIMULUS_AFTER_500MS).steps());
        // dt 10 ms: 50 steps skipped.
        assertEquals(new ActivityWindow(WindowMode.STIMULUS_AFTER_500MS, 100, 450),
                ActivityWindow.of(new int[] {0, 50, 450, 650, 700}, 10, WindowMode.STIMULUS_AFTER_500MS));
    }

    @Test
    void referenceCompatIsTheReferencesSliceOnTheUnshiftedStates() {
        assertEquals(new ActivityWindow(WindowMode.REFERENCE_COMPAT, 0, 200),
                ActivityWindow.of(DELAY_TEST, 20, WindowMode.REFERENCE_COMPAT));
        assertEquals(new ActivityWindow(WindowMode.REFERENCE_COMPAT, 0, 185),
                ActivityWindow.of(NO_DELAY_TEST, 20, WindowMode.REFERENCE_COMPAT));
        // A fixation longer than 500 ms: the start is shifted, not clipped.
        assertEquals(new ActivityWindow(WindowMode.REFERENCE_COMPAT, 15, 215),
                ActivityWindow.of(new int[] {0, 40, 240, 340, 365}, 20, WindowMode.REFERENCE_COMPAT));
        // An epoch ending before 500 ms is not shifted.
        assertEquals(new ActivityWindow(WindowMode.REFERENCE_COMPAT, 5, 20),
                ActivityWindow.of(new int[] {0, 5, 20, 20, 30}, 20, WindowMode.REFERENCE_COMPAT));
    }

    @Test
    void emptyOrMalformedWindowsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivityWindow.of(new int[] {0, 5, 20, 20, 30}, 20, WindowMode.STIMULUS_AFTER_500MS));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ActivityWindow.of(new int[] {0, 25, 225}, 20,
                WindowMode.STIMULUS_AFTER_500MS));
        assertThrows(IllegalArgumentException.class, () -> ActivityWindow.of(new int[] {0, 25, 20, 325, 350}, 20,
                WindowMode.STIMULUS_AFTER_500MS));
        assertEquals(WindowMode.REFERENCE_COMPAT, WindowMode.parse("reference-compat"));
    }
}
