package org.repal.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import org.repal.workflows.argo.WorkflowSpec.Arguments;
import org.repal.workflows.argo.WorkflowSpec.Artifact;
import org.repal.workflows.argo.WorkflowSpec.Parameter;

/** One Argo template: either a container (a stage invocation) or a DAG of tasks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Template(String name, Metadata metadata, Inputs inputs, Outputs outputs, Container container, Dag dag,
                       Map<String, String> nodeSelector, List<Toleration> tolerations, RetryStrategy retryStrategy,
                       Long activeDeadlineSeconds) {

    /** Labels and annotations of the template's pods. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(Map<String, String> labels, Map<String, String> annotations) {
    }

    /** Parameters and artifacts a template takes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Inputs(List<Parameter> parameters, List<Artifact> artifacts) {
    }

    /** Artifacts a template publishes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outputs(List<Parameter> parameters, List<Artifact> artifacts) {
    }

    /**
     * Retries: {@code retryPolicy} "OnError" retries infrastructure errors (pod deleted, node lost, image pull)
     * but not a stage's own non-zero exit, which is deterministic for the same inputs. {@code limit} is an
     * int-or-string that Argo's schema types as a string.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RetryStrategy(String limit, String retryPolicy, Backoff backoff) {
    }

    /** Delay between retries (Argo durations such as "30s"). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Backoff(String duration, String factor, String maxDuration) {
    }

    /** A DAG of tasks. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dag(List<DagTask> tasks) {
    }

    /**
     * A DAG task: runs {@code template} once, or once per element of {@code withItems} (inline list) or
     * {@code withParam} (a JSON list from an expression), after its {@code dependencies}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DagTask(String name, String template, List<String> dependencies, Arguments arguments,
                          List<Object> withItems, String withParam) {
    }
}
