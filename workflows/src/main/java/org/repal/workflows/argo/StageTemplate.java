package org.repal.workflows.argo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.repal.workflows.argo.WorkflowSpec.ArchiveStrategy;
import org.repal.workflows.argo.WorkflowSpec.Artifact;
import org.repal.workflows.argo.WorkflowSpec.Parameter;
import org.repal.workflows.config.ExperimentConfig;

/**
 * The container template of one stage: {@code repal task} with the workflow's store and config and the plan
 * task named by the input parameter. The stage, not Argo, decides whether the task is already done (its cache
 * marker), so a resubmitted workflow skips finished work wherever it ran.
 */
final class StageTemplate {
    /** Where {@code repal task} writes a copy of the task's marker, published as an output artifact. */
    static final String MARKER_PATH = "/tmp/repal-task.json";
    /** The writable emptyDir volume over /tmp (the root file system is read-only). */
    static final String TMP_VOLUME = "tmp";
    /** Label the Helm chart uses to find the templates to schedule on GPU nodes. */
    static final String ACCELERATOR_LABEL = "repal/accelerator";
    /** Stages whose BLAS calls come from one thread and want every core (the `repal` script's rule). */
    private static final Set<String> BLAS_PARALLEL_STAGES = Set.of("train-rnn");

    /** The stage image's launcher (images/<variant>/repal.args: heap from the memory limit, natives, class path, main class). */
    static final List<String> IMAGE_COMMAND = List.of("java", "@/opt/repal/repal.args");

    private StageTemplate() {
    }

    static Template of(String stage, ExperimentConfig config) {
        ExperimentConfig.Resources r = config.resources().get(stage);
        ExperimentConfig.Gpu gpu = config.cluster().gpu();
        // Only a stage that computes on a GPU gets one (the validator refuses the others; this keeps it so).
        boolean wantsGpu = r.gpu() > 0 && ExperimentConfig.GPU_STAGES.contains(stage);
        boolean schedulesGpu = wantsGpu && gpu.enabled();
        Container c = new ContainerBuilder()
                .withName("main")
                .withImage(schedulesGpu ? config.image().gpuReference() : config.image().reference())
                .withImagePullPolicy(config.image().pullPolicy())
                // The image's own entrypoint, named explicitly so Argo's executor need not look it up in the registry.
                .withCommand(IMAGE_COMMAND)
                .withArgs("task", "--store", "{{workflow.parameters.store}}",
                        "--config-json", "{{workflow.parameters.config}}",
                        "--task", "{{inputs.parameters." + PipelineDag.TASK + "}}",
                        "--marker-out", MARKER_PATH)
                .withEnv(env(stage, r, config.cluster()))
                .withNewResources()
                .withRequests(quantities(r, null))
                .withLimits(quantities(r, schedulesGpu ? gpu.resource() : null))
                .endResources()
                .addNewVolumeMount().withName(TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                .withNewSecurityContext()
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .build();
        Template.Metadata metadata = wantsGpu ? new Template.Metadata(Map.of(ACCELERATOR_LABEL, "gpu"), null) : null;
        Artifact marker = new Artifact("marker", MARKER_PATH,
                new WorkflowSpec.S3("{{workflow.name}}/tasks/{{inputs.parameters." + PipelineDag.TASK + "}}.json"),
                // A failed stage writes no marker; a missing artifact must not turn that Failed into a retried Error.
                true, ArchiveStrategy.noArchive());
        return new Template(stage, metadata,
                new Template.Inputs(List.of(new Parameter(PipelineDag.TASK, null, "plan task to run")), null),
                new Template.Outputs(null, List.of(marker)), c, null,
                schedulesGpu && !gpu.nodeSelector().isEmpty() ? new TreeMap<>(gpu.nodeSelector()) : null,
                schedulesGpu && !gpu.tolerations().isEmpty() ? tolerations(gpu.tolerations()) : null,
                // OnError: pod deleted, node lost, image pull; a stage's own failure is deterministic, not retried.
                new Template.RetryStrategy("3", "OnError", new Template.Backoff("30s", "2", null)), null);
    }

    private static List<EnvVar> env(String stage, ExperimentConfig.Resources r, ExperimentConfig.Cluster k) {
        String cm = k.artifactRepository().configMap();
        String secret = k.s3Secret().name();
        int blas = BLAS_PARALLEL_STAGES.contains(stage) ? Math.max(1, (int) Math.floor(r.cpu())) : 1;
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName("REPAL_S3_ENDPOINT").withNewValueFrom()
                .withNewConfigMapKeyRef("endpoint", cm, null).endValueFrom().build());
        env.add(new EnvVarBuilder().withName("REPAL_S3_REGION").withNewValueFrom()
                .withNewConfigMapKeyRef("region", cm, true).endValueFrom().build());
        env.add(new EnvVarBuilder().withName("REPAL_S3_ACCESS_KEY").withNewValueFrom()
                .withNewSecretKeyRef(k.s3Secret().accessKey(), secret, null).endValueFrom().build());
        env.add(new EnvVarBuilder().withName("REPAL_S3_SECRET_KEY").withNewValueFrom()
                .withNewSecretKeyRef(k.s3Secret().secretKey(), secret, null).endValueFrom().build());
        // The bucket is provisioned with the cluster; pods need no right to create one.
        env.add(value("REPAL_S3_CREATE_BUCKET", "false"));
        // JavaCPP unpacks ND4J's native libraries under the home folder: make it the writable /tmp.
        env.add(value("HOME", "/tmp"));
        env.add(value("OMP_NUM_THREADS", "1"));
        env.add(value("OPENBLAS_NUM_THREADS", Integer.toString(blas)));
        env.add(value("ND4J_SKIP_BLAS_THREADS", "1"));
        return env;
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    /** cpu and memory (requests and limits alike: Guaranteed QoS, no noisy neighbours), plus GPUs when named. */
    private static Map<String, Quantity> quantities(ExperimentConfig.Resources r, String gpuResource) {
        Map<String, Quantity> q = new LinkedHashMap<>();
        q.put("cpu", new Quantity(cpu(r.cpu())));
        q.put("memory", new Quantity(r.memory()));
        if (gpuResource != null) {
            q.put(gpuResource, new Quantity(Integer.toString(r.gpu())));
        }
        return q;
    }

    /** Whole cores as "2", fractions in millicores ("500m"). */
    static String cpu(double cores) {
        long milli = Math.round(cores * 1000);
        return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
    }

    private static List<Toleration> tolerations(List<ExperimentConfig.Toleration> ts) {
        return ts.stream().map(t -> new TolerationBuilder().withKey(t.key()).withOperator(t.operator())
                .withValue(t.value()).withEffect(t.effect()).withTolerationSeconds(t.tolerationSeconds()).build())
                .toList();
    }
}
