package org.repal.workflows.argo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.repal.workflows.argo.WorkflowStatus.NodeStatus;

/** Workflows and controller-written statuses for tests outside this package. */
public final class ArgoFixtures {
    private ArgoFixtures() {
    }

    /** A small valid Workflow with {@code generateName: tiny-}. */
    public static Workflow tiny() {
        return ArgoYamlTest.tiny();
    }

    /** A status as the controller writes it, without nodes. */
    public static WorkflowStatus status(String phase, String progress) {
        return new WorkflowStatus(phase, null, "2026-01-01T00:00:00Z", null, progress, Map.of());
    }

    /**
     * A Failed status as Argo reports a stage that exited 1: the DAG node and the Workflow say only that a
     * child failed, the pod node has the message; a Succeeded pod is there too.
     */
    public static WorkflowStatus failed(String workflowName, String podMessage) {
        Map<String, NodeStatus> nodes = new LinkedHashMap<>();
        nodes.put(workflowName, new NodeStatus(workflowName, workflowName, workflowName, "DAG", "main", "Failed",
                "child '" + workflowName + "-2' failed", "2026-01-01T00:00:00Z", "2026-01-01T00:02:00Z"));
        nodes.put(workflowName + "-1", new NodeStatus(workflowName + "-1", workflowName + ".a(0:x)", "a(0:x)", "Pod",
                "echo", "Succeeded", null, "2026-01-01T00:00:01Z", "2026-01-01T00:01:00Z"));
        nodes.put(workflowName + "-2", new NodeStatus(workflowName + "-2", workflowName + ".a(1:y)", "a(1:y)", "Pod",
                "echo", "Failed", podMessage, "2026-01-01T00:00:01Z", "2026-01-01T00:01:30Z"));
        return new WorkflowStatus("Failed", "child '" + workflowName + "-2' failed", "2026-01-01T00:00:00Z",
                "2026-01-01T00:02:00Z", "1/2", nodes);
    }
}
