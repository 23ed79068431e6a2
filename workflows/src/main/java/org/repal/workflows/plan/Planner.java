package org.repal.workflows.plan;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.model.Activation;
import org.repal.core.model.InitType;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.task.TaskSet;
import org.repal.core.train.Curriculum;
import org.repal.core.train.TrainingConfig;
import org.repal.workflows.config.ConfigJson;
import org.repal.workflows.config.ExperimentConfig;

/**
 * Builds the plan of a config: {@code generate} → one {@code train-rnn} task per (group, chunk), and with a
 * Mamba grid one {@code train-mamba} task per (group, chunk), each training every N-th configuration of its grid
 * ({@code --chunk K/N}, the stage's own fan-out), so a paper-scale plan stays within {@link Plan#MAX_TASKS}; the
 * attractor bench, when configured, is one more task with no inputs (it simulates its own data), so it runs
 * beside the others; the analysis tasks follow training, and the report, when configured, comes last.
 */
public final class Planner {
    public static final String DATA = "data";
    public static final String MODELS = "models";
    public static final String DISSIMILARITY = "dissimilarity";
    public static final String LEARNING = "learning-dynamics";
    public static final String REPORT = "report";

    private Planner() {
    }

    public static Plan plan(ExperimentConfig c) {
        List<PlanTask> tasks = new ArrayList<>();
        PlanTask gen = generate(c);
        tasks.add(gen);
        List<String> rnnConfigs = modelNames(c.rnn());
        List<String> mambaConfigs = c.mamba() == null ? List.of() : mambaModelNames(c.mamba(), c.taskset());
        int architectures = c.mamba() == null ? 1 : 2;
        // The analysis tasks' count is reserved first, so that training takes what is left of the task limit.
        int reserved = dissimilarityTaskCount(c, rnnConfigs, mambaConfigs)
                + learningTaskCount(c, rnnConfigs, mambaConfigs) + (c.report() == null ? 0 : 1);
        List<List<String>> families = families(c);
        int rnnChunks = chunksPerGroup(c, families.size(), rnnConfigs.size(), architectures, reserved);
        int mambaChunks = chunksPerGroup(c, families.size(), mambaConfigs.size(), architectures, reserved);
        for (List<String> family : families) {
            for (int k = 0; k < rnnChunks; k++) {
                tasks.add(trainRnn(c, family, k, rnnChunks, rnnConfigs, gen.name()));
            }
            for (int k = 0; k < mambaChunks && c.mamba() != null; k++) {
                tasks.add(trainMamba(c, family, k, mambaChunks, mambaConfigs, gen.name()));
            }
        }
        List<PlanTask> training = List.copyOf(tasks);
        if (c.dissimilarity() != null) {
            tasks.addAll(dissimilarity(c, training, rnnConfigs, mambaConfigs));
        }
        if (c.learningDynamics() != null) {
            tasks.addAll(learningDynamics(c, training, rnnConfigs, mambaConfigs));
        }
        if (c.attractors() != null) {
            tasks.add(attractors(c));
        }
        if (c.report() != null) {
            tasks.add(report(c, tasks));
        }
        if (tasks.size() > Plan.MAX_TASKS) {
            throw new IllegalArgumentException("training.chunks_per_group: " + families.size() + " group families x ("
                    + rnnChunks + (c.mamba() == null ? "" : " + " + mambaChunks) + ") chunks + "
                    + (tasks.size() - families.size() * (rnnChunks + mambaChunks)) + " = " + tasks.size()
                    + " tasks, more than the limit of " + Plan.MAX_TASKS);
        }
        Plan plan = new Plan(c.name() == null ? "repal" : c.name(), tasks);
        return c.simulated() ? org.repal.workflows.simulate.SimulatedPlan.of(plan) : plan;
    }

    /**
     * The configured fan-out, else the largest that fits the task limit with the budget shared equally by the
     * architectures (never more chunks than configs).
     */
    static int chunksPerGroup(ExperimentConfig c, int families, int configs, int architectures, int reserved) {
        Integer fixed = c.training().chunksPerGroup();
        if (fixed != null) {
            return Math.min(fixed, configs);
        }
        int single = 1 + (c.attractors() == null ? 0 : 1) + reserved; // generate (+ attractors, analysis tasks)
        int fit = Math.max(1, (Plan.MAX_TASKS - single) / (families * architectures));
        return Math.min(configs, fit);
    }

