package org.repal.workflows.argo;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An Argo {@code Workflow} ({@code argoproj.io/v1alpha1}), typed for the fields repal renders and reads. The
 * official Argo Java client is not on Maven Central, so these classes model only what we use; reading YAML
 * with {@link ArgoYaml#read} rejects anything else.
 */
@Group("argoproj.io")
@Version("v1alpha1")
@Kind("Workflow")
@Plural("workflows")
public class Workflow extends CustomResource<WorkflowSpec, WorkflowStatus> implements Namespaced {
}
