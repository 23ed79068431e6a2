package org.repal.workflows.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repal.workflows.argo.WorkflowStatus.NodeStatus;

class WorkflowStatusSummaryTest {
    private static Workflow named(String name, WorkflowStatus status) {
        Workflow wf = ArgoFixtures.tiny();
        wf.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").build());
        wf.setStatus(status);
        return wf;
    }

    @Test
    void aNewWorkflowIsPendingAndNotFinished() {
        WorkflowSummary s = WorkflowSummary.of(named("w", null));
        assertEquals("w: Pending", s.progressLine());
        assertFalse(s.finished());
        assertEquals(List.of("w: Pending"), s.lines());
    }

    @Test
    void failedPodsComeFirstWithTheirMessageNotTheDagNode() {
        WorkflowSummary s = WorkflowSummary.of(named("w", ArgoFixtures.failed("w", "Error (exit code 1): boom")));
        assertTrue(s.finished());
        assertFalse(s.succeeded());
        assertEquals("w: Failed 1/2", s.progressLine());
        assertEquals(List.of(new WorkflowSummary.FailedNode("a(1:y)", "echo", "Failed", "Error (exit code 1): boom")),
                s.failedNodes());
        assertTrue(s.lines().contains("  failed:   a(1:y): Error (exit code 1): boom"), s.lines().toString());
    }

    @Test
    void failedPodsAreOrderedByWhenTheyFinished() {
        WorkflowStatus st = new WorkflowStatus("Error", null, null, null, null, Map.of(
                "late", new NodeStatus("late", "w.late", "late", "Pod", "t", "Error", "pod deleted", null,
                        "2026-01-01T00:05:00Z"),
                "early", new NodeStatus("early", "w.early", "early", "Pod", "t", "Failed", "OOMKilled", null,
                        "2026-01-01T00:01:00Z")));
        assertEquals(List.of("early", "late"), WorkflowSummary.of(named("w", st)).failedNodes().stream()
                .map(WorkflowSummary.FailedNode::name).toList());
    }
}
