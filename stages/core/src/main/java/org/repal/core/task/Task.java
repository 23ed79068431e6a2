package org.repal.core.task;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The eight tasks of the PDM and GoNogo task sets (spec §2.4). Names are the reference's class names
 * without the trailing {@code T} (e.g. {@code AntiPerceptualDecisionMakingDelayResponse}); {@link #parse}
 * also accepts the reference spelling with the {@code T}.
 */
public enum Task {
    PERCEPTUAL_DECISION_MAKING("PerceptualDecisionMaking", false, false, false),
    ANTI_PERCEPTUAL_DECISION_MAKING("AntiPerceptualDecisionMaking", false, true, false),
    PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE("PerceptualDecisionMakingDelayResponse", false, false, true),
    ANTI_PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE("AntiPerceptualDecisionMakingDelayResponse", false, true, true),
    GO_NOGO("GoNogo", true, false, false),
    ANTI_GO_NOGO("AntiGoNogo", true, true, false),
    GO_NOGO_DELAY_RESPONSE("GoNogoDelayResponse", true, false, true),
    ANTI_GO_NOGO_DELAY_RESPONSE("AntiGoNogoDelayResponse", true, true, true);

    private final String displayName;
    private final boolean goNogo;
    private final boolean anti;
    private final boolean delay;

    Task(String displayName, boolean goNogo, boolean anti, boolean delay) {
        this.displayName = displayName;
        this.goNogo = goNogo;
        this.anti = anti;
        this.delay = delay;
    }

    /** The name used for folders and in files: the reference's class name without the trailing T. */
    public String displayName() {
        return displayName;
    }

    /** The reference's class name, e.g. {@code PerceptualDecisionMakingT}. */
    public String referenceName() {
        return displayName + "T";
    }

    /** GoNogo family: noise-free go/no-go stimulus, 2 outputs. Otherwise the PDM family. */
    public boolean isGoNogo() {
        return goNogo;
    }

    /** Anti tasks reverse the decision label. */
    public boolean isAnti() {
        return anti;
    }

    /** Delay tasks use the with-delay timing tables ("…DelayResponse"). */
    public boolean hasDelay() {
        return delay;
    }

    /** The task set this task belongs to. */
    public TaskSet taskSet() {
        return goNogo ? TaskSet.GONOGO : TaskSet.PDM;
    }

    /**
     * The task with this name, with or without the reference's trailing T, ignoring case.
     *
     * @throws IllegalArgumentException naming the unknown task and the known ones
     */
    public static Task parse(String name) {
        String n = name == null ? "" : name.trim();
        for (Task t : values()) {
            if (t.displayName.equalsIgnoreCase(n) || t.referenceName().equalsIgnoreCase(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "' (known: "
                + Arrays.stream(values()).map(Task::displayName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return displayName;
    }
}
