package org.repal.stages.dissimilarity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.repal.core.activity.Activity;
import org.repal.core.activity.ActivityWindow;
import org.repal.core.activity.AnalysisTrials;
import org.repal.core.activity.CommonPca;
import org.repal.core.activity.ModelFolder;
import org.repal.core.activity.Snapshot;
import org.repal.core.activity.Units;
import org.repal.core.activity.WindowMode;
import org.repal.core.analysis.ActivityCache;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.analysis.ComparisonSettings;
import org.repal.core.analysis.DsaShape;
import org.repal.core.analysis.GroupAccuracy;
import org.repal.core.analysis.GroupMatrix;
import org.repal.core.analysis.ModelIndex;
import org.repal.core.metric.DmdParams;
import org.repal.core.model.ModelConfig;
import org.repal.core.store.ArtifactStore;
import org.repal.core.task.Task;
import org.repal.core.train.TaskDataset;

/**
 * One run of the stage: {@link #prepare} reads and checks every input (models, trials, the untrained accuracy's
 * validation data, the DSA shape) without writing; {@link #execute} records or reuses the activity, computes the
 * matrices and writes the outputs, summary.json and manifest.json last (the old manifest is removed first, so a
 * run killed midway leaves none).
 */
final class DissimilarityRun {
    static final String ACTIVITY_PREFIX = "activity/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GROUPS = AnalysisGroups.ORDER;

    /** What the command asked for; {@code configs} null = every config found. */
    record Request(List<String> configs, boolean rnnVsMamba, int trials, ComparisonSettings settings,
                   WindowMode window, Units mambaUnits, int threads) {
    }

    /** One config's results. */
    private record ConfigResult(ModelIndex.Config config, double[] accuracy, GroupMatrix.Matrices m, DmdParams dmd) {
    }

    /** One (RNN config, Mamba config) pair's results. */
    private record CrossResult(ConfigResult rnn, ConfigResult mamba, GroupMatrix.Matrices m, DmdParams dmd) {
    }

    private final ArtifactStore models;
    private final ModelIndex index;
    private final Request request;
    private final List<ModelIndex.Config> selected;
    private final AnalysisTrials trials;
    private final ActivityWindow window;
    private final TaskDataset validation;
    private final TreeSet<String> activityKeys = new TreeSet<>();

    private DissimilarityRun(ArtifactStore models, ModelIndex index, Request request, List<ModelIndex.Config> selected, AnalysisTrials trials,
                             ActivityWindow window, TaskDataset validation) {
        this.models = models;
        this.index = index;
        this.request = request;
        this.selected = selected;
        this.trials = trials;
        this.window = window;
        this.validation = validation;
    }

    /**
     * Checks the inputs.
     *
     * @throws IllegalArgumentException naming the location, file or option at fault
     */
    static DissimilarityRun prepare(ArtifactStore models, ArtifactStore data, Request request) {
        ModelIndex index = ModelIndex.scan(models);
        List<ModelIndex.Config> selected = new ArrayList<>();
        List<String> names = request.configs() == null ? List.copyOf(index.configs().keySet()) : request.configs();
        for (String arch : List.of("rnn", "mamba")) { // RNN configs first, each architecture's sorted by name
            names.stream().distinct().sorted().map(n -> index.config(n, models.location()))
                    .filter(c -> c.arch().equals(arch)).forEach(selected::add);
        }
        if (request.rnnVsMamba() && (selected.stream().noneMatch(c -> c.arch().equals("rnn"))
                || selected.stream().noneMatch(c -> c.arch().equals("mamba")))) {
            throw new IllegalArgumentException("--rnn-vs-mamba needs at least one RNN and one Mamba config among the "
                    + "selected ones in " + models.location());
        }
        for (ModelIndex.Config c : selected) {
            c.groups().values().forEach(f -> units(f.config(), request).count(f.config()));
        }
        AnalysisTrials trials = AnalysisTrials.load(data, index.taskSet(), request.trials());
        ActivityWindow window = ActivityWindow.of(trials, request.window());
        int dsaTrials = request.settings().referenceAxes() ? window.steps() : trials.count();
        int dsaSteps = request.settings().referenceAxes() ? trials.count() : window.steps();
        DsaShape.capped(request.settings().dmd(), dsaTrials, dsaSteps, 1);
        if (request.settings().pca().zscore() && window.steps() < 2) {
            throw new IllegalArgumentException("the activity window has " + window.steps() + " step: z-scoring needs 2");
        }
        boolean untrained = selected.stream().anyMatch(c -> c.group(AnalysisGroups.UNTRAINED) != null);
        TaskDataset validation = untrained ? TaskDataset.load(data, AnalysisTrials.analysisTask(index.taskSet())) : null;
        return new DissimilarityRun(models, index, request, selected, trials, window, validation);
    }

    private static Units units(ModelConfig config, Request request) {
        return config instanceof org.repal.core.model.mamba.MambaConfig ? request.mambaUnits() : Units.rnnHidden();
    }

