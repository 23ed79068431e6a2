package org.repal.stages.trainrnn;

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
 * {@code repal train-rnn} (stage 2): trains one (group, config) or the product of comma-separated option
 * lists, reading the datasets of {@code repal generate} and writing {@code LOCATION/<GROUP>/<model-name>/}
 * (final.npz, checkpoints/, log.json, run.json, pretrain.npz). Finished runs are skipped and interrupted ones
 * resume. Prints one JSON summary line; progress goes to stderr.
 */
@Command(name = "train-rnn", mixinStandardHelpOptions = true,
        description = {"Trains leaky RNN / leaky GRU networks under a group's curriculum (pretraining, then the "
                + "anti-delay task).", "Writes LOCATION/<GROUP>/<model-name>/{final.npz,checkpoints/,log.json}; "
                + "prints one JSON line. Comma-separated lists train every combination."})
public final class TrainRnnCommand implements Callable<Integer> {
    @Mixin
    TrainingOptions common;

    @Option(names = "--rnn-type", required = true, split = ",", paramLabel = "leaky_rnn|leaky_gru")
    List<String> rnnTypes;

    @Option(names = "--activation", required = true, split = ",", paramLabel = "A",
            description = "relu, leaky_relu, softplus or tanh.")
    List<String> activations;

    @Option(names = "--hidden", required = true, split = ",", paramLabel = "H") List<Integer> hidden;

    @Option(names = "--init", defaultValue = "kaiming", split = ",", paramLabel = "INIT",
            description = "kaiming (default), xavier, orthogonal, randortho, randgauss or diag.")
    List<String> inits;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public TrainRnnCommand() {
        this(System.getenv());
    }

    /** With an explicit environment for the S3 settings (tests). */
    public TrainRnnCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        TaskSet set = common.taskSet();
        RunPlan plan = RunPlan.of(set, common.groups(), rnnTypes, activations, hidden, common.lrs(),
                common.batchSizes(), inits, common.common(), common.chunk());
        return common.execute("train-rnn", set, plan.runs(), env, spec);
    }
}
