package org.repal.workflows.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.PlanTask;
import org.repal.workflows.plan.Planner;

/** Every rendered form is valid Argo, reads back strictly, and mirrors the plan, with nothing secret inline. */
class ArgoRenderingTest {
    /** Argo's limit on one parameter value. */
    private static final int MAX_PARAMETER = 262_144;

    static Stream<String> configs() {
        return RenderedConfigs.all().keySet().stream();
    }

    private static ExperimentConfig config(String name) {
        return RenderedConfigs.all().get(name);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void workflowIsValidArgoAndReadsBackToTheSameBytes(String name) {
        String yaml = ArgoYaml.write(WorkflowRenderer.workflow(config(name)));
        assertEquals(List.of(), ArgoSchema.forKind("Workflow").violations(yaml));
        Workflow back = ArgoYaml.read(yaml, Workflow.class, name + ".yaml");
        assertEquals(yaml, ArgoYaml.write(back));
        assertEquals(yaml, ArgoYaml.write(WorkflowRenderer.workflow(config(name))), "same config, same bytes");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void templateIsValidArgoAndReadsBackToTheSameBytes(String name) {
        WorkflowTemplate wt = WorkflowRenderer.template(config(name));
        String yaml = ArgoYaml.write(wt);
        assertEquals(List.of(), ArgoSchema.forKind("WorkflowTemplate").violations(yaml));
        assertEquals(yaml, ArgoYaml.write(ArgoYaml.read(yaml, WorkflowTemplate.class, name + ".yaml")));
        assertEquals(Planner.plan(config(name)).name(), wt.getMetadata().getName());
        assertNull(wt.getMetadata().getGenerateName());
        // The same spec as the Workflow form.
        assertEquals(ArgoYaml.write(WorkflowRenderer.workflow(config(name)).getSpec()), ArgoYaml.write(wt.getSpec()));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void dagRunsEveryPlanTaskExactlyOnceWithThePlansDependencies(String name) {
        ExperimentConfig c = config(name);
        Plan plan = Planner.plan(c);
        WorkflowSpec spec = WorkflowRenderer.workflow(c).getSpec();
        Template dag = template(spec, spec.entrypoint());
        Map<String, String> dagTaskOf = new HashMap<>();
        List<String> run = new ArrayList<>();
        for (Template.DagTask d : dag.dag().tasks()) {
            assertTrue(d.name().matches("[a-z0-9][-a-z0-9]*") && d.name().length() <= 63, d.name());
            Template stage = template(spec, d.template());
            assertNotNull(stage.container(), d.template());
            String arg = d.arguments().parameters().get(0).value();
            List<String> items = d.withItems() == null ? List.of(arg) : d.withItems().stream().map(i -> {
                assertEquals("{{item}}", arg);
                return (String) i;
            }).toList();
            for (String task : items) {
                run.add(task);
                dagTaskOf.put(task, d.name());
                assertEquals(plan.byName().get(task).stage(), d.template(), task);
            }
        }
        assertEquals(plan.tasks().stream().map(PlanTask::name).sorted().toList(), run.stream().sorted().toList());
        for (Template.DagTask d : dag.dag().tasks()) {
            Set<String> expected = new TreeSet<>();
            plan.tasks().stream().filter(t -> dagTaskOf.get(t.name()).equals(d.name()))
                    .forEach(t -> t.dependsOn().forEach(dep -> expected.add(dagTaskOf.get(dep))));
            assertEquals(expected, new TreeSet<>(d.dependencies() == null ? List.of() : d.dependencies()), d.name());
        }
        assertTrue(run.size() <= Plan.MAX_TASKS, "pods: " + run.size());
    }

    @ParameterizedTest
    @MethodSource("configs")
    void stageTemplatesTakeCredentialsOnlyFromTheSecretAndRetryOnlyInfrastructureErrors(String name) {
        ExperimentConfig c = config(name);
        WorkflowSpec spec = WorkflowRenderer.workflow(c).getSpec();
        List<Template> stages = spec.templates().stream().filter(t -> t.container() != null).toList();
        assertEquals(c.plannedStages(), stages.stream().map(Template::name).toList(), "one template per stage");
        for (Template t : stages) {
            Container ct = t.container();
            boolean onGpu = ct.getResources().getLimits().containsKey(c.cluster().gpu().resource());
            assertEquals(onGpu ? c.image().gpuReference() : c.image().reference(), ct.getImage(), t.name());
            assertEquals(List.of("java", "@/opt/repal/repal.args"), ct.getCommand(), "the image's launcher, named");
            assertEquals("task", ct.getArgs().get(0));
            Map<String, EnvVar> env = new HashMap<>();
            ct.getEnv().forEach(e -> env.put(e.getName(), e));
            for (String secret : List.of("REPAL_S3_ACCESS_KEY", "REPAL_S3_SECRET_KEY")) {
                EnvVar e = env.get(secret);
                assertNull(e.getValue(), secret + " inline");
                assertEquals(c.cluster().s3Secret().name(), e.getValueFrom().getSecretKeyRef().getName());
            }
            assertEquals(c.cluster().s3Secret().accessKey(),
                    env.get("REPAL_S3_ACCESS_KEY").getValueFrom().getSecretKeyRef().getKey());
            assertEquals(c.cluster().artifactRepository().configMap(),
                    env.get("REPAL_S3_ENDPOINT").getValueFrom().getConfigMapKeyRef().getName());
            for (EnvVar e : ct.getEnv()) {
                if (e.getName().matches(".*(KEY|SECRET|PASSWORD|TOKEN).*") && !e.getName().equals("REPAL_S3_CREATE_BUCKET")) {
                    assertNull(e.getValue(), e.getName() + " has an inline value");
                    assertNotNull(e.getValueFrom().getSecretKeyRef(), e.getName());
                }
            }
            assertEquals("OnError", t.retryStrategy().retryPolicy(), t.name());
            assertEquals("3", t.retryStrategy().limit());
            assertTrue(ct.getSecurityContext().getReadOnlyRootFilesystem());
            assertFalse(ct.getSecurityContext().getAllowPrivilegeEscalation());
            assertEquals(List.of("ALL"), ct.getSecurityContext().getCapabilities().getDrop());
            // Bucket and endpoint of the marker artifact come from the artifact repository: key only.
            WorkflowSpec.Artifact marker = t.outputs().artifacts().get(0);
            assertTrue(marker.s3().key().contains("{{inputs.parameters.task}}"));
            assertTrue(ct.getArgs().contains(marker.path()));
            ExperimentConfig.Resources r = c.resources().get(t.name());
            assertEquals(r.memory(), ct.getResources().getRequests().get("memory").toString());
            assertEquals(r.memory(), ct.getResources().getLimits().get("memory").toString());
        }
        assertTrue(spec.securityContext().getRunAsNonRoot());
        assertEquals(10001L, spec.securityContext().getRunAsUser());
        assertEquals("OnPodSuccess", spec.podGC().strategy());
    }

    @Test
    void gpuSchedulingOnlyWhenEnabledAndOnlyForStagesThatAskForGpus() {
        WorkflowSpec gpu = WorkflowRenderer.workflow(config("gpu")).getSpec();
        Template train = template(gpu, "train-rnn");
        assertEquals("2", train.container().getResources().getLimits().get("nvidia.com/gpu").toString());
        assertNull(train.container().getResources().getRequests().get("nvidia.com/gpu"));
        assertEquals(Map.of("nvidia.com/gpu.present", "true"), train.nodeSelector());
        assertEquals("Exists", train.tolerations().get(0).getOperator());
        assertEquals("gpu", train.metadata().labels().get("repal/accelerator"));
        assertEquals("4", train.container().getEnv().stream().filter(e -> e.getName().equals("OPENBLAS_NUM_THREADS"))
                .findFirst().orElseThrow().getValue());
        assertEquals("registry.example:5000/team/repal:0.1.0-gpu", train.container().getImage(), "the cuda image");
        Template gen = template(gpu, "generate");
        assertEquals("registry.example:5000/team/repal:0.1.0", gen.container().getImage(), "the cpu image");
        assertNull(gen.nodeSelector());
        assertNull(gen.tolerations());
        assertFalse(gen.container().getResources().getLimits().containsKey("nvidia.com/gpu"));
        assertEquals("500m", gen.container().getResources().getRequests().get("cpu").toString());
        assertEquals("studies", WorkflowRenderer.workflow(config("gpu")).getMetadata().getNamespace());
        assertEquals(8, gpu.parallelism());
        assertNull(WorkflowRenderer.workflow(config("quick")).getSpec().parallelism());

        // The paper profile asks for a GPU per training task but leaves cluster.gpu disabled: only the label the
        // Helm chart schedules by. Quick asks for none.
        for (String name : List.of("paper", "quick")) {
            for (Template t : WorkflowRenderer.workflow(config(name)).getSpec().templates()) {
                assertNull(t.nodeSelector(), name + " " + t.name());
                assertNull(t.tolerations(), name + " " + t.name());
                if (t.container() != null) {
                    assertEquals(Set.of("cpu", "memory"), t.container().getResources().getLimits().keySet());
                    assertEquals(Set.of("cpu", "memory"), t.container().getResources().getRequests().keySet());
                }
            }
        }
        Template paperTrain = template(WorkflowRenderer.workflow(config("paper")).getSpec(), "train-rnn");
        assertEquals("gpu", paperTrain.metadata().labels().get("repal/accelerator"));
        assertFalse(paperTrain.container().getImage().endsWith("-cuda"), "GPU scheduling is off: the cpu image");
        assertFalse(ArgoYaml.write(WorkflowRenderer.workflow(config("quick"))).contains("repal/accelerator"));
    }

    @Test
    void withGpusEnabledOnlyTrainRnnGetsAGpuAndTheCudaImage() throws Exception {
        String paper;
        try (var in = ConfigLoader.class.getResourceAsStream("profiles/paper.yaml")) {
            paper = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        ExperimentConfig c = ConfigLoader.parse(paper + "image: {repository: reg.example/repal, tag: 0.1.0}\n"
                + "cluster: {gpu: {enabled: true}}\n", "paper-gpu.yaml");
        String yaml = ArgoYaml.write(WorkflowRenderer.workflow(c));
        int stages = 0;
        for (Template t : WorkflowRenderer.workflow(c).getSpec().templates()) {
            if (t.container() == null) {
                continue;
            }
            stages++;
            boolean gpu = t.name().equals("train-rnn");
            assertEquals(gpu, t.container().getResources().getLimits().containsKey("nvidia.com/gpu"), t.name());
            assertEquals(gpu ? "reg.example/repal:0.1.0-cuda" : "reg.example/repal:0.1.0", t.container().getImage(),
                    t.name());
        }
        assertEquals(ExperimentConfig.STAGES.size(), stages, "every stage of the paper plan has a template");
        // In the YAML too: one GPU limit and one cuda image (the config parameter names the resource as well).
        assertEquals(1, yaml.split("\n *nvidia.com/gpu: \"1\"", -1).length - 1);
        assertEquals(1, yaml.split("image: reg.example/repal:0.1.0-cuda", -1).length - 1);
    }

    @Test
    void paperFitsArgosLimits() {
        Workflow wf = WorkflowRenderer.workflow(config("paper"));
        int pods = 0;
        for (Template.DagTask d : template(wf.getSpec(), "pipeline").dag().tasks()) {
            pods += d.withItems() == null ? 1 : d.withItems().size();
        }
        assertEquals(Planner.plan(config("paper")).tasks().size(), pods);
        assertTrue(pods <= 500, "pods: " + pods);
        for (WorkflowSpec.Parameter p : wf.getSpec().arguments().parameters()) {
            assertTrue(p.value().length() < MAX_PARAMETER, p.name() + ": " + p.value().length() + " characters");
        }
        int size = ArgoYaml.write(wf).length();
        // Well under etcd's object limit (1.5 MB) and Argo's offloading threshold (1 MB).
        assertTrue(size < 256 * 1024, "rendered paper workflow: " + size + " bytes");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void podsReplanTheSameTasksFromTheConfigParameter(String name) {
        ExperimentConfig c = config(name);
        WorkflowSpec spec = WorkflowRenderer.workflow(c).getSpec();
        String json = spec.arguments().parameters().stream().filter(p -> p.name().equals("config")).findFirst()
                .orElseThrow().value();
        ExperimentConfig back = ConfigLoader.parse(json, "--config-json");
        assertEquals(c, back);
        assertEquals(Planner.plan(c), Planner.plan(back));
        assertEquals(c.cluster().store(), spec.arguments().parameters().get(0).value());
    }

    @Test
    void configTextThatArgoWouldMisreadIsRejected() {
        ExperimentConfig c = ConfigLoader.parse(RenderedConfigs.GPU.replace("seed: 1", "seed: 1\nstore: out{{x}}"), "x");
        var e = assertThrows(IllegalArgumentException.class, () -> WorkflowRenderer.workflow(c));
        assertTrue(e.getMessage().startsWith("config: "), e.getMessage());
    }

    @Test
    void namesOfTemplatesAreValid() {
        for (ExperimentConfig c : RenderedConfigs.all().values()) {
            Set<String> names = new HashSet<>();
            for (Template t : WorkflowRenderer.workflow(c).getSpec().templates()) {
                assertTrue(t.name().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && t.name().length() <= 63, t.name());
                assertTrue(names.add(t.name()), t.name());
            }
        }
    }

    private static Template template(WorkflowSpec spec, String name) {
        return spec.templates().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
                new AssertionError("no template " + name));
    }
}