    /**
     * The configured groups (canonical spelling, config order) in training families: groups with the same non-empty
     * pretraining rules train in one task, so the later ones adopt the first one's pretraining instead of computing
     * the same bytes again (pretrain_frozen and pretrain_unfrozen in PDM); every other group is a family of its own.
     */
    static List<List<String>> families(ExperimentConfig c) {
        TaskSet set = TaskSet.parse(c.taskset());
        java.util.Map<Object, List<String>> byPretraining = new java.util.LinkedHashMap<>();
        for (String named : c.groups()) {
            Curriculum g = Curriculum.parse(set, named);
            Object key = g.pretrain().isEmpty() ? g.name() : g.pretrain();
            byPretraining.computeIfAbsent(key, k -> new ArrayList<>()).add(g.name());
        }
        return List.copyOf(byPretraining.values());
    }

    private static PlanTask generate(ExperimentConfig c) {
        ExperimentConfig.Data d = c.data();
        List<String> args = List.of("generate", "--taskset", c.taskset(), "--train-size", d.trainSize().toString(),
                "--test-size", d.testSize().toString(), "--seq-len", d.seqLen().toString(), "--seed",
                c.seed().toString(), "--no-progress", "--out", Plan.STORE + "/" + DATA);
        return new PlanTask("generate", "generate", args, List.of(), List.of(), List.of(DATA + "/manifest.json"),
                c.resources().get("generate"));
    }

    private static PlanTask attractors(ExperimentConfig c) {
        String out = "attractors";
        List<String> args = new ArrayList<>(List.of("attractors", "--profile", c.attractors().scale(), "--seed",
                c.seed().toString()));
        if (!c.attractors().sweep()) {
            args.add("--no-sweep");
        }
        args.addAll(List.of("--out", Plan.STORE + "/" + out));
        return new PlanTask("attractors", "attractors", args, List.of(), List.of(),
                List.of(out + "/summary.json", out + "/manifest.json"), c.resources().get("attractors"));
    }

    /**
     * The report: after every other task, reading the outputs of the data, analysis and attractor tasks (the models
     * only through the analyses' outputs), writing {@code report/index.html} last. Its arguments carry the config
     * itself, which the report records (so a changed config rebuilds the report).
     */
    private static PlanTask report(ExperimentConfig c, List<PlanTask> before) {
        List<String> args = List.of(REPORT, "--run", Plan.STORE, "--seed", c.seed().toString(), "--min-models",
                c.report().minModels().toString(), "--alpha", c.report().alpha().toString(), "--config-json",
                ConfigJson.write(c));
        List<String> inputs = new ArrayList<>();
        for (PlanTask t : before) {
            if (!t.stage().startsWith("train-")) {
                inputs.addAll(t.outputs());
            }
        }
        return new PlanTask(REPORT, REPORT, args, before.stream().map(PlanTask::name).toList(), inputs,
                List.of(REPORT + "/index.html"), c.resources().get(REPORT));
    }

    private static PlanTask trainRnn(ExperimentConfig c, List<String> family, int k, int n, List<String> configs,
                                     String dep) {
        ExperimentConfig.RnnGrid g = c.rnn();
        List<String> args = new ArrayList<>(List.of("train-rnn", "--data", Plan.STORE + "/" + DATA, "--taskset",
                c.taskset(), "--group", String.join(",", family), "--rnn-type", String.join(",", g.rnnType()),
                "--activation", String.join(",", g.activation()), "--hidden", join(g.hidden()), "--lr", join(g.lr()),
                "--batch-size", join(g.batchSize()), "--init", String.join(",", g.init())));
        budget(c, args, c.training().epochs());
        return train(c, "train-rnn", args, family, k, n, configs, dep);
    }

    private static PlanTask trainMamba(ExperimentConfig c, List<String> family, int k, int n, List<String> configs,
                                       String dep) {
        ExperimentConfig.MambaGrid g = c.mamba();
        List<String> args = new ArrayList<>(List.of("train-mamba", "--data", Plan.STORE + "/" + DATA, "--taskset",
                c.taskset(), "--group", String.join(",", family), "--d-model", join(g.dModel()), "--n-layers",
                join(g.nLayers()), "--lr", join(g.lr()), "--batch-size", join(g.batchSize())));
        budget(c, args, c.training().mambaEpochsOrDefault());
        return train(c, "train-mamba", args, family, k, n, configs, dep);
    }

    /** Epochs per phase, the early-stopping target when configured, and the seed. */
    private static void budget(ExperimentConfig c, List<String> args, int epochs) {
        args.addAll(List.of("--epochs", Integer.toString(epochs)));
        if (c.training().targetAccuracy() != null) {
            args.addAll(List.of("--target-accuracy", c.training().targetAccuracy().toString()));
        }
        args.addAll(List.of("--seed", c.seed().toString()));
    }

