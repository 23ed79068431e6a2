package org.repal.workflows.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.repal.core.model.Activation;
import org.repal.core.model.InitType;
import org.repal.core.model.RnnType;
import org.repal.core.store.StoreLocations;
import org.repal.core.task.TaskSet;
import org.repal.core.train.Curriculum;

/** Checks a parsed config field by field; the first problem throws, naming the field in YAML spelling. */
final class ConfigValidator {
    static final int MAX_NAME = 57;

    private ConfigValidator() {
    }

    static void validate(ExperimentConfig c, String source) {
        new ConfigValidator().run(c, source);
    }

    private void run(ExperimentConfig c, String src) {
        TaskSet set = parse(src, "taskset", required(src, "taskset", c.taskset()), TaskSet::parse);
        required(src, "seed", c.seed());
        if (c.name() != null && !c.name().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            fail(src, "name", "must be lowercase letters, digits and '-', got '" + c.name() + "'");
        }
        // Argo appends "-" and 5 characters to make Workflow names, which must stay within 63.
        if (c.name() != null && c.name().length() > MAX_NAME) {
            fail(src, "name", "must be at most " + MAX_NAME + " characters, got " + c.name().length());
        }
        noCredentials(src, "store", c.store());
        noCredentials(src, "cluster.store", c.cluster().store());
        ExperimentConfig.Data d = required(src, "data", c.data());
        positive(src, "data.train_size", d.trainSize());
        positive(src, "data.test_size", d.testSize());
        positive(src, "data.seq_len", d.seqLen());
        ExperimentConfig.RnnGrid g = required(src, "rnn", c.rnn());
        for (String t : nonEmpty(src, "rnn.rnn_type", g.rnnType())) {
            parse(src, "rnn.rnn_type", t, RnnType::parse);
        }
        for (String a : nonEmpty(src, "rnn.activation", g.activation())) {
            parse(src, "rnn.activation", a, Activation::parse);
        }
        for (Integer h : nonEmpty(src, "rnn.hidden", g.hidden())) {
            positive(src, "rnn.hidden", h);
        }
        for (Double lr : nonEmpty(src, "rnn.lr", g.lr())) {
            positiveNumber(src, "rnn.lr", lr);
        }
        for (Integer b : nonEmpty(src, "rnn.batch_size", g.batchSize())) {
            positive(src, "rnn.batch_size", b);
        }
        for (String i : nonEmpty(src, "rnn.init", g.init())) {
            parse(src, "rnn.init", i, InitType::parse);
        }
        if (c.mamba() != null) {
            validateMamba(src, c.mamba());
        }
        var seen = new HashSet<String>();
        for (String name : nonEmpty(src, "groups", c.groups())) {
            Curriculum cur = parse(src, "groups", name, n -> Curriculum.parse(set, n));
            if (!seen.add(cur.name())) {
                fail(src, "groups", "'" + name + "' is listed twice");
            }
        }
        ExperimentConfig.Training tr = required(src, "training", c.training());
        positive(src, "training.epochs", tr.epochs());
        if (tr.mambaEpochs() != null) {
            positive(src, "training.mamba_epochs", tr.mambaEpochs());
        }
        if (tr.targetAccuracy() != null && !(tr.targetAccuracy() > 0 && tr.targetAccuracy() < 1)) {
            fail(src, "training.target_accuracy", "must be a number between 0 and 1 (exclusive), got "
                    + tr.targetAccuracy());
        }
        if (tr.chunksPerGroup() != null) {
            positive(src, "training.chunks_per_group", tr.chunksPerGroup());
        }
        ExperimentConfig.Dsa dsa = required(src, "dsa", c.dsa());
        positive(src, "dsa.n_delays", dsa.nDelays());
        positive(src, "dsa.delay_interval", dsa.delayInterval());
        positive(src, "dsa.rank", dsa.rank());
        int minHidden = g.hidden().stream().mapToInt(Integer::intValue).min().orElseThrow();
        if ((long) dsa.rank() > (long) dsa.nDelays() * minHidden) {
            fail(src, "dsa.rank", "must be <= n_delays x hidden = " + dsa.nDelays() + " x " + minHidden + " = "
                    + (long) dsa.nDelays() * minHidden + ", got " + dsa.rank());
        }
        if (c.dissimilarity() != null) {
            validateDissimilarity(src, c);
        }
        if (c.learningDynamics() != null) {
            positive(src, "learning_dynamics.configs_per_task", c.learningDynamics().configsPerTask());
        }
        if (c.attractors() != null) {
            String scale = required(src, "attractors.scale", c.attractors().scale());
            if (!ExperimentConfig.Attractors.SCALES.contains(scale)) {
                fail(src, "attractors.scale", "must be one of " + String.join(", ", ExperimentConfig.Attractors.SCALES)
                        + ", got '" + scale + "'");
            }
        }
        if (c.report() != null) {
            if (c.report().minModels() < 2) {
                fail(src, "report.min_models", "must be >= 2, got " + c.report().minModels());
            }
            if (!(c.report().alpha() > 0 && c.report().alpha() < 1)) {
                fail(src, "report.alpha", "must be in (0, 1), got " + c.report().alpha());
            }
        }
        Map<String, ExperimentConfig.Resources> res = required(src, "resources", c.resources());
        for (String stage : res.keySet()) {
            if (!ExperimentConfig.STAGES.contains(stage)) {
                fail(src, "resources." + stage, "unknown stage (known: " + String.join(", ", ExperimentConfig.STAGES) + ")");
            }
        }
        for (String stage : c.plannedStages()) {
            String f = "resources." + stage;
            ExperimentConfig.Resources r = required(src, f, res.get(stage));
            Double cpu = required(src, f + ".cpu", r.cpu());
            // Kubernetes counts CPU in millicores.
            if (!(cpu >= 0.001) || Double.isInfinite(cpu)) {
                fail(src, f + ".cpu", "must be >= 0.001 (one millicore), got " + cpu);
            }
            String mem = required(src, f + ".memory", r.memory());
            if (!mem.matches("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?")) {
                fail(src, f + ".memory", "must be a Kubernetes quantity such as 512Mi or 4Gi, got '" + mem + "'");
            }
            Integer gpu = required(src, f + ".gpu", r.gpu());
            if (gpu < 0) {
                fail(src, f + ".gpu", "must be >= 0, got " + gpu);
            }
            if (gpu > 0 && !ExperimentConfig.GPU_STAGES.contains(stage)) {
                fail(src, f + ".gpu", "must be 0: " + stage + " computes on the CPU in either image (only "
                        + String.join(", ", new java.util.TreeSet<>(ExperimentConfig.GPU_STAGES))
                        + " runs on a GPU), got " + gpu);
            }
        }
        ClusterValidator.validate(c, src);
    }

