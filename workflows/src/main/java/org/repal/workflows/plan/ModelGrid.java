package org.repal.workflows.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import org.repal.core.model.Activation;
import org.repal.core.model.InitType;
import org.repal.core.model.ModelConfig;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.task.TaskSet;
import org.repal.core.train.TrainingConfig;

/** The models a training task's command line names, as the training stages enumerate them. */
public final class ModelGrid {
    private ModelGrid() {
    }

    /** The grid of a {@code train-rnn} or {@code train-mamba} command line. */
    public static Map<String, ModelConfig> of(String stage, TaskArgs a) {
        return stage.equals("train-rnn") ? rnn(a) : mamba(a);
    }

    /** Model name → config, in the stage's nesting order (the order {@code --chunk K/N} counts in). */
    public static Map<String, ModelConfig> rnn(TaskArgs a) {
        Map<String, ModelConfig> out = new LinkedHashMap<>();
        for (String t : a.list("--rnn-type")) {
            for (String act : a.list("--activation")) {
                for (int h : a.ints("--hidden")) {
                    for (double lr : a.doubles("--lr")) {
                        for (int b : a.ints("--batch-size")) {
                            for (String init : a.list("--init")) {
                                RnnConfig m = RnnConfig.of(RnnType.parse(t), Activation.parse(act), h)
                                        .withInit(InitType.parse(init));
                                out.put(TrainingConfig.reference(m, lr, b).modelName(), m);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    public static Map<String, ModelConfig> mamba(TaskArgs a) {
        TaskSet set = TaskSet.parse(a.value("--taskset"));
        Map<String, ModelConfig> out = new LinkedHashMap<>();
        for (int d : a.ints("--d-model")) {
            for (int l : a.ints("--n-layers")) {
                MambaConfig m = new MambaConfig(set.inputs(), d, l, set.outputs());
                for (double lr : a.doubles("--lr")) {
                    for (int b : a.ints("--batch-size")) {
                        out.put(TrainingConfig.reference(m, lr, b).modelName(), m);
                    }
                }
            }
        }
        return out;
    }

}
