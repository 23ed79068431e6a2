package org.repal.stages.trainrnn;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.model.Activation;
import org.repal.core.model.InitType;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnType;
import org.repal.core.task.TaskSet;
import org.repal.core.train.Curriculum;
import org.repal.core.train.TrainingConfig;
import org.repal.core.train.TrainingOptions;
import org.repal.core.train.TrainingRuns;

/**
 * The runs one invocation trains: the product group × rnn_type × activation × hidden × lr × batch size × init
 * of the option lists (the reference's grid when every list is full), in that nesting order, optionally
 * reduced to the chunk {@code K/N} (configs whose index in the grid is K modulo N, in every group) for fan-out.
 */
record RunPlan(List<TrainingRuns.Run> runs) {

    static RunPlan of(TaskSet set, List<String> groups, List<String> types, List<String> activations, List<Integer> hidden,
                      List<Double> lrs, List<Integer> batchSizes, List<String> inits, TrainingOptions.Common common, String chunk) {
        List<Curriculum> gs = new ArrayList<>();
        for (String g : groups) {
            gs.add(TrainingOptions.parse("--group", () -> Curriculum.parse(set, g)));
        }
        List<TrainingRuns.Run> runs = new ArrayList<>();
        for (Curriculum g : gs) {
            for (String t : types) {
                RnnType type = TrainingOptions.parse("--rnn-type", () -> RnnType.parse(t));
                for (String a : activations) {
                    Activation act = TrainingOptions.parse("--activation", () -> Activation.parse(a));
                    for (int h : hidden) {
                        for (double lr : lrs) {
                            for (int bs : batchSizes) {
                                for (String i : inits) {
                                    InitType init = TrainingOptions.parse("--init", () -> InitType.parse(i));
                                    RnnConfig m = new RnnConfig(type, act, set.inputs(), h, set.outputs(), init);
                                    TrainingConfig c = new TrainingConfig(m, lr, bs, common.epochs(), common.seed(),
                                            common.loss(), common.target(),
                                            org.repal.core.train.WeightPenalty.REFERENCE_COEFFICIENT);
                                    runs.add(new TrainingRuns.Run(g, c));
                                }
                            }
                        }
                    }
                }
            }
        }
        return new RunPlan(TrainingRuns.chunk(runs, chunk));
    }
}
