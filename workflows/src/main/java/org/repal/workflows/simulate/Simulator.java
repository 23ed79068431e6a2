package org.repal.workflows.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.ModelConfig;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Npz;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;
import org.repal.core.train.Curriculum;
import org.repal.core.train.CurriculumRun;
import org.repal.workflows.local.TaskRunner;
import org.repal.workflows.plan.PlanTask;
import org.repal.workflows.plan.TaskArgs;
import org.repal.workflows.plan.ModelGrid;
import org.repal.workflows.plan.Planner;

/**
 * Stub compute for a simulated run ({@link SimulatedPlan}): writes what a plan task's stage would write — the same
 * keys and names, manifests and markers, arrays of the real shapes where they are cheap and small ones where not —
 * without training or fitting. The one place that knows the stub outputs; the stages themselves are not involved.
 * <ul>
 *   <li>generate: the real generator at {@value #TRAIN_SAMPLES} training and {@value #TEST_SAMPLES} test samples per
 *       task (the manifest records the planned sizes under {@code simulated});</li>
 *   <li>train-rnn, train-mamba: per model of the task's chunk and group, {@code run.json}, {@code log.json} (a
 *       complete log, one entry per planned epoch and phase), {@code pretrain.npz} for pretraining groups and
 *       {@code final.npz} (the real state_dict names and shapes, zero weights, deflated); no checkpoints (their volume is in
 *       {@code repal plan});</li>
 *   <li>dissimilarity, learning-dynamics, attractors: every matrix, series, CSV row, summary and manifest the stage
 *       writes, at the real shapes, with stand-in values ({@link StubValues}); activity recordings only for the
 *       dissimilarity stage's final weights (4 trials × 20 steps × 8 units, what the report's trajectory figure reads).</li>
 * </ul>
 * The report task is not simulated.
 */
public final class Simulator {
    static final int TRAIN_SAMPLES = 10;
    static final int TEST_SAMPLES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Simulator() {
    }

    /**
     * Writes the outputs of {@code task} (the real plan task) into {@code store} (the run's root).
     *
     * @param realStage runs a real stage command line (for generate at its reduced size)
     * @return what was written, for the command's summary line
     */
    public static ObjectNode run(PlanTask task, ArtifactStore store, TaskRunner.Stage realStage) {
        String root = store.location();
        TaskArgs a = new TaskArgs(task.argsFor(root));
        ObjectNode line = JSON.createObjectNode().put("task", task.name()).put("stage", task.stage())
                .put("simulated", true);
        switch (task.stage()) {
            case "generate" -> generate(a, store, realStage);
            case "train-rnn", "train-mamba" -> line.put("models", train(task, a, store));
            case Planner.DISSIMILARITY, Planner.LEARNING -> SimulatedAnalyses.write(task, a, store);
            case "attractors" -> SimulatedAnalyses.attractors(a, store);
            default -> throw new IllegalArgumentException("simulate: no stub for stage " + task.stage());
        }
        for (String key : task.outputs()) {
            if (!store.exists(key)) {
                throw new IllegalStateException("simulate: " + task.name() + " did not write its output " + key);
            }
        }
        return line;
    }