    /** Computes and writes everything; returns the stdout line. */
    String execute(ArtifactStore out, PrintWriter progress) {
        long t0 = System.nanoTime();
        out.delete(OutputWriter.MANIFEST);
        ActivityCache cache = new ActivityCache(out, ACTIVITY_PREFIX, trials, window);
        ComparisonSettings s = request.settings();
        List<ConfigResult> within = new ArrayList<>();
        Map<String, ConfigResult> byName = new HashMap<>();
        for (ModelIndex.Config c : selected) {
            long t = System.nanoTime();
            List<Activity> raw = activities(cache, c);
            double[] accuracy = accuracy(c);
            List<Activity> prepared = prepared(raw, units(raw));
            GroupMatrix.Matrices m = GroupMatrix.symmetric(prepared, s, request.threads());
            ConfigResult r = new ConfigResult(c, accuracy, m, planned(units(raw)));
            within.add(r);
            byName.put(c.name(), r);
            report(progress, c.arch() + "/" + c.name(), m.pairs(), t);
        }
        List<CrossResult> cross = new ArrayList<>();
        if (request.rnnVsMamba()) {
            for (ModelIndex.Config rc : selected.stream().filter(c -> c.arch().equals("rnn")).toList()) {
                List<Activity> rnnRaw = activities(cache, rc);
                Map<Integer, List<Activity>> rnnPrepared = new HashMap<>();
                for (ModelIndex.Config mc : selected.stream().filter(c -> c.arch().equals("mamba")).toList()) {
                    long t = System.nanoTime();
                    List<Activity> mambaRaw = activities(cache, mc);
                    int u = Math.min(units(rnnRaw), units(mambaRaw));
                    List<Activity> rows = rnnPrepared.computeIfAbsent(u, w -> prepared(rnnRaw, w));
                    GroupMatrix.Matrices m = GroupMatrix.full(rows, prepared(mambaRaw, u), s, request.threads());
                    cross.add(new CrossResult(byName.get(rc.name()), byName.get(mc.name()), m, planned(u)));
                    report(progress, "rnn_vs_mamba/" + rc.name() + "__" + mc.name(), m.pairs(), t);
                }
            }
        }
        OutputWriter w = new OutputWriter(out);
        StringBuilder csv = new StringBuilder(OutputWriter.CSV_HEADER);
        int pairs = 0;
        for (ConfigResult r : within) {
            String dir = r.config().arch() + "/" + r.config().name() + "/";
            w.matrices(dir, r.m());
            w.vector(dir + "accuracy.npy", r.accuracy());
            OutputWriter.rows(csv, r.config().arch(), r.config().name(), r.accuracy(), r.config().arch(),
                    r.config().name(), r.accuracy(), r.m(), true);
            pairs += r.m().pairs();
        }
        for (CrossResult r : cross) {
            w.matrices("rnn_vs_mamba/" + r.rnn().config().name() + "__" + r.mamba().config().name() + "/", r.m());
            OutputWriter.rows(csv, "rnn", r.rnn().config().name(), r.rnn().accuracy(), "mamba",
                    r.mamba().config().name(), r.mamba().accuracy(), r.m(), false);
            pairs += r.m().pairs();
        }
        w.text(OutputWriter.CSV, csv.toString());
        ObjectNode summary = summary(within, cross);
        w.text("summary.json", summary.toPrettyString() + "\n");
        w.manifest(settings(), activityKeys);
        ObjectNode line = JSON.createObjectNode();
        line.put("out", out.location()).put("configs", within.size()).put("rnn_vs_mamba", cross.size())
                .put("pairs", pairs).put("activity_recorded", cache.recorded()).put("activity_reused", cache.reused())
                .put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        return line.toString();
    }

    private void report(PrintWriter progress, String what, int pairs, long t0) {
        if (progress != null) {
            progress.printf("dissimilarity: %s: %d pairs in %.1f s%n", what, pairs, (System.nanoTime() - t0) / 1e9);
            progress.flush();
        }
    }

    /** The final weights' activity of every group of the config, in {@link AnalysisGroups#ORDER}; null = absent. */
    private List<Activity> activities(ActivityCache cache, ModelIndex.Config c) {
        List<Activity> out = new ArrayList<>();
        for (String g : GROUPS) {
            ModelFolder f = c.group(g);
            if (f == null) {
                out.add(null);
                continue;
            }
            Units u = units(f.config(), request);
            activityKeys.add(cache.key(f, Snapshot.FINAL, u));
            out.add(cache.get(f, Snapshot.FINAL, u));
        }
        return out;
    }

