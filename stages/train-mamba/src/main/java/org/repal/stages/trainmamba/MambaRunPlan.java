package org.repal.stages.trainmamba;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.model.LossMode;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.task.TaskSet;
import org.repal.core.train.Curriculum;
import org.repal.core.train.TrainingConfig;
import org.repal.core.train.WeightPenalty;

/**
 * The runs one invocation trains: the product group × d_model × n_layers × lr × batch size of the option lists
 * (the reference's grid: d_model {8, 16} × n_layers {1, 2} × lr {0.01, 0.005, 0.001, 0.0005} × batch {16, 32,
 * 64, 128}), in that nesting order, optionally reduced to the chunk {@code K/N} (runs whose index is K modulo N).
 */
record MambaRunPlan(List<Run> runs) {

    record Run(Curriculum group, TrainingConfig config) {
        String name() {
            return group.name() + "/" + config.modelName();
        }
    }

    /** Settings shared by every run. */
    record Common(int epochs, long seed, LossMode loss, double target) {
    }

    static MambaRunPlan of(TaskSet set, List<String> groups, List<Integer> dModels, List<Integer> layers, List<Double> lrs,
                           List<Integer> batchSizes, Common common, String chunk) {
        List<Curriculum> gs = new ArrayList<>();
        for (String g : groups) {
            gs.add(parse("--group", () -> Curriculum.parse(set, g)));
        }
        List<Run> runs = new ArrayList<>();
        for (Curriculum g : gs) {
            for (int d : dModels) {
                for (int l : layers) {
                    MambaConfig m = parse("--d-model/--n-layers", () -> new MambaConfig(set.inputs(), d, l, set.outputs()));
                    for (double lr : lrs) {
                        for (int bs : batchSizes) {
                            runs.add(new Run(g, new TrainingConfig(m, lr, bs, common.epochs(), common.seed(), common.loss(),
                                    common.target(), WeightPenalty.REFERENCE_COEFFICIENT)));
                        }
                    }
                }
            }
        }
        return new MambaRunPlan(chunk == null ? runs : select(runs, chunk));
    }

    private static List<Run> select(List<Run> runs, String chunk) {
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
        for (int i = k; i < runs.size(); i += n) {
            out.add(runs.get(i));
        }
        return out;
    }

    private static <T> T parse(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
