package org.repal.stages.learningdynamics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.repal.core.activity.AnalysisTrials;
import org.repal.core.activity.ModelFolder;
import org.repal.core.activity.Snapshot;
import org.repal.core.analysis.ActivityCache;
import org.repal.core.analysis.ActivityFits;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.analysis.AnalysisOutput;
import org.repal.core.analysis.AnalysisRequest;
import org.repal.core.analysis.AnalysisSetup;
import org.repal.core.analysis.ComparisonSettings;
import org.repal.core.analysis.DsaBasis;
import org.repal.core.analysis.ModelIndex;
import org.repal.core.analysis.OverLearning;
import org.repal.core.analysis.SnapshotActivities;
import org.repal.core.analysis.TrainingSeries;
import org.repal.core.analysis.WithinLearning;
import org.repal.core.store.ArtifactStore;
import org.repal.core.task.Task;

/**
 * One run of the stage: {@link #prepare} reads and checks every input (models, trials, the validation samples for
 * the accuracies the training did not log, the DSA shape) without writing; {@link #execute} records or reuses the
 * activity of every snapshot once, computes the over- and within-learning series (in the own DSA basis with one DMD
 * fit per snapshot and config) and writes them, summary.json and
 * manifest.json last (the old manifest is removed first, so a run killed midway leaves none).
 */
final class LearningDynamicsRun {
    static final String ACTIVITY_PREFIX = "activity/";
    static final String MASTER = "master";
    /** The groups of the within-learning analysis (spec §6.8), in output order. */
    static final List<String> WITHIN_GROUPS = List.of("pretrain_frozen", "pretrain_unfrozen", MASTER,
            AnalysisGroups.UNTRAINED);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One group's over-learning series against master. */
    record Over(ModelIndex.Config config, TrainingSeries series, TrainingSeries master, OverLearning.Result r) {
    }

    /** One group's within-learning matrices. */
    record Within(ModelIndex.Config config, TrainingSeries series, WithinLearning.Result r) {
    }

    private final AnalysisSetup setup;

    private LearningDynamicsRun(AnalysisSetup setup) {
        this.setup = setup;
    }

    /**
     * Checks the inputs.
     *
     * @throws IllegalArgumentException naming the location, file or option at fault
     */
    static LearningDynamicsRun prepare(ArtifactStore models, ArtifactStore data, AnalysisRequest request) {
        // Step 0 and pretrained weights were never evaluated on the analysis task: their accuracy is measured.
        return new LearningDynamicsRun(AnalysisSetup.prepare(models, data, request, selected -> true));
    }

    /** Computes and writes everything; returns the stdout line. */
    String execute(ArtifactStore out, PrintWriter progress) {
        long t0 = System.nanoTime();
        out.delete(AnalysisOutput.MANIFEST);
        ActivityCache cache = new ActivityCache(out, ACTIVITY_PREFIX, setup.trials, setup.window);
        SnapshotActivities activities = new SnapshotActivities(cache, setup);
        Task task = AnalysisTrials.analysisTask(setup.index.taskSet());
        int threads = setup.request.threads();
        ComparisonSettings settings = setup.request.settings();
        // Own basis: each snapshot's DMD fitted once per config (master's serve every group's series and its own
        // within-learning matrices); configs are never compared with each other, so the cache is cleared between them.
        ActivityFits fits = new ActivityFits(settings);
        List<Over> over = new ArrayList<>();
        List<Within> within = new ArrayList<>();
        for (ModelIndex.Config c : setup.selected) {
            fits.clear();
            ModelFolder masterRun = c.group(MASTER);
            TrainingSeries master = masterRun == null ? null
                    : TrainingSeries.overLearning(setup.models, masterRun, task, setup.validation);
            for (String g : AnalysisGroups.ORDER) {
                ModelFolder f = c.group(g);
                if (master == null || f == null || g.equals(AnalysisGroups.UNTRAINED)) {
                    continue; // untrained has no checkpoints; without master there is nothing to compare with
                }
                long t = System.nanoTime();
                TrainingSeries s = g.equals(MASTER) ? master
                        : TrainingSeries.overLearning(setup.models, f, task, setup.validation);
                ensure(activities, s);
                ensure(activities, master);
                OverLearning.Result r = OverLearning.compute(s, master, activities, settings, fits, threads);
                over.add(new Over(c, s, master, r));
                report(progress, "over " + c.arch() + "/" + c.name() + "/" + g, r.size(), t);
            }
            for (String g : WITHIN_GROUPS) {
                ModelFolder f = c.group(g);
                if (f == null) {
                    continue;
                }
                long t = System.nanoTime();
                TrainingSeries s = TrainingSeries.withinLearning(setup.models, f, task, setup.validation);
                ensure(activities, s);
                WithinLearning.Result r = WithinLearning.compute(s, activities, settings, fits, threads);
                within.add(new Within(c, s, r));
                report(progress, "within " + c.arch() + "/" + c.name() + "/" + g, r.pairs(), t);
            }
        }
        AnalysisOutput w = new AnalysisOutput(out);
        StringBuilder overCsv = new StringBuilder(LearningOutputs.OVER_HEADER);
        StringBuilder withinCsv = new StringBuilder(LearningOutputs.WITHIN_HEADER);
        int pairs = 0;
        for (Over o : over) {
            LearningOutputs.over(w, overCsv, o.config().arch(), o.config().name(), o.series().group(), o.r());
            pairs += o.r().size();
        }
        for (Within x : within) {
            LearningOutputs.within(w, withinCsv, x.config().arch(), x.config().name(), x.series().group(), x.r());
            pairs += x.r().pairs();
        }
        w.text(LearningOutputs.OVER_CSV, overCsv.toString());
        w.text(LearningOutputs.WITHIN_CSV, withinCsv.toString());
        w.text("summary.json", summary(over, within).toPrettyString() + "\n");
        w.manifest(setup.settingsJson("learning-dynamics"), activities.keys());
        ObjectNode line = JSON.createObjectNode();
        line.put("out", out.location()).put("configs", setup.selected.size()).put("over_learning", over.size())
                .put("within_learning", within.size()).put("pairs", pairs)
                .put("activity_recorded", cache.recorded()).put("activity_reused", cache.reused())
                .put("dsa_basis", settings.dsaBasis().jsonName());
        if (settings.dsaBasis() == DsaBasis.OWN) {
            line.put("dsa_fits", fits.fitsComputed()); // the pair basis fits 2 per pair
        }
        line.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        return line.toString();
    }

