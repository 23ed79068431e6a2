package org.repal.workflows.argo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What the Argo controller reports about a Workflow. Argo writes many more fields than these; they are ignored
 * here (the status is the controller's, not ours to validate).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowStatus(String phase, String message, String startedAt, String finishedAt, String progress,
                             Map<String, NodeStatus> nodes) {

    /** One node of the run: a pod, a DAG, a retry group, … */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NodeStatus(String id, String name, String displayName, String type, String templateName,
                             String phase, String message, String startedAt, String finishedAt) {
    }
}
