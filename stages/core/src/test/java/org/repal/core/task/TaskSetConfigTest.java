package org.repal.core.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSetConfigTest {
    private final TaskSetConfig config = TaskSetConfig.defaults();

    @Test
    void trainingTablesInStepsMatchTheSpec() {
        int[][] noDelay = config.timing(Task.PERCEPTUAL_DECISION_MAKING, true).steps(20);
        assertArrayEquals(new int[] {5, 10, 15}, noDelay[Period.FIXATION.ordinal()]);
        assertArrayEquals(new int[] {150, 200, 250}, noDelay[Period.STIMULUS.ordinal()]);
        assertArrayEquals(new int[] {0}, noDelay[Period.DELAY.ordinal()]);
        assertArrayEquals(new int[] {5, 10, 15}, noDelay[Period.DECISION.ordinal()]);
        int[][] delay = config.timing(Task.ANTI_GO_NOGO_DELAY_RESPONSE, true).steps(20);
        assertArrayEquals(new int[] {25, 50, 75}, delay[Period.DELAY.ordinal()]);
    }

    @Test
    void testTrialsAre220And350Steps() {
        for (Task t : Task.values()) {
            assertEquals(t.hasDelay() ? 350 : 220, config.testSteps(t), t.displayName());
        }
        assertArrayEquals(new int[][] {{25}, {200}, {100}, {25}},
                config.timing(Task.PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE, false).steps(20));
    }

    @Test
    void longestTrainingTrialBoundsTheSequenceLength() {
        assertEquals(15 + 250 + 75 + 15, config.longestTrainingTrial(TaskSet.PDM));
        assertEquals(355, config.longestTrainingTrial(TaskSet.GONOGO));
        assertEquals(280, config.timing(Task.GO_NOGO, true).maxSteps(20));
    }

    @Test
    void durationsAreFlooredToDt() {
        TimingTable t = new TimingTable(List.of(119), List.of(39), List.of(0), List.of(20, 41));
        assertArrayEquals(new int[][] {{5}, {1}, {0}, {1, 2}}, t.steps(20));
    }

    @Test
    void noiseSdIsSigmaOverRootDt() {
        assertEquals(1 / Math.sqrt(20), config.noiseSd(), 1e-15);
        assertEquals(0.223607, config.noiseSd(), 1e-6);
    }

    @Test
    void invalidFieldsAreNamed() {
        TaskSetConfig d = TaskSetConfig.defaults();
        assertMessage("dt_ms", new TaskSetConfig(0, d.coherences(), 1, d.withoutDelayTraining(),
                d.withoutDelayTesting(), d.withDelayTraining(), d.withDelayTesting()));
        assertMessage("coherences", new TaskSetConfig(20, List.of(), 1, d.withoutDelayTraining(),
                d.withoutDelayTesting(), d.withDelayTraining(), d.withDelayTesting()));
        assertMessage("noise_sigma", new TaskSetConfig(20, d.coherences(), Double.NaN, d.withoutDelayTraining(),
                d.withoutDelayTesting(), d.withDelayTraining(), d.withDelayTesting()));
        TimingTable noDecision = new TimingTable(List.of(100), List.of(3000), List.of(0), List.of(10));
        assertMessage("timing_without_delay_training.decision", new TaskSetConfig(20, d.coherences(), 1, noDecision,
                d.withoutDelayTesting(), d.withDelayTraining(), d.withDelayTesting()));
        assertMessage("timing_with_delay_testing", new TaskSetConfig(20, d.coherences(), 1, d.withoutDelayTraining(),
                d.withoutDelayTesting(), d.withDelayTraining(), d.withDelayTraining()));
    }

    private static void assertMessage(String field, TaskSetConfig c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::validate);
        assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
    }
}
