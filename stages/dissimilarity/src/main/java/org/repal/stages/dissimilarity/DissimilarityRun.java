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
import org.repal.core.activity.AnalysisTrials;
import org.repal.core.activity.CommonPca;
import org.repal.core.activity.ModelFolder;
import org.repal.core.activity.Snapshot;
import org.repal.core.activity.Units;
import org.repal.core.analysis.ActivityCache;
import org.repal.core.analysis.ActivityFits;
import org.repal.core.analysis.AnalysisOutput;
import org.repal.core.analysis.AnalysisRequest;
import org.repal.core.analysis.AnalysisSetup;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.analysis.ComparisonSettings;
import org.repal.core.analysis.DsaBasis;
import org.repal.core.analysis.GroupAccuracy;
import org.repal.core.analysis.GroupMatrix;
import org.repal.core.analysis.ModelIndex;
import org.repal.core.analysis.PairMetrics;
import org.repal.core.metric.DmdParams;
import org.repal.core.store.ArtifactStore;
import org.repal.core.task.Task;

/**
 * One run of the stage: {@link #prepare} reads and checks every input (models, trials, the untrained accuracy's
 * validation data, the DSA shape) without writing; {@link #execute} records or reuses the activity, computes the
 * matrices (in the own DSA basis with one DMD fit per activity for the whole run, shared by the group matrices and
 * RNN vs Mamba) and writes the outputs, summary.json and manifest.json last (the old manifest is removed first, so a
 * run killed midway leaves none).
 */
final class DissimilarityRun {
    static final String ACTIVITY_PREFIX = "activity/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GROUPS = AnalysisGroups.ORDER;

    /** One config's results. */
    private record ConfigResult(ModelIndex.Config config, double[] accuracy, GroupMatrix.Matrices m, DmdParams dmd) {
    }

    /** One (RNN config, Mamba config) pair's results. */
    private record CrossResult(ConfigResult rnn, ConfigResult mamba, GroupMatrix.Matrices m, DmdParams dmd) {
    }

    private final AnalysisSetup setup;
    private final boolean rnnVsMamba;
    private final TreeSet<String> activityKeys = new TreeSet<>();

    private DissimilarityRun(AnalysisSetup setup, boolean rnnVsMamba) {
        this.setup = setup;
        this.rnnVsMamba = rnnVsMamba;
    }

    /**
     * Checks the inputs.
     *
     * @throws IllegalArgumentException naming the location, file or option at fault
     */
    static DissimilarityRun prepare(ArtifactStore models, ArtifactStore data, AnalysisRequest request,
                                    boolean rnnVsMamba) {
        // Validation samples only when an untrained group needs its accuracy measured.
        AnalysisSetup setup = AnalysisSetup.prepare(models, data, request,
                selected -> selected.stream().anyMatch(c -> c.group(AnalysisGroups.UNTRAINED) != null));
        List<ModelIndex.Config> selected = setup.selected;
        if (rnnVsMamba && (selected.stream().noneMatch(c -> c.arch().equals("rnn"))
                || selected.stream().noneMatch(c -> c.arch().equals("mamba")))) {
            throw new IllegalArgumentException("--rnn-vs-mamba needs at least one RNN and one Mamba config among the "
                    + "selected ones in " + models.location());
        }
        return new DissimilarityRun(setup, rnnVsMamba);
    }