    /** One training task: the stage's options, then its chunk and output; outputs are its chunk's models. */
    private static PlanTask train(ExperimentConfig c, String stage, List<String> args, List<String> family, int k,
                                  int n, List<String> configs, String dep) {
        if (n > 1) {
            args.addAll(List.of("--chunk", k + "/" + n));
        }
        args.addAll(List.of("--no-progress", "--out", Plan.STORE + "/" + MODELS));
        List<String> outputs = new ArrayList<>();
        for (String group : family) {
            for (int i = k; i < configs.size(); i += n) {
                String prefix = MODELS + "/" + group + "/" + configs.get(i) + "/";
                outputs.add(prefix + "final.npz");
                outputs.add(prefix + "log.json");
            }
        }
        String name = stage + "-" + String.join("-", family).replace('_', '-') + (n > 1 ? "-" + k : "");
        return new PlanTask(name, stage, args, List.of(dep), List.of(DATA + "/manifest.json"), outputs,
                c.resources().get(stage));
    }

    private static int learningTaskCount(ExperimentConfig c, List<String> rnn, List<String> mamba) {
        if (c.learningDynamics() == null) {
            return 0;
        }
        int per = c.learningDynamics().configsPerTask();
        return (rnn.size() + per - 1) / per + (mamba.size() + per - 1) / per;
    }

    /**
     * The learning-dynamics tasks: {@code configs_per_task} configs a task, each after all training of its
     * architecture, writing {@code learning-dynamics/<arch>-<k>/}. Their cache keys cover each config's final weights
     * and log in every group (the log changes whenever the checkpoints do).
     */
    private static List<PlanTask> learningDynamics(ExperimentConfig c, List<PlanTask> planned, List<String> rnn,
                                                   List<String> mamba) {
        List<PlanTask> out = new ArrayList<>();
        int per = c.learningDynamics().configsPerTask();
        addChunks(c, out, LEARNING, "rnn", rnn, per, trainingOf(planned, "train-rnn"));
        addChunks(c, out, LEARNING, "mamba", mamba, per, trainingOf(planned, "train-mamba"));
        return out;
    }

    private static List<String> trainingOf(List<PlanTask> planned, String stage) {
        return planned.stream().filter(t -> t.stage().equals(stage)).map(PlanTask::name).toList();
    }

    private static int dissimilarityTaskCount(ExperimentConfig c, List<String> rnn, List<String> mamba) {
        if (c.dissimilarity() == null) {
            return 0;
        }
        int per = c.dissimilarity().configsPerTask();
        int cross = c.dissimilarity().rnnVsMamba() == null ? 0 : modelNames(crossRnn(c)).size();
        return (rnn.size() + per - 1) / per + (mamba.size() + per - 1) / per + cross;
    }

    /**
     * The dissimilarity tasks: every config's group matrices, {@code configs_per_task} configs a task, each after
     * all training of its architecture; with {@code rnn_vs_mamba} one task per RNN config of the sub-grid against
     * every Mamba config of it. Each task writes its own folder {@code dissimilarity/<part>/}.
     */
    private static List<PlanTask> dissimilarity(ExperimentConfig c, List<PlanTask> planned, List<String> rnn,
                                                List<String> mamba) {
        List<PlanTask> out = new ArrayList<>();
        int per = c.dissimilarity().configsPerTask();
        addChunks(c, out, DISSIMILARITY, "rnn", rnn, per, trainingOf(planned, "train-rnn"));
        addChunks(c, out, DISSIMILARITY, "mamba", mamba, per, trainingOf(planned, "train-mamba"));
        if (c.dissimilarity().rnnVsMamba() != null) {
            List<String> crossR = modelNames(crossRnn(c));
            List<String> crossM = mambaModelNames(crossMamba(c), c.taskset());
            List<String> both = planned.stream().filter(t -> t.stage().startsWith("train-")).map(PlanTask::name)
                    .toList(); // in plan order, as the Workflow lists them
            for (int i = 0; i < crossR.size(); i++) {
                List<String> configs = new ArrayList<>(List.of(crossR.get(i)));
                configs.addAll(crossM);
                String part = "cross" + (crossR.size() > 1 ? "-" + i : "");
                out.add(analysisTask(c, DISSIMILARITY, part, configs, true, both));
            }
        }
        return out;
    }

    private static void addChunks(ExperimentConfig c, List<PlanTask> out, String stage, String arch,
                                  List<String> configs, int per, List<String> training) {
        int chunks = (configs.size() + per - 1) / per;
        for (int k = 0; k < chunks; k++) {
            List<String> part = configs.subList(k * per, Math.min(configs.size(), (k + 1) * per));
            String suffix = arch + (chunks > 1 ? "-" + k : "");
            out.add(analysisTask(c, stage, suffix, part, false, training));
        }
    }

