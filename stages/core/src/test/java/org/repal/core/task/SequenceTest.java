package org.repal.core.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Training sequences: start at a trial onset, consecutive trials, the last one cut (spec §2.5 item 3). */
class SequenceTest {
    private static final TaskSetConfig CONFIG = TaskSetConfig.defaults();

    @Test
    void sequencesStartAtAnOnsetAndRunThroughConsecutiveTrials() {
        for (Task task : List.of(Task.PERCEPTUAL_DECISION_MAKING, Task.ANTI_GO_NOGO_DELAY_RESPONSE)) {
            int len = 400;
            TaskData data = new DatasetGenerator(task.taskSet(), CONFIG, 3, 0.2, 1).training(task, 300, len, n -> { });
            int cut = 0;
            for (int i = 0; i < data.samples(); i++) {
                List<TrialRecord> trials = data.trials(i);
                assertEquals(0, trials.get(0).onset(), "sample " + i + " starts at a trial onset");
                for (int k = 1; k < trials.size(); k++) {
                    assertEquals(trials.get(k - 1).end(), trials.get(k).onset(), "consecutive trials");
                    assertFalse(trials.get(k - 1).isCut(len), "only the last trial may be cut");
                }
                TrialRecord last = trials.get(trials.size() - 1);
                assertTrue(last.onset() < len && last.end() >= len, "the last trial reaches the end");
                cut += last.isCut(len) ? 1 : 0;
                // The step after each trial's end is the next trial's first fixation step.
                for (int k = 1; k < trials.size(); k++) {
                    int s = trials.get(k).onset();
                    assertTrue(data.mask(i, s - 1), "previous trial ends in its decision period");
                    assertEquals(1f, data.input(i, s, 0), "next trial starts fixating");
                }
            }
            assertTrue(cut > data.samples() / 2, "most sequences end inside a trial: " + cut);
        }
    }

    @Test
    void aSequenceOfExactlyTheLongestTrialIsAllowedAndShorterIsNot() {
        DatasetGenerator g = new DatasetGenerator(TaskSet.PDM, CONFIG, 0, 0.2, 1);
        assertEquals(355, g.minSequenceLength());
        assertEquals(355, g.training(Task.PERCEPTUAL_DECISION_MAKING, 2, 355, n -> { }).steps());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.training(Task.PERCEPTUAL_DECISION_MAKING, 2, 354, n -> { }));
        assertTrue(e.getMessage().contains("--seq-len"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.training(Task.PERCEPTUAL_DECISION_MAKING, 0, 400, n -> { }));
        assertThrows(IllegalArgumentException.class, () -> g.testing(Task.GO_NOGO, 3, n -> { }));
    }

    @Test
    void samplesDoNotDependOnTheSizeOrTheThreadCount() {
        Task task = Task.ANTI_PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE;
        TaskData small = new DatasetGenerator(TaskSet.PDM, CONFIG, 11, 0.2, 1).training(task, 50, 400, n -> { });
        TaskData big = new DatasetGenerator(TaskSet.PDM, CONFIG, 11, 0.2, 2).training(task, 700, 400, n -> { });
        float[] a = small.inputsArray().toFloatArray();
        float[] b = big.inputsArray().toFloatArray();
        float[] prefix = new float[a.length];
        System.arraycopy(b, 0, prefix, 0, a.length);
        assertArrayEquals(a, prefix);
        assertEquals(small.trials(49), big.trials(49));
        TaskData bigOneThread = new DatasetGenerator(TaskSet.PDM, CONFIG, 11, 0.2, 1).training(task, 700, 400, n -> { });
        assertArrayEquals(b, bigOneThread.inputsArray().toFloatArray());
        assertArrayEquals(big.targetsArray().toByteArray(), bigOneThread.targetsArray().toByteArray());
    }

    @Test
    void progressCountsEverySample() {
        int[] done = {0};
        new DatasetGenerator(TaskSet.GONOGO, CONFIG, 0, 0.2, 2).training(Task.GO_NOGO, 1000, 400, n -> {
            synchronized (done) {
                done[0] += n;
            }
        });
        assertEquals(1000, done[0]);
    }
}
