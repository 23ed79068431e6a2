package org.repal.workflows.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.model.ModelConfig;
import org.repal.core.model.ModelParameters;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.store.NpyArray;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TimingTable;
import org.repal.core.train.Curriculum;
import org.repal.workflows.config.ExperimentConfig;

/**
 * What a plan will cost, per stage and in total, computed from the shapes its config implies: the bytes each task
 * writes (datasets, every checkpoint and final weights per model, activity recordings, matrices, tables) and the
 * core-seconds of its compute, from the measured per-unit costs of {@link UnitCosts}. CPU-hours are the work of
 * every task; GPU-hours the wall time (work ÷ requested cores) of the tasks whose resources ask for GPUs, times
 * their GPUs — estimated from CPU throughput, as no GPU was measured. Training with a target accuracy is
 * counted at its epoch cap (an upper bound).
 */
public final class PlanEstimate {
    /** One stage's tasks: how many, the bytes they write, their work. */
    public record Stage(String stage, int tasks, long bytes, double cpuHours, double gpuHours) {
    }

    /** One task's estimate. */
    public record TaskCost(String task, String stage, long bytes, double coreSeconds, double gpuHours) {
    }

    private static final int NPY_HEADER = 128;
    /**
     * Per zip entry of an uncompressed .npz besides its name (twice): local header 30, central header 46, data
     * descriptor 16 and 2 (checked against the quick run's final.npz to the byte).
     */
    private static final int ZIP_ENTRY = 94;
    private static final int ZIP_END = 22;

    private final ExperimentConfig c;
    private final TaskSet set;
    private final Map<String, ModelParameters> weights = new HashMap<>();

    private PlanEstimate(ExperimentConfig c) {
        this.c = c;
        this.set = TaskSet.parse(c.taskset());
    }

    /** Every task's estimate, in plan order. */
    public static List<TaskCost> tasks(ExperimentConfig c, Plan plan) {
        PlanEstimate e = new PlanEstimate(c);
        List<TaskCost> out = new ArrayList<>();
        for (PlanTask t : plan.tasks()) {
            out.add(e.task(t));
        }
        return out;
    }

