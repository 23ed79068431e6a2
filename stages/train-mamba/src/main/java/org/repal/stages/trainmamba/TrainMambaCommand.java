package org.repal.stages.trainmamba;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.task.TaskSet;
import org.repal.core.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repal train-mamba} (stage 3): trains one (group, config) or the product of comma-separated option
 * lists, reading the datasets of {@code repal generate} and writing {@code LOCATION/<GROUP>/<model-name>/}
 * (final.npz, checkpoints/, log.json, run.json, pretrain.npz). Finished runs are skipped and interrupted ones
 * resume. Prints one JSON summary line; progress goes to stderr.
 */
@Command(name = "train-mamba", mixinStandardHelpOptions = true,
        description = {"Trains Mamba networks under a group's curriculum (pretraining, then the "
                + "anti-delay task).", "Writes LOCATION/<GROUP>/<model-name>/{final.npz,checkpoints/,log.json}; "
                + "prints one JSON line. Comma-separated lists train every combination."})
public final class TrainMambaCommand implements Callable<Integer> {
    @Mixin
    TrainingOptions common;

    @Option(names = "--d-model", required = true, split = ",", paramLabel = "D",
            description = "Width of the residual stream (reference: 8, 16).")
    List<Integer> dModels;

    @Option(names = "--n-layers", required = true, split = ",", paramLabel = "L",
            description = "Residual Mamba blocks (reference: 1, 2).")
    List<Integer> layers;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public TrainMambaCommand() {
        this(System.getenv());
    }

    /** With an explicit environment for the S3 settings (tests). */
    public TrainMambaCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        TaskSet set = common.taskSet();
        MambaRunPlan plan = MambaRunPlan.of(set, common.groups(), dModels, layers, common.lrs(), common.batchSizes(),
                common.common(), common.chunk());
        return common.execute("train-mamba", set, plan.runs(), env, spec);
    }
}
