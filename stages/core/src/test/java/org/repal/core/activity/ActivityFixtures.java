package org.repal.core.activity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.repal.core.store.ArtifactStore;
import org.repal.core.task.DatasetGenerator;
import org.repal.core.task.Task;
import org.repal.core.task.TaskData;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TaskSetConfig;
import org.repal.core.task.TrialsJson;

/** Small generated test splits written in the generate stage's layout, for the activity tests. */
public final class ActivityFixtures {
    public static final Task ANTI_DELAY = Task.ANTI_PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE;

    private ActivityFixtures() {
    }

    /** The analysis task's test split: {@code n} trials with the reference's fixed test timing (350 steps). */
    public static TaskData testSplit(int n) {
        return new DatasetGenerator(TaskSet.PDM, TaskSetConfig.defaults(), 0, 0.2, 1).testing(ANTI_DELAY, n, c -> { });
    }

    /** Writes {@code <Task>/test/{inputs,targets,masks}.npy, trials.json} into the store; returns the data. */
    public static TaskData writeTestSplit(ArtifactStore store, int n) {
        TaskData d = testSplit(n);
        write(store, d);
        return d;
    }

    public static void write(ArtifactStore store, TaskData d) {
        String dir = d.task().displayName() + "/test/";
        store.putNpy(dir + "inputs.npy", d.inputsArray());
        store.putNpy(dir + "targets.npy", d.targetsArray());
        store.putNpy(dir + "masks.npy", d.masksArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TrialsJson.write(d, TaskSetConfig.defaults().dtMs(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.put(dir + "trials.json", out.toByteArray());
    }
}
