package org.repal.core.activity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.store.NpyArray;
import org.repal.core.task.Task;
import org.repal.core.task.TaskData;
import org.repal.core.task.TaskSet;

/** The fixed analysis trials: which task, which trials, the checks on the files. */
class ActivityTrialsTest {
    @TempDir
    Path dir;

    @Test
    void analysisTaskIsTheTaskSetsLastRule() {
        assertEquals(Task.ANTI_PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE, AnalysisTrials.analysisTask(TaskSet.PDM));
        assertEquals(Task.ANTI_GO_NOGO_DELAY_RESPONSE, AnalysisTrials.analysisTask(TaskSet.GONOGO));
    }

    @Test
    void theFirstNTrialsInFileOrderWithTheirCommonBounds() {
        ArtifactStore store = new LocalArtifactStore(dir.resolve("a"));
        TaskData d = ActivityFixtures.writeTestSplit(store, 12);
        AnalysisTrials t = AnalysisTrials.load(store, TaskSet.PDM, 5);
        assertEquals(5, t.count());
        assertEquals(350, t.steps());
        assertEquals(20, t.dtMs());
        assertArrayEquals(new int[] {0, 25, 225, 325, 350}, t.bounds());
        for (int i = 0; i < 5; i++) {
            for (int s = 0; s < 350; s += 7) {
                for (int c = 0; c < 7; c++) {
                    assertEquals(d.input(i, s, c), t.inputArray()[(i * 350 + s) * 7 + c]);
                }
            }
        }
        assertEquals(12, AnalysisTrials.load(store, TaskSet.PDM, AnalysisTrials.DEFAULT_COUNT).count(), "capped");
        assertEquals(new ActivityWindow(WindowMode.STIMULUS_AFTER_500MS, 50, 225),
                ActivityWindow.of(t, WindowMode.STIMULUS_AFTER_500MS));

        // The hash identifies the trials, not the files: a larger dataset of the same seed starts with them.
        ArtifactStore bigger = new LocalArtifactStore(dir.resolve("b"));
        ActivityFixtures.writeTestSplit(bigger, 20);
        assertEquals(t.sha256(), AnalysisTrials.load(bigger, TaskSet.PDM, 5).sha256());
        assertNotEquals(t.sha256(), AnalysisTrials.load(bigger, TaskSet.PDM, 6).sha256());
    }

    @Test
    void badFilesAreNamedWithTheirField() {
        ArtifactStore store = new LocalArtifactStore(dir);
        TaskData d = ActivityFixtures.writeTestSplit(store, 6);
        String test = "AntiPerceptualDecisionMakingDelayResponse/test/";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnalysisTrials.load(store, Task.GO_NOGO, 3));
        assertTrue(e.getMessage().contains("GoNogo/test/inputs.npy: missing"), e.getMessage());

        float[] x = d.inputsArray().toFloatArray();
        x[(2 * 350 + 60) * 7 + 1] = Float.NaN;
        store.putNpy(test + "inputs.npy", NpyArray.ofFloats(x, 6, 350, 7));
        e = assertThrows(IllegalArgumentException.class, () -> AnalysisTrials.load(store, TaskSet.PDM, 6));
        assertTrue(e.getMessage().contains("inputs.npy: value NaN at [sample 2, step 60, input 1] is not finite"),
                e.getMessage());
        assertEquals(2, AnalysisTrials.load(store, TaskSet.PDM, 2).count(), "only the selected trials are read");

        ActivityFixtures.write(store, d);
        store.putNpy(test + "masks.npy", NpyArray.ofBooleans(new boolean[5 * 350], 5, 350));
        e = assertThrows(IllegalArgumentException.class, () -> AnalysisTrials.load(store, TaskSet.PDM, 3));
        assertTrue(e.getMessage().contains("masks.npy: shape [5, 350]"), e.getMessage());

        ActivityFixtures.write(store, d);
        String json = new String(store.get(test + "trials.json"), StandardCharsets.UTF_8);
        int second = json.indexOf("\"bounds\":[0,25,225,325,350]", json.indexOf("\"bounds\"") + 1);
        store.put(test + "trials.json", (json.substring(0, second) + "\"bounds\":[0,30,230,325,350]"
                + json.substring(second + "\"bounds\":[0,25,225,325,350]".length())).getBytes(StandardCharsets.UTF_8));
        e = assertThrows(IllegalArgumentException.class, () -> AnalysisTrials.load(store, TaskSet.PDM, 3));
        assertTrue(e.getMessage().contains("trials.json: records[1].trials[0].bounds [0, 30, 230, 325, 350] differ"),
                e.getMessage());
        assertEquals(1, AnalysisTrials.load(store, TaskSet.PDM, 1).count());

        store.delete(test + "trials.json");
        e = assertThrows(IllegalArgumentException.class, () -> AnalysisTrials.load(store, TaskSet.PDM, 1));
        assertTrue(e.getMessage().contains("trials.json: missing"), e.getMessage());
    }
}
