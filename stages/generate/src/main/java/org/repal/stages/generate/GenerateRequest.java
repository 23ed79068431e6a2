package org.repal.stages.generate;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TaskSetConfig;

/**
 * A checked {@code generate} request. Every problem is reported as an IllegalArgumentException naming the
 * option, before anything is written.
 *
 * @param tasks the tasks to generate, in the order given (their rule columns follow the task set's order)
 */
public record GenerateRequest(TaskSet taskSet, List<Task> tasks, int trainSize, int testSize, int seqLen, long seed,
                              double valFraction, TaskSetConfig config, int threads) {

    public GenerateRequest {
        tasks = List.copyOf(tasks);
        if (trainSize < 1) {
            throw new IllegalArgumentException("--train-size must be positive, got " + trainSize);
        }
        if (testSize < 1) {
            throw new IllegalArgumentException("--test-size must be positive, got " + testSize);
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("--val-fraction must be in [0, 1), got " + valFraction);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        config.validate();
        int shortest = config.longestTrainingTrial(taskSet);
        if (seqLen < shortest) {
            throw new IllegalArgumentException("--seq-len " + seqLen + " is shorter than one trial: the longest "
                    + taskSet + " training trial has " + shortest + " steps");
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("--tasks names no task");
        }
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            if (t.taskSet() != taskSet) {
                throw new IllegalArgumentException("--tasks: task " + t + " is not in task set " + taskSet
                        + " (its tasks: " + taskSet.tasks() + ")");
            }
            if (tasks.indexOf(t) != i) {
                throw new IllegalArgumentException("--tasks names " + t + " twice");
            }
        }
    }

    /** Parses the task-set name and the task names (null or empty: all tasks of the set). */
    public static List<Task> parseTasks(TaskSet taskSet, List<String> names) {
        if (names == null || names.isEmpty()) {
            return taskSet.tasks();
        }
        List<Task> tasks = new ArrayList<>();
        for (String n : names) {
            try {
                tasks.add(Task.parse(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tasks: " + e.getMessage(), e);
            }
        }
        return tasks;
    }
}
