package org.repal.stages.trainmamba;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.task.TaskSet;
import org.repal.core.train.Curriculum;
import org.repal.core.train.TrainingConfig;
import org.repal.core.train.TrainingOptions;
import org.repal.core.train.TrainingRuns;
import org.repal.core.train.WeightPenalty;

/**
 * The runs one invocation trains: the product group × d_model × n_layers × lr × batch size of the option lists
 * (the reference's grid: d_model {8, 16} × n_layers {1, 2} × lr {0.01, 0.005, 0.001, 0.0005} × batch {16, 32,
 * 64, 128}), in that nesting order, optionally reduced to the chunk {@code K/N} (configs whose index in the grid is K modulo N, in every group).
 */
record MambaRunPlan(List<TrainingRuns.Run> runs) {

    static MambaRunPlan of(TaskSet set, List<String> groups, List<Integer> dModels, List<Integer> layers, List<Double> lrs,
                           List<Integer> batchSizes, TrainingOptions.Common common, String chunk) {
        List<Curriculum> gs = new ArrayList<>();
        for (String g : groups) {
            gs.add(TrainingOptions.parse("--group", () -> Curriculum.parse(set, g)));
        }
        List<TrainingRuns.Run> runs = new ArrayList<>();
        for (Curriculum g : gs) {
            for (int d : dModels) {
                for (int l : layers) {
                    MambaConfig m = TrainingOptions.parse("--d-model/--n-layers", () -> new MambaConfig(set.inputs(), d, l, set.outputs()));
                    for (double lr : lrs) {
                        for (int bs : batchSizes) {
                            runs.add(new TrainingRuns.Run(g, new TrainingConfig(m, lr, bs, common.epochs(), common.seed(), common.loss(),
                                    common.target(), WeightPenalty.REFERENCE_COEFFICIENT)));
                        }
                    }
                }
            }
        }
        return new MambaRunPlan(TrainingRuns.chunk(runs, chunk));
    }
}
