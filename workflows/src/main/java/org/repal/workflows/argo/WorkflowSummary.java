package org.repal.workflows.argo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.repal.workflows.argo.WorkflowStatus.NodeStatus;

/**
 * What a person needs from a Workflow's status: phase, progress, times and, when it failed, the failed pods
 * with Argo's message for each (e.g. "Error (exit code 1): …"), earliest failure first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowSummary(String name, String namespace, String phase, String progress, String startedAt,
                              String finishedAt, String message, List<FailedNode> failedNodes) {

    /** Argo's terminal phases; anything else (none yet, Pending, Running) may still change. */
    private static final List<String> FINISHED = List.of("Succeeded", "Failed", "Error");

    /** A failed Pod node: its display name (the DAG task, with the item for fan-outs) and Argo's message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FailedNode(String name, String templateName, String phase, String message) {
    }

    public static WorkflowSummary of(Workflow wf) {
        WorkflowStatus s = wf.getStatus();
        String name = wf.getMetadata().getName();
        String namespace = wf.getMetadata().getNamespace();
        if (s == null) {
            return new WorkflowSummary(name, namespace, null, null, null, null, null, List.of());
        }
        List<NodeStatus> failed = new ArrayList<>();
        if (s.nodes() != null) {
            for (NodeStatus n : s.nodes().values()) {
                // Only pods carry the stage's own error; DAG and retry nodes just echo "child failed".
                if ("Pod".equals(n.type()) && ("Failed".equals(n.phase()) || "Error".equals(n.phase()))) {
                    failed.add(n);
                }
            }
        }
        // RFC 3339 UTC timestamps sort as strings; the name breaks ties so the order does not depend on the map.
        failed.sort(Comparator.comparing((NodeStatus n) -> Objects.requireNonNullElse(n.finishedAt(), "~"))
                .thenComparing(n -> Objects.requireNonNullElse(n.name(), "")));
        List<FailedNode> nodes = failed.stream().map(n -> new FailedNode(
                n.displayName() != null ? n.displayName() : n.name(), n.templateName(), n.phase(), n.message()))
                .toList();
        return new WorkflowSummary(name, namespace, s.phase(), s.progress(), s.startedAt(), s.finishedAt(),
                s.message(), nodes);
    }

    @JsonIgnore
    public boolean finished() {
        return phase != null && FINISHED.contains(phase);
    }

    @JsonIgnore
    public boolean succeeded() {
        return "Succeeded".equals(phase);
    }

    /** One line for progress output, e.g. {@code repal-abc12: Running 3/7}. */
    public String progressLine() {
        return name + ": " + (phase == null ? "Pending" : phase) + (progress == null ? "" : " " + progress);
    }

    /** The summary as human-readable lines. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(progressLine());
        if (startedAt != null) {
            out.add("  started:  " + startedAt);
        }
        if (finishedAt != null) {
            out.add("  finished: " + finishedAt);
        }
        if (message != null && !message.isBlank()) {
            out.add("  message:  " + message);
        }
        for (FailedNode n : failedNodes) {
            out.add("  failed:   " + n.name() + (n.message() == null ? "" : ": " + n.message()));
        }
        return out;
    }
}
