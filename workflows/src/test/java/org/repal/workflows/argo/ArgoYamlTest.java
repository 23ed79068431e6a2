package org.repal.workflows.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repal.workflows.argo.WorkflowSpec.Arguments;
import org.repal.workflows.argo.WorkflowSpec.Parameter;

class ArgoYamlTest {
    static Workflow tiny() {
        Template stage = new Template("echo", null, new Template.Inputs(List.of(Parameter.of("msg", null)), null), null,
                new ContainerBuilder().withName("main").withImage("busybox:1")
                        .withArgs("echo", "{{inputs.parameters.msg}}").build(),
                null, null, null, new Template.RetryStrategy("2", "OnError", null), null);
        Template dag = new Template("main", null, null, null, null, new Template.Dag(List.of(
                new Template.DagTask("a", "echo", null, new Arguments(List.of(Parameter.of("msg", "{{item}}")), null),
                        List.of("x", "y"), null),
                new Template.DagTask("b", "echo", List.of("a"), new Arguments(List.of(Parameter.of("msg", "done")),
                        null), null, null))), null, null, null, null);
        Workflow wf = new Workflow();
        wf.setMetadata(new ObjectMetaBuilder().withGenerateName("tiny-").build());
        wf.setSpec(new WorkflowSpec("main", null, null, null, List.of(dag, stage), null, null, null, null, null, null, null));
        return wf;
    }

    @Test
    void writesValidArgoAndReadsItBack() {
        String yaml = ArgoYaml.write(tiny());
        assertTrue(yaml.startsWith("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"), yaml);
        assertEquals(List.of(), ArgoSchema.forKind("Workflow").violations(yaml));
        Workflow back = ArgoYaml.read(yaml, Workflow.class, "tiny.yaml");
        assertEquals(yaml, ArgoYaml.write(back));
    }

    @Test
    void schemaCatchesAWrongType() {
        String yaml = ArgoYaml.write(tiny()).replace("  entrypoint: main", "  entrypoint: [main]");
        assertTrue(!ArgoSchema.forKind("Workflow").violations(yaml).isEmpty());
    }

    @Test
    void readerRejectsPropertiesTheClassesDoNotModel() {
        String yaml = ArgoYaml.write(tiny());
        var e = assertThrows(IllegalArgumentException.class, () -> ArgoYaml.read(
                yaml.replace("  entrypoint: main", "  entrypoint: main\n  onExit: cleanup"), Workflow.class, "x.yaml"));
        assertTrue(e.getMessage().startsWith("x.yaml: "), e.getMessage());
        // fabric8's Container keeps unknown keys in additionalProperties: still rejected, with the path
        e = assertThrows(IllegalArgumentException.class, () -> ArgoYaml.read(
                yaml.replace("image: busybox:1", "image: busybox:1\n      imagePullPolize: Always"), Workflow.class,
                "x.yaml"));
        assertTrue(e.getMessage().contains("container.imagePullPolize"), e.getMessage());
    }
}
