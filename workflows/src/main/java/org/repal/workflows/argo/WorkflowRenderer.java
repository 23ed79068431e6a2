package org.repal.workflows.argo;

import org.repal.workflows.config.ExperimentConfig;

/** Renders an experiment's plan as an Argo Workflow or WorkflowTemplate (one source of truth: the Java plan). */
public final class WorkflowRenderer {
    private WorkflowRenderer() {
    }

    /** The plan of {@code config} as a Workflow to submit. */
    public static Workflow workflow(ExperimentConfig config) {
        throw new UnsupportedOperationException("not rendered yet");
    }

    /** The plan of {@code config} as a WorkflowTemplate (for Helm / {@code argo submit --from}). */
    public static WorkflowTemplate template(ExperimentConfig config) {
        throw new UnsupportedOperationException("not rendered yet");
    }
}
