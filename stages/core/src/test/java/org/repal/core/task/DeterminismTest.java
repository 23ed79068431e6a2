package org.repal.core.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.repal.core.store.Npy;
import org.repal.core.store.Sha256;

/** Same configuration → same bytes; every stream depends only on (seed, task name, split, sample). */
class DeterminismTest {
    private static final TaskSetConfig CONFIG = TaskSetConfig.defaults();

    @Test
    void seedsAreStableAcrossVersions() {
        // Pinned values: if these change, every dataset generated so far changes too.
        assertEquals(-5_978_271_501_042_737_625L, Seeds.derive(0, "PerceptualDecisionMaking"));
        assertEquals(-8_141_863_046_758_722_299L, Seeds.child(0, 0));
        assertNotEquals(Seeds.derive(0, "GoNogo"), Seeds.derive(1, "GoNogo"));
        assertNotEquals(Seeds.child(5, 1), Seeds.child(5, 2));
    }

    @Test
    void pinnedBytesOfASmallDataset() throws IOException {
        TaskData d = new DatasetGenerator(TaskSet.PDM, CONFIG, 0, 0.2, 1)
                .training(Task.PERCEPTUAL_DECISION_MAKING, 8, 400, n -> { });
        assertEquals("32d76c0afc9128f96445ac197a73244091418c22827e25713baceadeda095053", sha(Npy.toBytes(d.inputsArray())));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TrialsJson.write(d, 20, json);
        assertEquals("593d8a26ab092706b77faf802ebf9c6f73234f061d48f3112eb0be70e882ddf1", sha(json.toByteArray()));
    }

    @Test
    void twoRunsGiveIdenticalBytes() throws IOException {
        for (Task task : Task.values()) {
            TaskData a = new DatasetGenerator(task.taskSet(), CONFIG, 42, 0.2, 2).training(task, 64, 400, n -> { });
            TaskData b = new DatasetGenerator(task.taskSet(), CONFIG, 42, 0.2, 1).training(task, 64, 400, n -> { });
            assertEquals(sha(Npy.toBytes(a.inputsArray())), sha(Npy.toBytes(b.inputsArray())), task.displayName());
            assertEquals(sha(Npy.toBytes(a.targetsArray())), sha(Npy.toBytes(b.targetsArray())));
            assertEquals(sha(Npy.toBytes(a.masksArray())), sha(Npy.toBytes(b.masksArray())));
            ByteArrayOutputStream ja = new ByteArrayOutputStream();
            ByteArrayOutputStream jb = new ByteArrayOutputStream();
            TrialsJson.write(a, 20, ja);
            TrialsJson.write(b, 20, jb);
            assertArrayEquals(ja.toByteArray(), jb.toByteArray());
        }
    }

    @Test
    void seedsTasksAndSplitsGiveDifferentData() {
        Task task = Task.PERCEPTUAL_DECISION_MAKING;
        float[] seed0 = new DatasetGenerator(TaskSet.PDM, CONFIG, 0, 0.2, 1).testing(task, 16, n -> { })
                .inputsArray().toFloatArray();
        float[] seed1 = new DatasetGenerator(TaskSet.PDM, CONFIG, 1, 0.2, 1).testing(task, 16, n -> { })
                .inputsArray().toFloatArray();
        assertFalse(Arrays.equals(seed0, seed1));
        // Anti and pro PDM share the coding but not the stream: their trials differ.
        TaskData pro = new DatasetGenerator(TaskSet.PDM, CONFIG, 0, 0.2, 1).testing(task, 16, n -> { });
        TaskData anti = new DatasetGenerator(TaskSet.PDM, CONFIG, 0, 0.2, 1)
                .testing(Task.ANTI_PERCEPTUAL_DECISION_MAKING, 16, n -> { });
        assertNotEquals(pro.trials(0).get(0).trial().coherence() + "" + pro.trials(1).get(0).trial(),
                anti.trials(0).get(0).trial().coherence() + "" + anti.trials(1).get(0).trial());
    }

    private static String sha(byte[] bytes) {
        return Sha256.of(bytes);
    }
}