    private static void ensure(SnapshotActivities activities, TrainingSeries s) {
        for (Snapshot snap : s.snapshots()) {
            activities.ensure(s.model(), snap);
        }
    }

    private static void report(PrintWriter progress, String what, int pairs, long t0) {
        if (progress != null) {
            progress.printf("learning-dynamics: %s: %d pairs in %.1f s%n", what, pairs, (System.nanoTime() - t0) / 1e9);
            progress.flush();
        }
    }

    private ObjectNode summary(List<Over> over, List<Within> within) {
        ObjectNode o = setup.settingsJson("learning-dynamics");
        o.put("accuracy", "decision accuracy on the analysis task's validation samples: logged after each epoch for "
                + "checkpoints; measured on the weights for initial, pretrained and untrained snapshots");
        o.put("over_learning", "per trained group vs master: step 0 (pretrained weights for groups with a pretraining "
                + "phase, else initial) paired with master's step 0 at fraction 0, then every checkpoint of the shorter "
                + "train-phase series with the longer's at the reference's corresponding_training_time, fraction "
                + "(i+1)/n; min(n1, n2) + 1 pairs");
        o.put("within_learning", "[pretrained] + train checkpoints (untrained: its single snapshot) in 4 bins at "
                + "floor(s*len/100), s = 0, 25, 50, 75, 100; [i,j] = mean over m1 <= m2 < min(|bin_i|, |bin_j|); "
                + "a bin with an empty range borrows the snapshot at its lower edge (bin_borrowed)");
        ArrayNode configs = o.putArray("configs");
        for (ModelIndex.Config c : setup.selected) {
            ObjectNode n = configs.addObject().put("arch", c.arch()).put("config", c.name());
            ArrayNode present = n.putArray("groups_present");
            AnalysisGroups.ORDER.stream().filter(g -> c.group(g) != null).forEach(present::add);
            if (c.group(MASTER) == null) {
                n.put("over_learning_skipped", "no finished master run");
            }
            ArrayNode ov = n.putArray("over_learning");
            for (Over x : over) {
                if (x.config() != c) {
                    continue;
                }
                ObjectNode e = ov.addObject().put("group", x.series().group())
                        .put("snapshots", x.series().size()).put("master_snapshots", x.master().size())
                        .put("pairs", x.r().size());
                ArrayNode p = e.putArray("aligned");
                for (int[] pair : x.r().pairs()) {
                    p.addArray().add(x.series().snapshots().get(pair[0]).name())
                            .add(x.master().snapshots().get(pair[1]).name());
                }
                int lo = Arrays.stream(x.r().dsaRank()).min().orElse(0);
                int hi = Arrays.stream(x.r().dsaRank()).max().orElse(0);
                e.put("dsa_rank_min", lo).put("dsa_rank_max", hi);
            }
            ArrayNode wi = n.putArray("within_learning");
            for (Within x : within) {
                if (x.config() != c) {
                    continue;
                }
                ObjectNode e = wi.addObject().put("group", x.series().group()).put("pairs", x.r().pairs());
                ArrayNode snaps = e.putArray("snapshots");
                x.series().snapshots().forEach(s -> snaps.add(s.name()));
                ArrayNode sizes = e.putArray("bin_sizes");
                for (int v : x.r().binSizes()) {
                    sizes.add(v);
                }
                ArrayNode borrowed = e.putArray("bin_borrowed");
                for (boolean v : x.r().borrowed()) {
                    borrowed.add(v);
                }
                ArrayNode acc = e.putArray("bin_accuracy");
                for (double v : x.r().accuracy()) {
                    if (Double.isNaN(v)) {
                        acc.addNull();
                    } else {
                        acc.add(v);
                    }
                }
            }
        }
        ArrayNode unfinished = o.putArray("unfinished_runs");
        setup.index.unfinished().forEach(unfinished::add);
        return o;
    }
}
