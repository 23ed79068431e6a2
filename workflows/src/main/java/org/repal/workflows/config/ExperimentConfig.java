package org.repal.workflows.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An experiment: what to generate, which RNN grid (and, optionally, which Mamba grid) to train under which
 * curricula, the metric parameters and the resources per stage. Read from YAML by {@link ConfigLoader} (snake_case keys, unknown keys rejected);
 * the loader validates every field, so instances it returns are complete. {@code image} and {@code cluster}
 * (how the pipeline runs on Kubernetes) are optional: missing entries take the defaults below, so configs
 * written before they existed still load. {@code simulate: true} (optional, or {@code repal run --simulate}) plans
 * the same tasks with stub compute ({@code org.repal.workflows.simulate}): same names, keys and fan-out, no training
 * or fitting.
 */
public record ExperimentConfig(String name, String taskset, Long seed, String store, Data data, RnnGrid rnn,
                               MambaGrid mamba, List<String> groups, Training training, Dsa dsa,
                               Dissimilarity dissimilarity, LearningDynamics learningDynamics,
                               Attractors attractors, Report report,
                               Map<String, Resources> resources,
                               Image image, Cluster cluster, Boolean simulate) {

    public ExperimentConfig {
        image = Objects.requireNonNullElseGet(image, () -> new Image(null, null, null, null));
        cluster = Objects.requireNonNullElseGet(cluster, () -> new Cluster(null, null, null, null, null, null, null))
                .withDefaultStore("s3://repal/" + (name == null ? "repal" : name));
    }

    /** Whether the plan runs with stub compute (see {@code org.repal.workflows.simulate.SimulatedPlan}). */
    public boolean simulated() {
        return Boolean.TRUE.equals(simulate);
    }

    /** This config with stub compute switched on. */
    public ExperimentConfig withSimulate() {
        return new ExperimentConfig(name, taskset, seed, store, data, rnn, mamba, groups, training, dsa, dissimilarity,
                learningDynamics, attractors, report, resources, image, cluster, true);
    }

    /** Dataset sizes of {@code repal generate}. */
    public record Data(Integer trainSize, Integer testSize, Integer seqLen) {
    }

    /** The model grid: every combination is trained in every group. */
    public record RnnGrid(List<String> rnnType, List<String> activation, List<Integer> hidden, List<Double> lr,
                          List<Integer> batchSize, List<String> init) {
        /** Number of configurations in the grid. */
        public int size() {
            return rnnType.size() * activation.size() * hidden.size() * lr.size() * batchSize.size() * init.size();
        }
    }

    /**
     * The Mamba grid (optional: absent means no {@code train-mamba} tasks); every combination is trained in every
     * group, as the RNN grid is.
     */
    public record MambaGrid(List<Integer> dModel, List<Integer> nLayers, List<Double> lr, List<Integer> batchSize) {
        /** Number of configurations in the grid. */
        public int size() {
            return dModel.size() * nLayers.size() * lr.size() * batchSize.size();
        }
    }

    /**
     * Training budget: {@code epochs} per phase (the cap when a target is set); {@code mambaEpochs} (optional,
     * default {@code epochs}) for the Mamba grid; {@code targetAccuracy} (optional) stops a phase once every task's
     * validation decision accuracy exceeds it. {@code chunksPerGroup} (optional) fixes the fan-out; by default the
     * planner picks the largest that keeps the plan within its task limit.
     */
    public record Training(Integer epochs, Integer mambaEpochs, Double targetAccuracy, Integer chunksPerGroup) {
        /** Epochs per phase of the Mamba grid. */
        public Integer mambaEpochsOrDefault() {
            return mambaEpochs == null ? epochs : mambaEpochs;
        }
    }

    /** DSA parameters of the later dissimilarity stages. */
    public record Dsa(Integer nDelays, Integer delayInterval, Integer rank) {
    }

    /**
     * The dissimilarity stage (optional: absent means no {@code dissimilarity} tasks): every config's group
     * matrices, {@code configs_per_task} configs per task (default 1), and with {@code rnn_vs_mamba} the RNN-vs-Mamba
     * matrices of the sub-grids it names (each field narrows the corresponding grid list; one task per RNN config).
     */
    public record Dissimilarity(Integer configsPerTask, CrossGrids rnnVsMamba) {
        public Dissimilarity {
            configsPerTask = Objects.requireNonNullElse(configsPerTask, 1);
        }
    }

    /**
     * The learning-dynamics stage (optional: absent means no {@code learning-dynamics} tasks): every config's
     * over- and within-learning series, {@code configs_per_task} configs per task (default 1).
     */
    public record LearningDynamics(Integer configsPerTask) {
        public LearningDynamics {
            configsPerTask = Objects.requireNonNullElse(configsPerTask, 1);
        }
    }

    /** Sub-grids compared across architectures; a missing list keeps the whole grid's values. */
    public record CrossGrids(RnnGrid rnn, MambaGrid mamba) {
    }

    /**
     * The attractor bench (optional: absent means no {@code attractors} task). {@code scale} is the stage's
     * profile: quick (12 samples per system) or paper (the reference's 200); {@code sweep} (default true) adds the
     * stage-8 DSA parameter sweep.
     */
    public record Attractors(String scale, Boolean sweep) {
        public static final List<String> SCALES = List.of("quick", "paper");

        public Attractors {
            sweep = Objects.requireNonNullElse(sweep, true);
        }
    }

    /**
     * The report stage (optional: absent means no {@code report} task): one task after every other, writing
     * {@code report/index.html} with its figures and tables. {@code min_models} (default 3) is the fewest models per
     * level for a claim to be assessed, {@code alpha} (default 0.05) the verdicts' significance threshold.
     */
    public record Report(Integer minModels, Double alpha) {
        public Report {
            minModels = Objects.requireNonNullElse(minModels, 3);
            alpha = Objects.requireNonNullElse(alpha, 0.05);
        }
    }

    /** Resources of one stage's tasks (Kubernetes quantities for memory, e.g. "4Gi"). */
    public record Resources(Double cpu, String memory, Integer gpu) {
    }

    /**
     * The stage image on a cluster; the tag defaults to this build's version. Stages scheduled on GPUs run the
     * cuda variant of the same repository, tagged {@code gpu_tag} (default {@code <tag>-cuda}, as
     * {@code images/build.sh cuda} is meant to be tagged): the cpu image has no CUDA backend and the cuda one
     * needs a GPU driver.
     */
    public record Image(String repository, String tag, String gpuTag, String pullPolicy) {
        public Image {
            repository = Objects.requireNonNullElse(repository, "repal");
            tag = Objects.requireNonNullElse(tag, ProjectVersion.RELEASE);
            gpuTag = Objects.requireNonNullElse(gpuTag, tag + "-cuda");
            pullPolicy = Objects.requireNonNullElse(pullPolicy, "IfNotPresent");
        }

        /** {@code repository:tag}. */
        public String reference() {
            return repository + ":" + tag;
        }

        /** {@code repository:gpu_tag}, the image of GPU-scheduled stages. */
        public String gpuReference() {
            return repository + ":" + gpuTag;
        }
    }

    /**
     * Where and as whom the pipeline runs on Kubernetes. {@code namespace} may stay unset (the namespace
     * of the submitting context); {@code store} is the S3 location the pods read and write; {@code parallelism}
     * (optional) caps the pods running at once.
     */
    public record Cluster(String namespace, String serviceAccount, ArtifactRepository artifactRepository,
                          S3Secret s3Secret, String store, Gpu gpu, Integer parallelism) {
        public Cluster {
            serviceAccount = Objects.requireNonNullElse(serviceAccount, "repal-workflow");
            artifactRepository = Objects.requireNonNullElseGet(artifactRepository,
                    () -> new ArtifactRepository(null, null));
            s3Secret = Objects.requireNonNullElseGet(s3Secret, () -> new S3Secret(null, null, null));
            gpu = Objects.requireNonNullElseGet(gpu, () -> new Gpu(null, null, null, null));
        }

        Cluster withDefaultStore(String defaultStore) {
            return store != null ? this : new Cluster(namespace, serviceAccount, artifactRepository, s3Secret,
                    defaultStore, gpu, parallelism);
        }
    }

    /** The ConfigMap (and its key) of Argo's S3 artifact repository; its key "endpoint" is the S3 URL. */
    public record ArtifactRepository(String configMap, String key) {
        public ArtifactRepository {
            configMap = Objects.requireNonNullElse(configMap, "repal-artifact-repository");
            key = Objects.requireNonNullElse(key, "repal");
        }
    }

    /** The Secret holding the S3 credentials, and its two keys. */
    public record S3Secret(String name, String accessKey, String secretKey) {
        public S3Secret {
            name = Objects.requireNonNullElse(name, "repal-s3");
            accessKey = Objects.requireNonNullElse(accessKey, "accessKey");
            secretKey = Objects.requireNonNullElse(secretKey, "secretKey");
        }
    }

    /** GPU scheduling of the stages whose resources ask for GPUs (only when enabled). */
    public record Gpu(Boolean enabled, String resource, Map<String, String> nodeSelector,
                      List<Toleration> tolerations) {
        public Gpu {
            enabled = Objects.requireNonNullElse(enabled, false);
            resource = Objects.requireNonNullElse(resource, "nvidia.com/gpu");
            nodeSelector = Objects.requireNonNullElseGet(nodeSelector, Map::of);
            tolerations = Objects.requireNonNullElseGet(tolerations, List::of);
        }
    }

    /** A Kubernetes toleration ({@code operator} Equal or Exists). */
    public record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds) {
    }

    /** Stages that take a resources entry. */
    public static final List<String> STAGES = List.of("generate", "train-rnn", "train-mamba", "dissimilarity",
            "learning-dynamics", "attractors", "report");

    /**
     * Stages that compute on a GPU in the cuda image: train-rnn, whose RNN training runs as ND4J ops on the device
     * there ({@code org.repal.core.model.ComputePath}). The others compute on the CPU whatever the image (Mamba's
     * Java kernels, DSA's OpenBLAS/LAPACK, the task generator, the report), so a GPU for them would sit idle.
     */
    public static final Set<String> GPU_STAGES = Set.of("train-rnn");

    /** The stages this config's plan runs (each needs a resources entry). */
    public List<String> plannedStages() {
        List<String> out = new java.util.ArrayList<>(List.of("generate", "train-rnn"));
        if (mamba != null) {
            out.add("train-mamba");
        }
        if (dissimilarity != null) {
            out.add("dissimilarity");
        }
        if (learningDynamics != null) {
            out.add("learning-dynamics");
        }
        if (attractors != null) {
            out.add("attractors");
        }
        if (report != null) {
            out.add("report");
        }
        return out;
    }
}
