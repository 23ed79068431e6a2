package org.repal.workflows.argo;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** An Argo {@code WorkflowTemplate}: a Workflow spec stored in the cluster, run by {@code workflowTemplateRef}. */
@Group("argoproj.io")
@Version("v1alpha1")
@Kind("WorkflowTemplate")
@Plural("workflowtemplates")
public class WorkflowTemplate extends CustomResource<WorkflowSpec, Void> implements Namespaced {
}
