package org.repal.workflows.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repal.workflows.argo.ArgoYaml;
import org.repal.workflows.argo.Workflow;

class WorkflowExpanderTest {
    private static final String WORKFLOW = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: t-}
            spec:
              entrypoint: pipeline
              arguments:
                parameters:
                - {name: store, value: "s3://b/p"}
              templates:
              - name: pipeline
                dag:
                  tasks:
                  - name: gen
                    template: stage
                    arguments: {parameters: [{name: task, value: generate}]}
                  - name: train
                    template: stage
                    dependencies: [gen]
                    arguments: {parameters: [{name: task, value: "train-{{item.group}}-{{item.k}}"}]}
                    withItems: [{group: a, k: 0}, {group: a, k: 1}]
                  - name: report
                    template: stage
                    dependencies: [train]
                    arguments: {parameters: [{name: task, value: report}]}
              - name: stage
                inputs: {parameters: [{name: task}]}
                container:
                  image: repal:1
                  args: [task, --store, "{{workflow.parameters.store}}", --task, "{{ inputs.parameters.task }}"]
            """;

    private static Workflow workflow(String yaml) {
        return ArgoYaml.read(yaml, Workflow.class, "test.yaml");
    }

    @Test
    void expandsItemsSubstitutesParametersAndWiresDependencies() {
        List<WorkflowExpander.Step> steps = WorkflowExpander.expand(workflow(WORKFLOW), Map.of("store", "/tmp/out"));
        assertEquals(List.of("gen", "train(0:{\"group\":\"a\",\"k\":0})", "train(1:{\"group\":\"a\",\"k\":1})", "report"),
                steps.stream().map(WorkflowExpander.Step::name).toList());
        assertEquals(List.of("task", "--store", "/tmp/out", "--task", "train-a-1"), steps.get(2).args());
        assertEquals(List.of("gen"), steps.get(1).dependsOn());
        assertEquals(List.of(steps.get(1).name(), steps.get(2).name()), steps.get(3).dependsOn());
        assertEquals(Map.of("task", "report"), steps.get(3).parameters());
    }

    @Test
    void keepsTheRenderedDefaultsWithoutOverrides() {
        assertEquals("s3://b/p", WorkflowExpander.expand(workflow(WORKFLOW), Map.of()).get(0).args().get(2));
    }

    @Test
    void refusesWhatItCannotReproduce() {
        var e = assertThrows(IllegalArgumentException.class, () -> WorkflowExpander.expand(
                workflow(WORKFLOW.replace("{{workflow.parameters.store}}", "{{workflow.name}}")), Map.of()));
        assertTrue(e.getMessage().contains("cannot resolve {{workflow.name}}"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WorkflowExpander.expand(workflow(
                WORKFLOW.replace("withItems: [{group: a, k: 0}, {group: a, k: 1}]", "withParam: \"{{tasks.gen.outputs.result}}\"")),
                Map.of()));
        assertTrue(e.getMessage().contains("withParam"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WorkflowExpander.expand(workflow(WORKFLOW), Map.of("nope", "x")));
        assertTrue(e.getMessage().contains("no parameter nope"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WorkflowExpander.expand(
                workflow(WORKFLOW.replace("dependencies: [gen]", "dependencies: [report]")), Map.of()));
        assertTrue(e.getMessage().contains("not an earlier task"), e.getMessage());
    }
}
