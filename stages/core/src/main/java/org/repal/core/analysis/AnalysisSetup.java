package org.repal.core.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.repal.core.activity.Activity;
import org.repal.core.activity.ActivityWindow;
import org.repal.core.activity.AnalysisTrials;
import org.repal.core.activity.CommonPca;
import org.repal.core.activity.Units;
import org.repal.core.metric.DmdParams;
import org.repal.core.model.ModelConfig;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.store.ArtifactStore;
import org.repal.core.train.TaskDataset;

/**
 * The checked inputs of an analysis stage: the model index and the selected configs (RNN configs first, each
 * architecture's sorted by name), the analysis trials and window, and — when asked for — the analysis task's
 * validation samples (to measure accuracies the training did not log). {@link #prepare} reads and checks, never
 * writes; the helpers give what every stage derives from the request in the same way (units per architecture,
 * per-activity halves of the common PCA, the DSA parameters the shape allows, the settings for summary.json).
 */
public final class AnalysisSetup {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final ArtifactStore models;
    public final ModelIndex index;
    public final AnalysisRequest request;
    public final List<ModelIndex.Config> selected;
    public final AnalysisTrials trials;
    public final ActivityWindow window;
    /** Null unless asked for. */
    public final TaskDataset validation;

    private AnalysisSetup(ArtifactStore models, ModelIndex index, AnalysisRequest request,
                          List<ModelIndex.Config> selected, AnalysisTrials trials, ActivityWindow window,
                          TaskDataset validation) {
        this.models = models;
        this.index = index;
        this.request = request;
        this.selected = selected;
        this.trials = trials;
        this.window = window;
        this.validation = validation;
    }

    /**
     * @param validation whether the selected configs need the analysis task's validation samples
     * @throws IllegalArgumentException naming the location, file or option at fault
     */
    public static AnalysisSetup prepare(ArtifactStore models, ArtifactStore data, AnalysisRequest request,
                                        Predicate<List<ModelIndex.Config>> validation) {
        ModelIndex index = ModelIndex.scan(models);
        List<ModelIndex.Config> selected = new ArrayList<>();
        List<String> names = request.configs() == null ? List.copyOf(index.configs().keySet()) : request.configs();
        for (String arch : List.of("rnn", "mamba")) {
            names.stream().distinct().sorted().map(n -> index.config(n, models.location()))
                    .filter(c -> c.arch().equals(arch)).forEach(selected::add);
        }
        for (ModelIndex.Config c : selected) {
            c.groups().values().forEach(f -> units(f.config(), request).count(f.config()));
        }
        checkFinishedRuns(models, selected);
        AnalysisTrials trials = AnalysisTrials.load(data, index.taskSet(), request.trials());
        ActivityWindow window = ActivityWindow.of(trials, request.window());
        int dsaTrials = request.settings().referenceAxes() ? window.steps() : trials.count();
        int dsaSteps = request.settings().referenceAxes() ? trials.count() : window.steps();
        DsaShape.capped(request.settings().dmd(), dsaTrials, dsaSteps, 1);
        if (request.settings().pca().zscore() && window.steps() < 2) {
            throw new IllegalArgumentException("the activity window has " + window.steps() + " step: z-scoring needs 2");
        }
        TaskDataset v = validation.test(selected) ? TaskDataset.load(data, AnalysisTrials.analysisTask(index.taskSet())) : null;
        return new AnalysisSetup(models, index, request, selected, trials, window, v);
    }

    /**
     * Every finished run's final weights load and are finite, and its log.json parses: a damaged file is named
     * before the output location is opened, not after other models' activity has been recorded.
     */
    private static void checkFinishedRuns(ArtifactStore models, List<ModelIndex.Config> selected) {
        for (ModelIndex.Config c : selected) {
            for (org.repal.core.activity.ModelFolder f : c.groups().values()) {
                if (f.isFinished()) {
                    f.load(org.repal.core.activity.Snapshot.FINAL, f.trainedType());
                    GroupAccuracy.loggedByCheckpoint(models, f.name() + "/", AnalysisTrials.analysisTask(f.taskSet()));
                }
            }
        }
    }

    /** The recorded units of a model: the RNN's hidden state, the requested Mamba units. */
    public static Units units(ModelConfig config, AnalysisRequest request) {
        return config instanceof MambaConfig ? request.mambaUnits() : Units.rnnHidden();
    }

    public Units units(ModelConfig config) {
        return units(config, request);
    }

    /** The fewest units of the non-null activities (1 when there are none). */
    public static int units(List<Activity> list) {
        return list.stream().filter(a -> a != null).mapToInt(Activity::units).min().orElse(1);
    }

    /** Each non-null activity's half of the common PCA at {@code units} width (null stays null). */
    public List<Activity> prepared(List<Activity> raw, int units) {
        List<Activity> out = new ArrayList<>();
        for (Activity a : raw) {
            out.add(a == null ? null : CommonPca.prepare(a, units, request.settings().pca().zscore()));
        }
        return out;
    }

    /**
     * The DSA parameters the shape allows (before any per-pair lowering of the rank). In the own basis an activity
     * narrower than the PCA components is fitted at its own width, so its cap can be lower (the ranks used are
     * reported per pair).
     */
    public DmdParams planned(int units) {
        int k = request.settings().pca().components() == CommonPca.Options.NONE ? units
                : Math.min(units, request.settings().pca().components());
        boolean ref = request.settings().referenceAxes();
        return DsaShape.capped(request.settings().dmd(), ref ? window.steps() : trials.count(),
                ref ? trials.count() : window.steps(), k);
    }

    /** The settings every analysis output records (summary.json, manifest.json). */
    public ObjectNode settingsJson(String stage) {
        ComparisonSettings s = request.settings();
        ObjectNode o = JSON.createObjectNode();
        o.put("stage", stage);
        o.put("taskset", index.taskSet().displayName());
        ArrayNode g = o.putArray("groups");
        AnalysisGroups.ORDER.forEach(g::add);
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
                .put("basis", s.dsaBasis().jsonName()).put("optimizer", "fast").put("iters", s.alignerIterations())
                .put("score", "angular");
        Units mu = request.mambaUnits();
        o.putObject("units").put("rnn", "rnn_hidden").put("mamba", mu.kind().jsonName()
                + (mu.kind() == Units.Kind.MAMBA_SSM ? "_l" + mu.layer() : ""));
        o.put("reference_compat", s.referenceAxes());
        return o;
    }
}