    private double[] accuracy(ModelIndex.Config c) {
        Task task = AnalysisTrials.analysisTask(index.taskSet());
        double[] acc = new double[GROUPS.size()];
        for (int i = 0; i < acc.length; i++) {
            ModelFolder f = c.group(GROUPS.get(i));
            if (f == null) {
                acc[i] = Double.NaN;
            } else if (GROUPS.get(i).equals(AnalysisGroups.UNTRAINED)) {
                acc[i] = GroupAccuracy.measured(f, Snapshot.FINAL, validation);
            } else {
                acc[i] = GroupAccuracy.logged(models, f.name() + "/", task);
            }
        }
        return acc;
    }

    private static int units(List<Activity> list) {
        return list.stream().filter(a -> a != null).mapToInt(Activity::units).min().orElse(1);
    }

    private List<Activity> prepared(List<Activity> raw, int units) {
        List<Activity> out = new ArrayList<>();
        for (Activity a : raw) {
            out.add(a == null ? null : CommonPca.prepare(a, units, request.settings().pca().zscore()));
        }
        return out;
    }

    /** The DSA parameters the shape allows (before any per-pair lowering of the rank). */
    private DmdParams planned(int units) {
        int k = request.settings().pca().components() == CommonPca.Options.NONE ? units
                : Math.min(units, request.settings().pca().components());
        boolean ref = request.settings().referenceAxes();
        return DsaShape.capped(request.settings().dmd(), ref ? window.steps() : trials.count(),
                ref ? trials.count() : window.steps(), k);
    }

    private ObjectNode settings() {
        ComparisonSettings s = request.settings();
        ObjectNode o = JSON.createObjectNode();
        o.put("stage", "dissimilarity");
        o.put("taskset", index.taskSet().displayName());
        ArrayNode g = o.putArray("groups");
        GROUPS.forEach(g::add);
        o.putObject("trials").put("task", trials.task().displayName()).put("count", trials.count())
                .put("steps", trials.steps()).put("sha256", trials.sha256());
        o.putObject("window").put("mode", window.mode().jsonName()).put("start", window.start())
                .put("end", window.end()).put("dt_ms", trials.dtMs());
        ObjectNode pca = o.putObject("pca");
        int k = s.pca().components();
        if (k == CommonPca.Options.ALL) {
            pca.put("components", "all");
        } else if (k == CommonPca.Options.NONE) {
            pca.put("components", "none");
        } else {
            pca.put("components", k);
        }
        pca.put("zscore", s.pca().zscore());
        o.putObject("dsa").put("n_delays", s.dmd().nDelays()).put("delay_interval", s.dmd().delayInterval())
                .put("rank", s.dmd().rank()).put("axes", s.referenceAxes() ? "reference_time_as_trials" : "trials_time")
                .put("optimizer", "fast").put("iters", s.alignerIterations()).put("score", "angular");
        o.putObject("units").put("rnn", "rnn_hidden").put("mamba", request.mambaUnits().kind().jsonName()
                + (request.mambaUnits().kind() == Units.Kind.MAMBA_SSM ? "_l" + request.mambaUnits().layer() : ""));
        o.put("reference_compat", s.referenceAxes());
        return o;
    }

    private ObjectNode summary(List<ConfigResult> within, List<CrossResult> cross) {
        ObjectNode o = settings();
        o.put("accuracy", "decision accuracy on the analysis task's validation samples: logged after the last train "
                + "epoch; untrained measured on its weights; null where the group is absent");
        ArrayNode configs = o.putArray("configs");
        for (ConfigResult r : within) {
            ObjectNode c = configs.addObject().put("arch", r.config().arch()).put("config", r.config().name());
            ArrayNode present = c.putArray("groups_present");
            ArrayNode missing = c.putArray("groups_missing");
            ObjectNode acc = c.putObject("accuracy");
            for (int i = 0; i < GROUPS.size(); i++) {
                (r.config().group(GROUPS.get(i)) != null ? present : missing).add(GROUPS.get(i));
                if (Double.isNaN(r.accuracy()[i])) {
                    acc.putNull(GROUPS.get(i));
                } else {
                    acc.put(GROUPS.get(i), r.accuracy()[i]);
                }
            }
            dsaUsed(c, r.dmd(), r.m());
            c.put("pairs", r.m().pairs());
        }
        ArrayNode x = o.putArray("rnn_vs_mamba");
        for (CrossResult r : cross) {
            ObjectNode c = x.addObject().put("rnn", r.rnn().config().name()).put("mamba", r.mamba().config().name());
            dsaUsed(c, r.dmd(), r.m());
            c.put("pairs", r.m().pairs());
        }
        ArrayNode unfinished = o.putArray("unfinished_runs");
        index.unfinished().forEach(unfinished::add);
        return o;
    }

    private static void dsaUsed(ObjectNode c, DmdParams p, GroupMatrix.Matrices m) {
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (int[] row : m.dsaRank()) {
            for (int v : row) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        c.putObject("dsa_used").put("n_delays", p.nDelays()).put("delay_interval", p.delayInterval())
                .put("rank_cap", p.rank()).put("rank_min", hi == 0 ? 0 : lo).put("rank_max", hi);
    }
}
