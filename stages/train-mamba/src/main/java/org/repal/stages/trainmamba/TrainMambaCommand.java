package org.repal.stages.trainmamba;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.LossMode;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.ArtifactStores;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;
import org.repal.core.train.CurriculumRun;
import org.repal.core.train.TaskDataset;
import org.repal.core.train.TrainProgress;
import org.repal.core.train.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repal train-mamba} (stage 3): trains one (group, config) or the product of comma-separated option
 * lists, reading the datasets of {@code repal generate} and writing {@code LOCATION/<GROUP>/<model-name>/}
 * (final.npz, checkpoints/, log.json, run.json, pretrain.npz). Finished runs are skipped and interrupted ones
 * resume. Prints one JSON summary line; progress goes to stderr.
 */
@Command(name = "train-mamba", mixinStandardHelpOptions = true,
        description = {"Trains Mamba networks under a group's curriculum (pretraining, then the "
                + "anti-delay task).", "Writes LOCATION/<GROUP>/<model-name>/{final.npz,checkpoints/,log.json}; "
                + "prints one JSON line. Comma-separated lists train every combination."})
public final class TrainMambaCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "Dataset of repal generate: folder or s3://bucket/prefix.")
    String data;

    @Option(names = "--taskset", required = true, paramLabel = "PDM|GoNogo") String taskSet;

    @Option(names = "--group", required = true, split = ",", paramLabel = "GROUP",
            description = "Group(s), e.g. master, pretrain_frozen, untrained.")
    List<String> groups;

    @Option(names = "--d-model", required = true, split = ",", paramLabel = "D",
            description = "Width of the residual stream (reference: 8, 16).")
    List<Integer> dModels;

    @Option(names = "--n-layers", required = true, split = ",", paramLabel = "L",
            description = "Residual Mamba blocks (reference: 1, 2).")
    List<Integer> layers;

    @Option(names = "--lr", required = true, split = ",", paramLabel = "X") List<Double> lrs;

    @Option(names = "--batch-size", required = true, split = ",", paramLabel = "B") List<Integer> batchSizes;

    @Option(names = "--epochs", defaultValue = "50", description = "Epochs per phase (default 50).") int epochs;

    @Option(names = "--seed", defaultValue = "0") long seed;

    @Option(names = "--loss", defaultValue = "all", paramLabel = "all|decision",
            description = "Cross-entropy over all steps (reference, default) or the decision steps only.")
    String loss;

    @Option(names = "--target-accuracy", paramLabel = "A",
            description = "Stop a phase once every task's validation accuracy exceeds A (default: never).")
    Double target;

    @Option(names = "--chunk", paramLabel = "K/N", description = "Only runs K, K+N, K+2N, … of the product.")
    String chunk;

    @Option(names = "--out", required = true, paramLabel = "LOCATION", description = "Folder or s3://bucket/prefix.")
    String out;

    @Option(names = "--no-progress", description = "Do not report progress on stderr.") boolean noProgress;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public TrainMambaCommand() {
        this(System.getenv());
    }

    /** With an explicit environment for the S3 settings (tests). */
    public TrainMambaCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        TaskSet set = parse("--taskset", () -> TaskSet.parse(taskSet));
        LossMode mode = parse("--loss", () -> LossMode.parse(loss));
        MambaRunPlan plan = MambaRunPlan.of(set, groups, dModels, layers, lrs, batchSizes,
                new MambaRunPlan.Common(epochs, seed, mode, target == null ? Double.NaN : target), chunk);
        PrintWriter err = noProgress ? null : spec.commandLine().getErr();
        long t0 = System.nanoTime();
        try (ArtifactStore dataStore = open("--data", data); ArtifactStore outStore = open("--out", out)) {
            checkData(dataStore, set, plan);
            Map<Task, TaskDataset> loaded = new HashMap<>();
            ArrayNode runs = JSON.createArrayNode();
            int diverged = 0;
            for (MambaRunPlan.Run run : plan.runs()) {
                TrainProgress progress = new TrainProgress("train-mamba", err, System.console() != null, run.name());
                CurriculumRun cr = new CurriculumRun(set, run.group(), run.config(), outStore, DataType.FLOAT);
                ObjectNode r = runs.addObject();
                r.put("group", run.group().name());
                r.put("model", run.config().modelName());
                try {
                    CurriculumRun.Outcome o = cr.run(t -> loaded.computeIfAbsent(t, k -> TaskDataset.load(dataStore, k)),
                            progress);
                    r.put("status", o == CurriculumRun.Outcome.ALREADY_DONE ? "already_done" : "trained");
                    progress.line(run.name() + (o == CurriculumRun.Outcome.ALREADY_DONE ? ": already trained" : ": done"));
                } catch (TrainingDivergedException e) {
                    diverged++;
                    r.put("status", "diverged");
                    r.put("error", e.getMessage());
                    spec.commandLine().getErr().println("train-mamba: " + run.name() + ": " + e.getMessage()
                            + "; the last good checkpoint is kept");
                    spec.commandLine().getErr().flush();
                    continue;
                } catch (ArtifactStoreException e) {
                    throw new IOException("--out " + out + ": " + e.getMessage(), e);
                }
                JsonNode log = JSON.readTree(outStore.get(cr.prefix() + CurriculumRun.LOG));
                JsonNode epochsRun = log.path("epochs");
                r.put("epochs", epochsRun.size());
                if (epochsRun.size() > 0) {
                    r.set("accuracy", epochsRun.get(epochsRun.size() - 1).get("accuracy"));
                }
            }
            ObjectNode summary = JSON.createObjectNode();
            summary.put("out", outStore.location());
            summary.set("runs", runs);
            summary.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
            spec.commandLine().getOut().println(JSON.writeValueAsString(summary));
            spec.commandLine().getOut().flush();
            return diverged > 0 ? 2 : 0;
        }
    }

    private ArtifactStore open(String option, String location) throws IOException {
        try {
            return ArtifactStores.open(location, env);
        } catch (ArtifactStoreException | IllegalArgumentException e) {
            throw new IOException(option + " " + location + ": " + e.getMessage(), e);
        }
    }

    /** Every file the runs read exists (and the manifest, when there is one, names this task set). */
    private static void checkData(ArtifactStore data, TaskSet set, MambaRunPlan plan) throws IOException {
        if (data.exists("manifest.json")) {
            JsonNode m = JSON.readTree(data.get("manifest.json"));
            String ts = m.path("taskset").asText("");
            if (!ts.isEmpty() && !ts.equalsIgnoreCase(set.displayName())) {
                throw new IllegalArgumentException(data.location() + "/manifest.json: the data set is of task set " + ts
                        + ", not " + set);
            }
        }
        for (MambaRunPlan.Run run : plan.runs()) {
            for (Task t : run.group().tasks()) {
                for (String f : new String[] {"inputs.npy", "targets.npy", "masks.npy", "trials.json"}) {
                    String key = t.displayName() + "/train/" + f;
                    if (!data.exists(key)) {
                        throw new IllegalArgumentException(data.location() + "/" + key
                                + ": missing (generate the data set with repal generate)");
                    }
                }
            }
        }
    }

    private static <T> T parse(String option, java.util.function.Supplier<T> p) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
