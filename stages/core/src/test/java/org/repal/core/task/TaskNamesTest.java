package org.repal.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskNamesTest {

    @Test
    void namesParseWithAndWithoutTheTrailingT() {
        for (Task t : Task.values()) {
            assertEquals(t, Task.parse(t.displayName()));
            assertEquals(t, Task.parse(t.referenceName()));
            assertEquals(t, Task.parse(t.referenceName().toLowerCase()));
            assertTrue(t.referenceName().endsWith("T"));
        }
        assertEquals(Task.ANTI_PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE,
                Task.parse("AntiPerceptualDecisionMakingDelayResponseT"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Task.parse("ReachingT"));
        assertTrue(e.getMessage().contains("unknown task 'ReachingT'"), e.getMessage());
    }

    @Test
    void ruleColumnsFollowTheReferenceOrder() {
        // spec §2.5: AntiPDM → 3, PDM → 4, PDMDelay → 5, AntiDelay → 6
        assertEquals(3, TaskSet.PDM.ruleColumn(Task.ANTI_PERCEPTUAL_DECISION_MAKING));
        assertEquals(4, TaskSet.PDM.ruleColumn(Task.PERCEPTUAL_DECISION_MAKING));
        assertEquals(5, TaskSet.PDM.ruleColumn(Task.PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE));
        assertEquals(6, TaskSet.PDM.ruleColumn(Task.ANTI_PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE));
        assertEquals(List.of(Task.GO_NOGO, Task.ANTI_GO_NOGO, Task.GO_NOGO_DELAY_RESPONSE,
                Task.ANTI_GO_NOGO_DELAY_RESPONSE), TaskSet.GONOGO.tasks());
        assertThrows(IllegalArgumentException.class, () -> TaskSet.PDM.ruleColumn(Task.GO_NOGO));
    }

    @Test
    void taskSetsHaveSevenInputsAndTheirOutputCounts() {
        assertEquals(7, TaskSet.PDM.inputs());
        assertEquals(7, TaskSet.GONOGO.inputs());
        assertEquals(3, TaskSet.PDM.outputs());
        assertEquals(2, TaskSet.GONOGO.outputs());
        assertEquals(TaskSet.GONOGO, TaskSet.parse("gonogo"));
        assertEquals(TaskSet.PDM, TaskSet.parse("PDM"));
        for (Task t : Task.values()) {
            assertTrue(t.taskSet().tasks().contains(t));
        }
        assertThrows(IllegalArgumentException.class, () -> TaskSet.parse("Reaching"));
    }
}
