package org.repal.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;

/**
 * What {@code train-rnn} and {@code train-mamba} share once their options are turned into runs: the chunk of
 * the product a task trains, the check that the data set holds every file the runs read, and the loop that
 * trains each (group, config) with {@link CurriculumRun} (finished runs skipped, interrupted ones resumed) and
 * prints one JSON summary line. The two stages differ only in how they build the model configs.
 */
public final class TrainingRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One (group, config) to train. */
    public record Run(Curriculum group, TrainingConfig config) {
        public String name() {
            return group.name() + "/" + config.modelName();
        }
    }

    /** Where a stage writes: its name (for messages), progress (null: none), errors and the summary line. */
    public record Console(String stage, PrintWriter progress, PrintWriter err, PrintWriter out, boolean interactive) {
    }

    private TrainingRuns() {
    }

    /**
     * For {@code chunk} = "K/N", the runs of configs K, K+N, K+2N, … of the grid in every group (all runs when
     * null): a fan-out task trains the same configs in each of its groups, so a group can adopt the pretraining of
     * an earlier group of the same task.
     */
    public static List<Run> chunk(List<Run> runs, String chunk) {
        if (chunk == null) {
            return runs;
        }
        String[] kn = chunk.trim().split("/");
        int k;
        int n;
        try {
            k = Integer.parseInt(kn[0]);
            n = Integer.parseInt(kn[1]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--chunk must be K/N (e.g. 0/4), got '" + chunk + "'");
        }
        if (kn.length != 2 || n < 1 || k < 0 || k >= n) {
            throw new IllegalArgumentException("--chunk must be K/N with 0 <= K < N, got '" + chunk + "'");
        }
        List<Run> out = new ArrayList<>();
        Map<String, Integer> indexInGroup = new HashMap<>();
        for (Run r : runs) {
            if (indexInGroup.merge(r.group().name(), 1, Integer::sum) % n == (k + 1) % n) {
                out.add(r);
            }
        }
        return out;
    }

    /** Every file the runs read exists (and the manifest, when there is one, names this task set). */
    public static void checkData(ArtifactStore data, TaskSet set, List<Run> runs) throws IOException {
        if (data.exists("manifest.json")) {
            JsonNode m;
            try {
                m = JSON.readTree(data.get("manifest.json"));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(data.location() + "/manifest.json: not valid JSON ("
                        + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
            }
            String ts = m.path("taskset").asText("");
            if (!ts.isEmpty() && !ts.equalsIgnoreCase(set.displayName())) {
                throw new IllegalArgumentException(data.location() + "/manifest.json: the data set is of task set " + ts
                        + ", not " + set);
            }
        }
        for (Run run : runs) {
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

    /**
     * Trains every run in order and prints the summary ({@code out}, {@code runs}, {@code seconds}); returns the
     * exit code: 0, or 2 when a run diverged (its last good checkpoint is kept and the others still train).
     */
    public static int execute(TaskSet set, List<Run> runs, ArtifactStore data, ArtifactStore out, Console console)
            throws IOException {
        long t0 = System.nanoTime();
        checkData(data, set, runs);
        Map<Task, TaskDataset> loaded = new HashMap<>();
        ArrayNode summaries = JSON.createArrayNode();
        int diverged = 0;
        List<CurriculumRun> pretrained = new ArrayList<>(); // donors for later groups with the same pretraining
        for (Run run : runs) {
            TrainProgress progress = new TrainProgress(console.stage(), console.progress(), console.interactive(),
                    run.name());
            CurriculumRun cr = new CurriculumRun(set, run.group(), run.config(), out, DataType.FLOAT);
            ObjectNode r = summaries.addObject();
            r.put("group", run.group().name());
            r.put("model", run.config().modelName());
            pretrained.stream().filter(cr::adoptPretraining).findFirst()
                    .ifPresent(d -> r.put("pretraining_from", d.prefix()));
            try {
                CurriculumRun.Outcome o = cr.run(t -> loaded.computeIfAbsent(t, k -> TaskDataset.load(data, k)),
                        progress);
                boolean done = o == CurriculumRun.Outcome.ALREADY_DONE;
                r.put("status", done ? "already_done" : "trained");
                if (!run.group().pretrain().isEmpty()) {
                    pretrained.add(cr);
                }
                progress.line(run.name() + (done ? ": already trained" : ": done"));
            } catch (TrainingDivergedException e) {
                diverged++;
                r.put("status", "diverged");
                r.put("error", e.getMessage());
                console.err().println(console.stage() + ": " + run.name() + ": " + e.getMessage()
                        + "; the last good checkpoint is kept");
                console.err().flush();
                continue;
            } catch (org.repal.core.store.ArtifactIntegrityException e) {
                throw e; // a damaged input (the data set), named already
            } catch (ArtifactStoreException e) {
                throw new IOException("--out " + out.location() + ": " + e.getMessage(), e);
            }
            // A run's BPTT buffers (up to a few hundred MB) live off-heap and go with their Java objects.
            System.gc();
            JsonNode log = JSON.readTree(out.get(cr.prefix() + CurriculumRun.LOG));
            JsonNode epochsRun = log.path("epochs");
            r.put("epochs", epochsRun.size());
            if (epochsRun.size() > 0) {
                r.set("accuracy", epochsRun.get(epochsRun.size() - 1).get("accuracy"));
            }
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.put("out", out.location());
        summary.set("runs", summaries);
        summary.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
        console.out().println(JSON.writeValueAsString(summary));
        console.out().flush();
        return diverged > 0 ? 2 : 0;
    }
}