    /** Computes and writes everything; returns the stdout line. */
    String execute(ArtifactStore out, PrintWriter progress) {
        long t0 = System.nanoTime();
        out.delete(AnalysisOutput.MANIFEST);
        ActivityCache cache = new ActivityCache(out, ACTIVITY_PREFIX, setup.trials, setup.window);
        ComparisonSettings s = setup.request.settings();
        // Own basis: every activity's DMD fitted once for the whole run (group matrices and RNN vs Mamba).
        ActivityFits fits = new ActivityFits(s);
        List<ConfigResult> within = new ArrayList<>();
        Map<String, ConfigResult> byName = new HashMap<>();
        for (ModelIndex.Config c : setup.selected) {
            long t = System.nanoTime();
            Loaded raw = activities(cache, c);
            double[] accuracy = accuracy(c);
            int u = AnalysisSetup.units(raw.activities());
            GroupMatrix.Matrices m = GroupMatrix.symmetric(sides(raw, u), s, fits, setup.request.threads());
            ConfigResult r = new ConfigResult(c, accuracy, m, setup.planned(u));
            within.add(r);
            byName.put(c.name(), r);
            report(progress, c.arch() + "/" + c.name(), m.pairs(), t);
        }
        List<CrossResult> cross = new ArrayList<>();
        if (rnnVsMamba) {
            for (ModelIndex.Config rc : setup.selected.stream().filter(c -> c.arch().equals("rnn")).toList()) {
                Loaded rnnRaw = activities(cache, rc);
                Map<Integer, List<PairMetrics.Side>> rnnSides = new HashMap<>();
                for (ModelIndex.Config mc : setup.selected.stream().filter(c -> c.arch().equals("mamba")).toList()) {
                    long t = System.nanoTime();
                    Loaded mambaRaw = activities(cache, mc);
                    int u = Math.min(AnalysisSetup.units(rnnRaw.activities()), AnalysisSetup.units(mambaRaw.activities()));
                    List<PairMetrics.Side> rows = rnnSides.computeIfAbsent(u, w -> sides(rnnRaw, w));
                    GroupMatrix.Matrices m = GroupMatrix.full(rows, sides(mambaRaw, u), s, fits, setup.request.threads());
                    cross.add(new CrossResult(byName.get(rc.name()), byName.get(mc.name()), m, setup.planned(u)));
                    report(progress, "rnn_vs_mamba/" + rc.name() + "__" + mc.name(), m.pairs(), t);
                }
            }
        }
        AnalysisOutput w = new AnalysisOutput(out);
        StringBuilder csv = new StringBuilder(OutputWriter.CSV_HEADER);
        int pairs = 0;
        for (ConfigResult r : within) {
            String dir = r.config().arch() + "/" + r.config().name() + "/";
            OutputWriter.matrices(w, dir, r.m());
            w.vector(dir + "accuracy.npy", r.accuracy());
            OutputWriter.rows(csv, r.config().arch(), r.config().name(), r.accuracy(), r.config().arch(),
                    r.config().name(), r.accuracy(), r.m(), true);
            pairs += r.m().pairs();
        }
        for (CrossResult r : cross) {
            OutputWriter.matrices(w, "rnn_vs_mamba/" + r.rnn().config().name() + "__" + r.mamba().config().name() + "/", r.m());
            OutputWriter.rows(csv, "rnn", r.rnn().config().name(), r.rnn().accuracy(), "mamba",
                    r.mamba().config().name(), r.mamba().accuracy(), r.m(), false);
            pairs += r.m().pairs();
        }
        w.text(OutputWriter.CSV, csv.toString());
        ObjectNode summary = summary(within, cross);
        w.text("summary.json", summary.toPrettyString() + "\n");
        w.manifest(setup.settingsJson("dissimilarity"), activityKeys);
        ObjectNode line = JSON.createObjectNode();
        line.put("out", out.location()).put("configs", within.size()).put("rnn_vs_mamba", cross.size())
                .put("pairs", pairs).put("activity_recorded", cache.recorded()).put("activity_reused", cache.reused())
                .put("dsa_basis", s.dsaBasis().jsonName());
        if (s.dsaBasis() == DsaBasis.OWN) {
            line.put("dsa_fits", fits.fitsComputed()); // the pair basis fits 2 per pair
        }
        line.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        return line.toString();
    }

    private void report(PrintWriter progress, String what, int pairs, long t0) {
        if (progress != null) {
            progress.printf("dissimilarity: %s: %d pairs in %.1f s%n", what, pairs, (System.nanoTime() - t0) / 1e9);
            progress.flush();
        }
    }

    /** A config's activities in {@link AnalysisGroups#ORDER} (null = absent) with their recordings' store keys. */
    private record Loaded(List<Activity> activities, List<String> keys) {
    }

    /**
     * The groups as sides compared at {@code units}: prepared at that width, and at their own width for their
     * own-basis fits (the same array when the widths agree; computed only if a fit is still missing).
     */
    private List<PairMetrics.Side> sides(Loaded raw, int units) {
        boolean z = setup.request.settings().pca().zscore();
        List<Activity> prepared = setup.prepared(raw.activities(), units);
        List<PairMetrics.Side> out = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Activity p = prepared.get(i);
            Activity a = raw.activities().get(i);
            out.add(p == null ? null : new PairMetrics.Side(raw.keys().get(i), () -> p,
                    a.units() == units ? () -> p : () -> CommonPca.prepare(a, a.units(), z)));
        }
        return out;
    }

    /** The final weights' activity of every group of the config, in {@link AnalysisGroups#ORDER}; null = absent. */
    private Loaded activities(ActivityCache cache, ModelIndex.Config c) {
        List<Activity> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String g : GROUPS) {
            ModelFolder f = c.group(g);
            if (f == null) {
                out.add(null);
                keys.add(null);
                continue;
            }
            Units u = setup.units(f.config());
            String key = cache.key(f, Snapshot.FINAL, u);
            activityKeys.add(key);
            keys.add(key);
            out.add(cache.get(f, Snapshot.FINAL, u));
        }
        return new Loaded(out, keys);
    }

    private double[] accuracy(ModelIndex.Config c) {
        Task task = AnalysisTrials.analysisTask(setup.index.taskSet());
        double[] acc = new double[GROUPS.size()];
        for (int i = 0; i < acc.length; i++) {
            ModelFolder f = c.group(GROUPS.get(i));
            if (f == null) {
                acc[i] = Double.NaN;
            } else if (GROUPS.get(i).equals(AnalysisGroups.UNTRAINED)) {
                acc[i] = GroupAccuracy.measured(f, Snapshot.FINAL, setup.validation);
            } else {
                acc[i] = GroupAccuracy.logged(setup.models, f.name() + "/", task);
            }
        }
        return acc;
    }

    private ObjectNode summary(List<ConfigResult> within, List<CrossResult> cross) {
        ObjectNode o = setup.settingsJson("dissimilarity");
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
        setup.index.unfinished().forEach(unfinished::add);
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
