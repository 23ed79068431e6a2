package org.repal.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;

/**
 * The spec of a Workflow or WorkflowTemplate (Argo's {@code WorkflowSpec}), limited to the fields repal uses.
 * Null fields are left out of the YAML.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowSpec(String entrypoint, Arguments arguments, String serviceAccountName,
                           ArtifactRepositoryRef artifactRepositoryRef, List<Template> templates,
                           WorkflowTemplateRef workflowTemplateRef, Integer parallelism, PodGC podGC,
                           TtlStrategy ttlStrategy, PodSecurityContext securityContext, List<Volume> volumes,
                           Long activeDeadlineSeconds) {

    /** Workflow-level or task-level inputs given by the caller. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Arguments(List<Parameter> parameters, List<Artifact> artifacts) {
    }

    /** A named string value; {@code value} may hold Argo expressions such as {@code {{item}}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameter(String name, String value, String description) {
        public static Parameter of(String name, String value) {
            return new Parameter(name, value, null);
        }
    }

    /** Which ConfigMap (and key) holds the S3 bucket/endpoint/credential refs of the artifact repository. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArtifactRepositoryRef(String configMap, String key) {
    }

    /** Runs a stored WorkflowTemplate instead of inline templates. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkflowTemplateRef(String name, Boolean clusterScope) {
    }

    /** When Argo deletes finished pods. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PodGC(String strategy) {
    }

    /** When Argo deletes the finished Workflow object. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TtlStrategy(Integer secondsAfterCompletion, Integer secondsAfterSuccess,
                              Integer secondsAfterFailure) {
    }

    /**
     * An input or output artifact. With only {@code s3.key} set, bucket, endpoint and credentials come from the
     * artifact repository (key-only artifacts).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Artifact(String name, String path, S3 s3, Boolean optional, ArchiveStrategy archive) {
    }

    /** A key-only S3 location. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record S3(String key) {
    }

    /** {@code archive: {none: {}}} stores a file as it is instead of a tarball. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArchiveStrategy(NoArchive none) {
        public static ArchiveStrategy noArchive() {
            return new ArchiveStrategy(new NoArchive());
        }
    }

    /** Empty object marker of {@link ArchiveStrategy}. */
    public record NoArchive() {
    }
}