    private static void generate(TaskArgs a, ArtifactStore store, TaskRunner.Stage realStage) {
        String train = a.value("--train-size");
        String test = a.value("--test-size");
        TaskArgs small = a.with("--train-size", Integer.toString(Math.min(Integer.parseInt(train), TRAIN_SAMPLES)))
                .with("--test-size", Integer.toString(Math.min(Integer.parseInt(test), TEST_SAMPLES)));
        int exit = realStage.run(small.args());
        if (exit != 0) {
            throw new IllegalStateException("simulate: generate at reduced size exited " + exit);
        }
        String key = Planner.DATA + "/manifest.json";
        try {
            ObjectNode m = (ObjectNode) JSON.readTree(store.get(key));
            m.putObject("simulated").put("train_size", Integer.parseInt(train)).put("test_size", Integer.parseInt(test))
                    .put("note", "repal run --simulate: the real generator at " + TRAIN_SAMPLES + "/" + TEST_SAMPLES
                            + " samples per task");
            store.put(key, (m.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("simulate: " + key + ": " + e.getMessage(), e);
        }
    }

    /** The models of one training task's chunk in every group of its family; returns how many. */
    private static int train(PlanTask task, TaskArgs a, ArtifactStore store) {
        TaskSet set = TaskSet.parse(a.value("--taskset"));
        Map<String, ModelConfig> grid = ModelGrid.of(task.stage(), a);
        List<String> names = new ArrayList<>(grid.keySet());
        String[] chunk = a.value("--chunk", "0/1").split("/");
        int k = Integer.parseInt(chunk[0]);
        int n = Integer.parseInt(chunk[1]);
        int epochs = Integer.parseInt(a.value("--epochs"));
        String models = Planner.MODELS + "/";
        int count = 0;
        for (String named : a.list("--group")) {
            Curriculum g = Curriculum.parse(set, named);
            for (int i = k; i < names.size(); i += n) {
                String prefix = models + g.name() + "/" + names.get(i) + "/";
                ModelConfig m = grid.get(names.get(i));
                Map<String, NpyArray> weights = m.zeros(DataType.FLOAT).toArrays();
                // Deflated: zero weights at the real shapes cost almost no disk (np.load reads either kind).
                byte[] npz = Npz.toBytes(weights, true);
                ObjectNode run = JSON.createObjectNode().put("simulated", true).put("group", g.name())
                        .put("model", names.get(i)).put("seed", Long.parseLong(a.value("--seed")));
                m.describe(run);
                store.putJson(prefix + CurriculumRun.RUN, run);
                if (!g.pretrain().isEmpty()) {
                    store.put(prefix + CurriculumRun.PRETRAIN, npz);
                }
                store.putJson(prefix + CurriculumRun.LOG, log(run, set, g, epochs, prefix));
                store.put(prefix + CurriculumRun.FINAL, npz);
                count++;
            }
        }
        return count;
    }

    /** A complete training log: every planned epoch of every phase, with stand-in losses and accuracies. */
    private static ObjectNode log(ObjectNode settings, TaskSet set, Curriculum g, int epochs, String prefix) {
        ObjectNode o = settings.deepCopy();
        o.put("epochs_per_phase", epochs);
        o.put("status", "complete");
        ArrayNode list = o.putArray("epochs");
        List<String> phases = new ArrayList<>();
        if (!g.pretrain().isEmpty()) {
            phases.add("pretrain");
        }
        if (!g.isUntrained()) {
            phases.add("train");
        }
        for (String phase : phases) {
            for (int e = 1; e <= epochs; e++) {
                ObjectNode r = list.addObject().put("phase", phase).put("epoch", e)
                        .put("loss", StubValues.uniform(prefix + phase + e, 0.1, 1.0));
                ObjectNode acc = r.putObject("accuracy");
                ObjectNode val = r.putObject("val_loss");
                for (Task t : set.tasks()) {
                    acc.put(t.displayName(), StubValues.uniform(prefix + phase + e + t, 0.3, 0.9));
                    val.put(t.displayName(), StubValues.uniform(prefix + phase + e + t + "val", 0.1, 1.0));
                }
            }
        }
        return o;
    }

    /** The key of a location under the store root. */
    static String keyOf(ArtifactStore store, String location) {
        String root = store.location().endsWith("/") ? store.location() : store.location() + "/";
        if (!location.startsWith(root)) {
            throw new IllegalArgumentException("simulate: " + location + " is not under the store " + root);
        }
        return location.substring(root.length());
    }

    static JsonNode json(ArtifactStore store, String key) {
        try {
            return JSON.readTree(store.get(key));
        } catch (IOException e) {
            throw new IllegalArgumentException(store.location() + "/" + key + ": " + e.getMessage(), e);
        }
    }
}
