package org.repal.stages.trainrnn;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.model.LossMode;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.ArtifactStores;
import org.repal.core.task.TaskSet;
import org.repal.core.train.TrainingRuns;
import picocli.CommandLine.Command;
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
    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "Dataset of repal generate: folder or s3://bucket/prefix.")
    String data;

    @Option(names = "--taskset", required = true, paramLabel = "PDM|GoNogo") String taskSet;

    @Option(names = "--group", required = true, split = ",", paramLabel = "GROUP",
            description = "Group(s), e.g. master, pretrain_frozen, untrained.")
    List<String> groups;

    @Option(names = "--rnn-type", required = true, split = ",", paramLabel = "leaky_rnn|leaky_gru")
    List<String> rnnTypes;

    @Option(names = "--activation", required = true, split = ",", paramLabel = "A",
            description = "relu, leaky_relu, softplus or tanh.")
    List<String> activations;

    @Option(names = "--hidden", required = true, split = ",", paramLabel = "H") List<Integer> hidden;

    @Option(names = "--lr", required = true, split = ",", paramLabel = "X") List<Double> lrs;

    @Option(names = "--batch-size", required = true, split = ",", paramLabel = "B") List<Integer> batchSizes;

    @Option(names = "--init", defaultValue = "kaiming", split = ",", paramLabel = "INIT",
            description = "kaiming (default), xavier, orthogonal, randortho, randgauss or diag.")
    List<String> inits;

    @Option(names = "--epochs", defaultValue = "50", description = "Epochs per phase (default 50).") int epochs;

    @Option(names = "--seed", defaultValue = "0") long seed;

    @Option(names = "--loss", defaultValue = "all", paramLabel = "all|decision",
            description = "Cross-entropy over all steps (reference, default) or the decision steps only.")
    String loss;

    @Option(names = "--target-accuracy", paramLabel = "A",
            description = "Stop a phase once every task's validation accuracy exceeds A (default: never).")
    Double target;

    @Option(names = "--chunk", paramLabel = "K/N", description = "Only runs K, K+N, K+2N, … of the product.")
    String chunk;

    @Option(names = "--out", required = true, paramLabel = "LOCATION", description = "Folder or s3://bucket/prefix.")
    String out;

    @Option(names = "--no-progress", description = "Do not report progress on stderr.") boolean noProgress;

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
        TaskSet set = parse("--taskset", () -> TaskSet.parse(taskSet));
        LossMode mode = parse("--loss", () -> LossMode.parse(loss));
        RunPlan plan = RunPlan.of(set, groups, rnnTypes, activations, hidden, lrs, batchSizes, inits,
                new RunPlan.Common(epochs, seed, mode, target == null ? Double.NaN : target), chunk);
        TrainingRuns.Console console = new TrainingRuns.Console("train-rnn",
                noProgress ? null : spec.commandLine().getErr(), spec.commandLine().getErr(),
                spec.commandLine().getOut(), System.console() != null);
        try (ArtifactStore dataStore = open("--data", data); ArtifactStore outStore = open("--out", out)) {
            return TrainingRuns.execute(set, plan.runs(), dataStore, outStore, console);
        }
    }

    private ArtifactStore open(String option, String location) throws IOException {
        try {
            return ArtifactStores.open(location, env);
        } catch (ArtifactStoreException | IllegalArgumentException e) {
            throw new IOException(option + " " + location + ": " + e.getMessage(), e);
        }
    }

    private static <T> T parse(String option, java.util.function.Supplier<T> p) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