    /** One analysis task ({@code stage} = dissimilarity or learning-dynamics) over some configs' models. */
    private static PlanTask analysisTask(ExperimentConfig c, String stage, String part, List<String> configs,
                                         boolean cross, List<String> dependsOn) {
        String out = stage + "/" + part;
        List<String> args = new ArrayList<>(List.of(stage, "--data", Plan.STORE + "/" + DATA, "--models",
                Plan.STORE + "/" + MODELS, "--configs", String.join(",", configs)));
        if (cross) {
            args.addAll(List.of("--rnn-vs-mamba", "--no-group-matrices"));
        }
        args.addAll(List.of("--n-delays", c.dsa().nDelays().toString(), "--delay-interval",
                c.dsa().delayInterval().toString(), "--rank", c.dsa().rank().toString(), "--no-progress", "--out",
                Plan.STORE + "/" + out));
        List<String> inputs = new ArrayList<>(List.of(DATA + "/manifest.json"));
        for (String named : c.groups()) {
            String group = Curriculum.parse(TaskSet.parse(c.taskset()), named).name();
            for (String config : configs) {
                inputs.add(MODELS + "/" + group + "/" + config + "/final.npz");
                inputs.add(MODELS + "/" + group + "/" + config + "/log.json");
            }
        }
        List<String> tables = stage.equals(LEARNING) ? List.of("over_learning.csv", "within_learning.csv")
                : List.of("dissimilarity.csv");
        List<String> outputs = new ArrayList<>();
        tables.forEach(t -> outputs.add(out + "/" + t));
        outputs.add(out + "/summary.json");
        outputs.add(out + "/manifest.json");
        return new PlanTask(stage + "-" + part, stage, args, dependsOn, inputs, outputs, c.resources().get(stage));
    }

    /** The RNN sub-grid of rnn_vs_mamba: each missing list keeps the grid's. */
    private static ExperimentConfig.RnnGrid crossRnn(ExperimentConfig c) {
        ExperimentConfig.RnnGrid g = c.rnn();
        ExperimentConfig.RnnGrid s = c.dissimilarity().rnnVsMamba().rnn();
        if (s == null) {
            return g;
        }
        return new ExperimentConfig.RnnGrid(or(s.rnnType(), g.rnnType()), or(s.activation(), g.activation()),
                or(s.hidden(), g.hidden()), or(s.lr(), g.lr()), or(s.batchSize(), g.batchSize()), or(s.init(), g.init()));
    }

    private static ExperimentConfig.MambaGrid crossMamba(ExperimentConfig c) {
        ExperimentConfig.MambaGrid g = c.mamba();
        ExperimentConfig.MambaGrid s = c.dissimilarity().rnnVsMamba().mamba();
        if (s == null) {
            return g;
        }
        return new ExperimentConfig.MambaGrid(or(s.dModel(), g.dModel()), or(s.nLayers(), g.nLayers()),
                or(s.lr(), g.lr()), or(s.batchSize(), g.batchSize()));
    }

    private static <T> List<T> or(List<T> narrowed, List<T> grid) {
        return narrowed == null ? grid : narrowed;
    }

    /** Model folder names of the Mamba grid in the stage's nesting order (d_model, n_layers, lr, batch). */
    public static List<String> mambaModelNames(ExperimentConfig.MambaGrid g, String taskset) {
        TaskSet set = TaskSet.parse(taskset);
        List<String> out = new ArrayList<>();
        for (int d : g.dModel()) {
            for (int l : g.nLayers()) {
                MambaConfig m = new MambaConfig(set.inputs(), d, l, set.outputs());
                for (double lr : g.lr()) {
                    for (int b : g.batchSize()) {
                        out.add(TrainingConfig.reference(m, lr, b).modelName());
                    }
                }
            }
        }
        return out;
    }

    /** Model folder names of the grid in the stage's nesting order (rnn_type, activation, hidden, lr, batch, init). */
    public static List<String> modelNames(ExperimentConfig.RnnGrid g) {
        List<String> out = new ArrayList<>();
        for (String t : g.rnnType()) {
            for (String a : g.activation()) {
                for (int h : g.hidden()) {
                    for (double lr : g.lr()) {
                        for (int b : g.batchSize()) {
                            for (String i : g.init()) {
                                RnnConfig m = RnnConfig.of(RnnType.parse(t), Activation.parse(a), h)
                                        .withInit(InitType.parse(i));
                                out.add(TrainingConfig.reference(m, lr, b).modelName());
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String join(List<?> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
