package org.repal.core.task;

import java.util.List;

/**
 * A task set (spec §2.1): its tasks in the reference's {@code all_rules} order, which fixes the one-hot rule
 * column of every task (column {@code 3 + index}), and its number of output classes.
 */
public enum TaskSet {
    PDM("PDM", 3, List.of(Task.ANTI_PERCEPTUAL_DECISION_MAKING, Task.PERCEPTUAL_DECISION_MAKING,
            Task.PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE, Task.ANTI_PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE)),
    GONOGO("GoNogo", 2, List.of(Task.GO_NOGO, Task.ANTI_GO_NOGO, Task.GO_NOGO_DELAY_RESPONSE,
            Task.ANTI_GO_NOGO_DELAY_RESPONSE));

    /** Raw observation channels of every task: fixation, stimulus 1, stimulus 2. */
    public static final int RAW_INPUTS = 3;

    private final String displayName;
    private final int outputs;
    private final List<Task> tasks;

    TaskSet(String displayName, int outputs, List<Task> tasks) {
        this.displayName = displayName;
        this.outputs = outputs;
        this.tasks = tasks;
    }

    public String displayName() {
        return displayName;
    }

    /** The tasks in rule-column order. */
    public List<Task> tasks() {
        return tasks;
    }

    /** Output classes: 3 for PDM (fixate, choice 1, choice 2), 2 for GoNogo (fixate/withhold, go). */
    public int outputs() {
        return outputs;
    }

    /** 3 raw channels plus one rule column per task: 7 for both task sets. */
    public int inputs() {
        return RAW_INPUTS + tasks.size();
    }

    /** The input column that is 1 at every step of the task's samples. */
    public int ruleColumn(Task task) {
        int i = tasks.indexOf(task);
        if (i < 0) {
            throw new IllegalArgumentException("task " + task + " is not in task set " + displayName
                    + " (its tasks: " + tasks + ")");
        }
        return RAW_INPUTS + i;
    }

    /**
     * The task set with this name, ignoring case.
     *
     * @throws IllegalArgumentException naming the unknown task set
     */
    public static TaskSet parse(String name) {
        for (TaskSet s : values()) {
            if (s.displayName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown task set '" + name + "' (expected PDM or GoNogo)");
    }

    @Override
    public String toString() {
        return displayName;
    }
}
