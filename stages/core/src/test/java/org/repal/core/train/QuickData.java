package org.repal.core.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.repal.core.task.DatasetGenerator;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TaskSetConfig;
import org.repal.core.task.TimingTable;

/**
 * Small, quick PDM datasets for training tests: the tasks of the reference with short trials (fixation 100 ms,
 * stimulus 1 s, delay 0 or 200 ms, decision 200 ms: 75 steps with delay) and half the input noise, in
 * sequences of 160 steps. The full timing (3–5 s stimuli, up to 1.5 s delay) needs the reference's 50 epochs.
 */
final class QuickData {
    static final int STEPS = 160;
    private static final Map<String, TaskDataset> CACHE = new HashMap<>();

    private QuickData() {
    }

    static TaskSetConfig config() {
        TaskSetConfig d = TaskSetConfig.defaults();
        TimingTable delay = new TimingTable(List.of(100), List.of(1000), List.of(200), List.of(200));
        TimingTable noDelay = new TimingTable(List.of(100), List.of(1000), List.of(0), List.of(200));
        return new TaskSetConfig(d.dtMs(), d.coherences(), 0.5, noDelay, d.withoutDelayTesting(), delay,
                d.withDelayTesting());
    }

    /** {@code n} training sequences of the task (20 % flagged validation), generated once per JVM. */
    static synchronized TaskDataset of(Task task, int n) {
        return CACHE.computeIfAbsent(task + "/" + n, k -> TaskDataset.of(
                new DatasetGenerator(TaskSet.PDM, config(), 0, 0.2, 2).training(task, n, STEPS, c -> { })));
    }

    /** A fresh copy (tests that modify the data must not share it). */
    static TaskDataset copy(Task task, int n) {
        TaskDataset d = of(task, n);
        boolean[] validation = new boolean[d.samples()];
        for (int i : d.validationIndices()) {
            validation[i] = true;
        }
        return new TaskDataset(task, d.samples(), d.steps(), d.inputs(), d.inputArray().clone(),
                d.targetArray().clone(), d.maskArray().clone(), validation);
    }
}