    private static void validateDissimilarity(String src, ExperimentConfig c) {
        positive(src, "dissimilarity.configs_per_task", c.dissimilarity().configsPerTask());
        ExperimentConfig.CrossGrids cross = c.dissimilarity().rnnVsMamba();
        if (cross == null) {
            return;
        }
        if (c.mamba() == null) {
            fail(src, "dissimilarity.rnn_vs_mamba", "needs a mamba grid");
        }
        String f = "dissimilarity.rnn_vs_mamba.";
        ExperimentConfig.RnnGrid r = cross.rnn();
        if (r != null) {
            subset(src, f + "rnn.rnn_type", r.rnnType(), c.rnn().rnnType());
            subset(src, f + "rnn.activation", r.activation(), c.rnn().activation());
            subset(src, f + "rnn.hidden", r.hidden(), c.rnn().hidden());
            subset(src, f + "rnn.lr", r.lr(), c.rnn().lr());
            subset(src, f + "rnn.batch_size", r.batchSize(), c.rnn().batchSize());
            subset(src, f + "rnn.init", r.init(), c.rnn().init());
        }
        ExperimentConfig.MambaGrid m = cross.mamba();
        if (m != null) {
            subset(src, f + "mamba.d_model", m.dModel(), c.mamba().dModel());
            subset(src, f + "mamba.n_layers", m.nLayers(), c.mamba().nLayers());
            subset(src, f + "mamba.lr", m.lr(), c.mamba().lr());
            subset(src, f + "mamba.batch_size", m.batchSize(), c.mamba().batchSize());
        }
    }

    /** A sub-grid list may only name values of the grid's own list (and not be empty). */
    private static <T> void subset(String src, String field, List<T> values, List<T> grid) {
        if (values != null && (values.isEmpty() || !grid.containsAll(values))) {
            fail(src, field, "must list values of the grid's own list " + grid + ", got " + values);
        }
    }

    private static void validateMamba(String src, ExperimentConfig.MambaGrid m) {
        for (Integer d : nonEmpty(src, "mamba.d_model", m.dModel())) {
            positive(src, "mamba.d_model", d);
        }
        for (Integer l : nonEmpty(src, "mamba.n_layers", m.nLayers())) {
            positive(src, "mamba.n_layers", l);
        }
        for (Double lr : nonEmpty(src, "mamba.lr", m.lr())) {
            positiveNumber(src, "mamba.lr", lr);
        }
        for (Integer b : nonEmpty(src, "mamba.batch_size", m.batchSize())) {
            positive(src, "mamba.batch_size", b);
        }
    }

    private static void positiveNumber(String src, String field, Double lr) {
        if (lr == null || !(lr > 0) || Double.isInfinite(lr)) {
            fail(src, field, "must be a positive number, got " + lr);
        }
    }

    /** A location holding a key or password would reach logs, markers and rendered workflows: refused, unshown. */
    private static void noCredentials(String src, String field, String location) {
        if (StoreLocations.hasCredentials(location)) {
            fail(src, field, "must not hold credentials (got '" + StoreLocations.redact(location) + "'): S3 keys come"
                    + " from REPAL_S3_ACCESS_KEY / REPAL_S3_SECRET_KEY or the cluster's Secret (cluster.s3_secret)");
        }
    }

    static <T> T required(String src, String field, T value) {
        if (value == null) {
            fail(src, field, "missing");
        }
        return value;
    }

    static <T> List<T> nonEmpty(String src, String field, List<T> list) {
        if (required(src, field, list).isEmpty()) {
            fail(src, field, "must list at least one value");
        }
        return list;
    }

    static void positive(String src, String field, Integer v) {
        if (required(src, field, v) < 1) {
            fail(src, field, "must be >= 1, got " + v);
        }
    }

    private static <T> T parse(String src, String field, String value, java.util.function.Function<String, T> p) {
        if (value == null) {
            fail(src, field, "missing");
        }
        try {
            return p.apply(value);
        } catch (IllegalArgumentException e) {
            fail(src, field, e.getMessage());
            return null;
        }
    }

    static void fail(String src, String field, String message) {
        throw new IllegalArgumentException(src + ": " + field + ": " + message);
    }
}