    /** Per stage, in plan order of first appearance. */
    public static List<Stage> byStage(List<TaskCost> tasks) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (TaskCost t : tasks) {
            double[] a = acc.computeIfAbsent(t.stage(), s -> new double[4]);
            a[0]++;
            a[1] += t.bytes();
            a[2] += t.coreSeconds() / 3600;
            a[3] += t.gpuHours();
        }
        List<Stage> out = new ArrayList<>();
        acc.forEach((s, a) -> out.add(new Stage(s, (int) a[0], (long) a[1], a[2], a[3])));
        return out;
    }

    private TaskCost task(PlanTask t) {
        TaskArgs a = new TaskArgs(t.args());
        double[] cost = switch (t.stage()) { // {bytes, core-seconds}
            case "generate" -> generate(a);
            case "train-rnn", "train-mamba" -> train(t, a);
            case Planner.DISSIMILARITY -> dissimilarity(t, a);
            case Planner.LEARNING -> learning(t, a);
            case "attractors" -> new double[] {UnitCosts.get("attractors_bytes") + (a.has("--no-sweep") ? 0 : 1000),
                    UnitCosts.get(a.value("--profile").equals("paper") ? "attractors_paper_s" : "attractors_quick_s")};
            case Planner.REPORT -> new double[] {UnitCosts.get("report_bytes") + UnitCosts.get("report_bytes_per_config")
                    * (c.rnn().size() + (c.mamba() == null ? 0 : c.mamba().size())), UnitCosts.get("report_s")
                    + UnitCosts.get("report_s_per_row") * reportRows()};
            default -> new double[] {0, 0};
        };
        ExperimentConfig.Resources r = t.resources();
        double gpu = r == null || r.gpu() == null || r.gpu() == 0 ? 0
                : cost[1] / Math.max(1, r.cpu() == null ? 1 : r.cpu()) / 3600 * r.gpu();
        return new TaskCost(t.name(), t.stage(), Math.round(cost[0]), cost[1], gpu);
    }

    // ---- shapes → bytes

    private static long npy(long elements, int itemSize) {
        return NPY_HEADER + elements * itemSize;
    }

    /** An uncompressed .npz of these arrays (as {@code ArtifactStore.putNpz} writes it). */
    static long npz(Map<String, NpyArray> arrays) {
        long n = ZIP_END;
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            long elements = 1;
            for (int d : e.getValue().shape()) {
                elements *= d;
            }
            n += ZIP_ENTRY + 2L * (e.getKey().length() + 4) + npy(elements, e.getValue().dtype().itemSize());
        }
        return n;
    }

    private ModelParameters weights(String name, ModelConfig m) {
        return weights.computeIfAbsent(name, k -> m.zeros(DataType.FLOAT));
    }

    private static long parameters(Map<String, NpyArray> w) {
        long p = 0;
        for (NpyArray a : w.values()) {
            long e = 1;
            for (int d : a.shape()) {
                e *= d;
            }
            p += e;
        }
        return p;
    }

    // ---- stages

    private double[] generate(TaskArgs a) {
        int n = Integer.parseInt(a.value("--train-size"));
        int m = Integer.parseInt(a.value("--test-size"));
        int steps = Integer.parseInt(a.value("--seq-len"));
        double bytes = 0;
        double sampleSteps = 0;
        for (Task task : set.tasks()) {
            int test = (task.hasDelay() ? TimingTable.WITH_DELAY_TESTING : TimingTable.WITHOUT_DELAY_TESTING)
                    .maxSteps((int) RnnConfig.DT_MS);
            // inputs float32 (·, ·, inputs), targets int8, masks bool
            bytes += npy((long) n * steps * set.inputs(), 4) + 2 * npy((long) n * steps, 1);
            bytes += npy((long) m * test * set.inputs(), 4) + 2 * npy((long) m * test, 1);
            bytes += n * UnitCosts.get("trials_json_train_bytes") + m * UnitCosts.get("trials_json_test_bytes");
            sampleSteps += (double) n * steps + (double) m * test;
        }
        bytes += 1000 + set.tasks().size() * 8 * UnitCosts.get("json_entry_bytes"); // manifest
        return new double[] {bytes, UnitCosts.get("generate_s_per_mstep") * sampleSteps / 1e6
                * UnitCosts.get("bench_cores")};
    }

    /** Wall seconds per training sequence of {@code steps} steps on the bench's cores. */
    private static double secondsPerSequence(ModelConfig m, int steps) {
        double perSeq;
        if (m instanceof RnnConfig r) {
            double macs = (double) r.gateRows() * (r.inputs() + r.hidden()) + (double) r.outputs() * r.hidden();
            perSeq = UnitCosts.get("rnn_seq_s_a") + UnitCosts.get("rnn_seq_s_b") * macs;
        } else {
            MambaConfig mc = (MambaConfig) m;
            perSeq = UnitCosts.get("mamba_seq_s_a") + UnitCosts.get("mamba_seq_s_b") * mc.layers() * mc.dModel();
        }
        return perSeq * steps / 400.0;
    }

    private double[] train(PlanTask t, TaskArgs a) {
        Map<String, ModelConfig> grid = ModelGrid.of(t.stage(), a);
        List<String> names = new ArrayList<>(grid.keySet());
        String[] chunk = a.value("--chunk", "0/1").split("/");
        int k = Integer.parseInt(chunk[0]);
        int n = Integer.parseInt(chunk[1]);
        int epochs = Integer.parseInt(a.value("--epochs"));
        int size = c.data().trainSize();
        int validation = (int) Math.floor(UnitCosts.get("validation_fraction") * size);
        int steps = c.data().seqLen();
        double bytes = 0;
        double seconds = 0;
        boolean familyPretrained = false;
        for (String named : a.list("--group")) {
            Curriculum g = Curriculum.parse(set, named);
            List<List<Task>> phases = new ArrayList<>();
            if (!g.pretrain().isEmpty()) {
                phases.add(g.pretrain());
            }
            if (!g.isUntrained()) {
                phases.add(g.train());
            }
            for (int i = k; i < names.size(); i += n) {
                ModelConfig m = grid.get(names.get(i));
                ModelParameters params = weights(names.get(i), m);
                Map<String, NpyArray> w = params.toArrays();
                long p = parameters(w);
                bytes += npz(w) + UnitCosts.get("run_json_bytes"); // final.npz, run.json
                if (!g.pretrain().isEmpty()) {
                    bytes += npz(w);
                }
                double entries = 0; // bytes of the log's epoch entries so far
                for (int ph = 0; ph < phases.size(); ph++) {
                    List<Task> tasks = phases.get(ph);
                    double entry = UnitCosts.get("log_entry_bytes") + UnitCosts.get("log_task_bytes") * tasks.size();
                    // Adam's moments cover the trained tensors: only the frozen prefix (W_ih) in a frozen train phase
                    boolean frozen = g.frozen() && tasks.equals(g.train()) && ph == phases.size() - 1;
                    long adam = frozen ? params.frozenCount() : p;
                    long checkpoint = npz(w) + 2 * (ZIP_ENTRY + 2 * ("adam.m".length() + 4) + npy(adam, 4))
                            + ZIP_ENTRY + 2 * ("adam.step".length() + 4) + npy(1, 8);
                    for (int e = 0; e < epochs; e++) {
                        entries += entry;
                        // the checkpoint and its .json, which holds the log so far
                        bytes += checkpoint + UnitCosts.get("checkpoint_json_bytes") + entries;
                    }
                    boolean adopted = ph == 0 && !g.pretrain().isEmpty() && familyPretrained;
                    if (!adopted) {
                        double trained = (double) (size - validation) * tasks.size();
                        double evaluated = (double) validation * tasks.size() * UnitCosts.get("eval_fraction");
                        seconds += epochs * (trained + evaluated) * secondsPerSequence(m, steps);
                    }
                }
                bytes += UnitCosts.get("log_settings_bytes") + entries;
            }
            familyPretrained |= !g.pretrain().isEmpty();
        }
        return new double[] {bytes, seconds * UnitCosts.get("bench_cores")};
    }

    private int trials() {
        return Math.min((int) UnitCosts.get("analysis_trials"), c.data().testSize());
    }

    /** One activity recording (.npy float64 trials × window × units, and its .json). */
    private long recordingBytes(String config) {
        return npy((long) trials() * (long) UnitCosts.get("analysis_window_steps") * units(config), 8)
                + (long) UnitCosts.get("activity_json_bytes");
    }

    /** Core-seconds of recording one model's activity: a forward pass over the analysis trials. */
    private double recordingSeconds(String config) {
        return trials() * UnitCosts.get("eval_fraction") * secondsPerSequence(model(config), 350)
                * UnitCosts.get("bench_cores");
    }

    private final Map<String, ModelConfig> models = new HashMap<>();

    private ModelConfig model(String config) {
        if (models.isEmpty()) {
            for (var e : rnnConfigs().entrySet()) {
                models.put(e.getKey(), e.getValue());
            }
            if (c.mamba() != null) {
                for (int d : c.mamba().dModel()) {
                    for (int l : c.mamba().nLayers()) {
                        MambaConfig m = new MambaConfig(set.inputs(), d, l, set.outputs());
                        for (double lr : c.mamba().lr()) {
                            for (int b : c.mamba().batchSize()) {
                                models.put(org.repal.core.train.TrainingConfig.reference(m, lr, b).modelName(), m);
                            }
                        }
                    }
                }
            }
        }
        ModelConfig m = models.get(config);
        if (m == null) {
            throw new IllegalArgumentException("plan: no model config " + config + " in the grids");
        }
        return m;
    }

    private Map<String, ModelConfig> rnnConfigs() {
        ExperimentConfig.RnnGrid g = c.rnn();
        return ModelGrid.rnn(new TaskArgs(List.of("--rnn-type", String.join(",", g.rnnType()), "--activation",
                String.join(",", g.activation()), "--hidden", join(g.hidden()), "--lr", join(g.lr()), "--batch-size",
                join(g.batchSize()), "--init", String.join(",", g.init()))));
    }

    private static String join(List<?> v) {
        return String.join(",", v.stream().map(String::valueOf).toList());
    }

    /** Recorded units: the RNN's hidden state, Mamba's layer-0 SSM state (inner × state). */
    private long units(String config) {
        ModelConfig m = model(config);
        return m instanceof RnnConfig r ? r.hidden() : (long) ((MambaConfig) m).inner() * ((MambaConfig) m).state();
    }

    private List<String> analysisGroups() {
        List<String> present = new ArrayList<>();
        for (String named : c.groups()) {
            present.add(Curriculum.parse(set, named).name());
        }
        return AnalysisGroups.ORDER.stream().filter(present::contains).toList();
    }

    private static long csvRow(String config1, String config2) {
        // arch,config,group ×2, metric, value, accuracy ×2: names plus ~3 × 19 digits and separators
        return 2L * 5 + config1.length() + config2.length() + 2L * 17 + 4 + 3L * 20 + 9;
    }

    private double[] dissimilarity(PlanTask t, TaskArgs a) {
        List<String> configs = a.list("--configs");
        List<String> groups = analysisGroups();
        int g = groups.size();
        double bytes = 2500; // summary.json
        double seconds = 0;
        long files = 0;
        long recordings = 0;
        boolean cross = a.has("--rnn-vs-mamba");
        if (!cross) {
            for (String config : configs) {
                bytes += 3 * npy(100, 8) + npy(10, 8) + (long) g * (g - 1) / 2 * 3 * csvRow(config, config);
                bytes += g * recordingBytes(config);
                files += 4;
                recordings += g;
                seconds += g * recordingSeconds(config) + g * UnitCosts.get("prepare_s")
                        + (double) g * (g - 1) / 2 * UnitCosts.get("comparison_s");
            }
        } else {
            String rnn = configs.get(0);
            List<String> mamba = configs.subList(1, configs.size());
            for (String config : configs) {
                bytes += g * recordingBytes(config);
                recordings += g;
                seconds += g * recordingSeconds(config) + g * UnitCosts.get("prepare_s");
            }
            for (String m : mamba) {
                bytes += 3 * npy(100, 8) + (long) g * g * 3 * csvRow(rnn, m);
                files += 3;
                seconds += (double) g * g * UnitCosts.get("comparison_s");
            }
        }
        bytes += 100 + (files + 2 + 2 * recordings) * UnitCosts.get("json_entry_bytes"); // manifest.json
        return new double[] {bytes, seconds};
    }

    private double[] learning(PlanTask t, TaskArgs a) {
        List<String> configs = a.list("--configs");
        List<String> groups = analysisGroups();
        int epochs = c.training().epochs();
        double bytes = 2500;
        double seconds = 0;
        long files = 0;
        long recordings = 0;
        double pair = UnitCosts.get("comparison_s") + 2 * UnitCosts.get("prepare_s");
        for (String config : configs) {
            int e = config.startsWith("mamba_") ? c.training().mambaEpochsOrDefault() : epochs;
            for (String group : groups) {
                Curriculum cur = Curriculum.parse(set, group);
                // snapshots: step 0 (initial or pretrained) and every train checkpoint; untrained: its one
                int snapshots = cur.isUntrained() ? 1 : 1 + e;
                bytes += snapshots * recordingBytes(config);
                recordings += snapshots;
                seconds += snapshots * recordingSeconds(config);
                if (!cur.isUntrained() && groups.contains("master")) {
                    bytes += 6 * npy(e + 1, 8) + (e + 1) * 3L * (csvRow(config, "") + 10);
                    files += 6;
                    seconds += (e + 1) * pair;
                }
                if (List.of("pretrain_frozen", "pretrain_unfrozen", "master", "untrained").contains(group)) {
                    bytes += 3 * npy(16, 8) + npy(4, 8) + 10 * 3L * (csvRow(config, "") + 4);
                    files += 4;
                    seconds += withinPairs(cur.isUntrained() ? 1 : (cur.pretrain().isEmpty() ? 0 : 1) + e) * pair;
                }
            }
        }
        bytes += 100 + (files + 4 + 2 * recordings) * UnitCosts.get("json_entry_bytes");
        return new double[] {bytes, seconds};
    }

    /** Comparisons of the 4 × 4 quartile-bin matrix of {@code s} snapshots (the stage's rule, see the README). */
    static long withinPairs(int s) {
        if (s <= 1) {
            return 0; // one snapshot in every bin: a snapshot with itself is 0, not computed
        }
        int[] bounds = new int[5];
        for (int q = 0; q <= 4; q++) {
            bounds[q] = q * 25 * s / 100;
        }
        long pairs = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = i; j < 4; j++) {
                int k = Math.max(1, Math.min(bounds[i + 1] - bounds[i], bounds[j + 1] - bounds[j]));
                pairs += (long) k * (k + 1) / 2 - (i == j ? k : 0);
            }
        }
        return pairs;
    }

    /** Tidy CSV rows the report reads (dissimilarity and over-learning), for its estimate. */
    private double reportRows() {
        int g = analysisGroups().size();
        int rnn = c.rnn().size();
        int mamba = c.mamba() == null ? 0 : c.mamba().size();
        double rows = 0;
        if (c.dissimilarity() != null) {
            rows += (rnn + mamba) * g * (g - 1) / 2.0 * 3;
        }
        if (c.learningDynamics() != null) {
            rows += (rnn + mamba) * (g - 1) * (c.training().epochs() + 1) * 3.0;
        }
        return rows;
    }
}
