package org.repal.core.train;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.repal.core.model.LossMode;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.ArtifactStores;
import org.repal.core.store.VerifyingArtifactStore;
import org.repal.core.task.TaskSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options {@code train-rnn} and {@code train-mamba} share (a picocli mixin): data, task set, groups, the
 * learning-rate and batch-size lists, the training budget, the chunk and the output; and the run that follows once a
 * stage has turned its own model options into runs.
 */
public final class TrainingOptions {
    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "Dataset of repal generate: folder or s3://bucket/prefix.")
    String data;

    @Option(names = "--taskset", required = true, paramLabel = "PDM|GoNogo") String taskSet;

    @Option(names = "--group", required = true, split = ",", paramLabel = "GROUP",
            description = "Group(s), e.g. master, pretrain_frozen, untrained.")
    List<String> groups;

    @Option(names = "--lr", required = true, split = ",", paramLabel = "X") List<Double> lrs;

    @Option(names = "--batch-size", required = true, split = ",", paramLabel = "B") List<Integer> batchSizes;

    @Option(names = "--epochs", defaultValue = "50", description = "Epochs per phase (default 50).") int epochs;

    @Option(names = "--seed", defaultValue = "0") long seed;

    @Option(names = "--loss", defaultValue = "all", paramLabel = "all|decision",
            description = "Cross-entropy over all steps (reference, default) or the decision steps only.")
    String loss;

    @Option(names = "--target-accuracy", paramLabel = "A",
            description = "Stop a phase once every task's validation accuracy exceeds A (default: never).")
    Double target;

    @Option(names = "--chunk", paramLabel = "K/N", description = "Only configs K, K+N, K+2N, … of the grid, in every group.")
    String chunk;

    @Option(names = "--out", required = true, paramLabel = "LOCATION", description = "Folder or s3://bucket/prefix.")
    String out;

    @Option(names = "--no-progress", description = "Do not report progress on stderr.") boolean noProgress;

    /** Settings every run of one invocation shares. */
    public record Common(int epochs, long seed, LossMode loss, double target) {
    }

    public TaskSet taskSet() {
        return parse("--taskset", () -> TaskSet.parse(taskSet));
    }

    public List<String> groups() {
        return groups;
    }

    public List<Double> lrs() {
        return lrs;
    }

    public List<Integer> batchSizes() {
        return batchSizes;
    }

    public String chunk() {
        return chunk;
    }

    public Common common() {
        LossMode mode = parse("--loss", () -> LossMode.parse(loss));
        // NaN stands for "no target" inside; given on the command line it is a mistake.
        if (target != null && !(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("--target-accuracy must be in (0, 1], got " + target);
        }
        return new Common(epochs, seed, mode, target == null ? Double.NaN : target);
    }

    /** Trains {@code runs} from the data to the output location ({@link TrainingRuns#execute}); the exit code. */
    public int execute(String stage, TaskSet set, List<TrainingRuns.Run> runs, Map<String, String> env,
                       CommandSpec spec) throws IOException {
        // Bad input leaves no trace: no --data folder is made up, and an --out folder this call creates goes
        // again when the input turns out to be bad before anything was written into it.
        if (!data.contains("://") && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(data))) {
            throw new IllegalArgumentException("--data " + data + ": no such folder (generate the data set with"
                    + " repal generate)");
        }
        java.nio.file.Path createdOut = out.contains("://") || java.nio.file.Files.exists(java.nio.file.Path.of(out))
                ? null : java.nio.file.Path.of(out);
        TrainingRuns.Console console = new TrainingRuns.Console(stage,
                noProgress ? null : spec.commandLine().getErr(), spec.commandLine().getErr(),
                spec.commandLine().getOut(), System.console() != null);
        // The data set's manifest records every file's SHA-256: reads are checked against it as they stream.
        try (ArtifactStore dataStore = VerifyingArtifactStore.ofManifest(open("--data", data, env));
             ArtifactStore outStore = open("--out", out, env)) {
            return TrainingRuns.execute(set, runs, dataStore, outStore, console);
        } catch (IOException | RuntimeException e) {
            removeIfNothingIn(createdOut);
            throw e;
        }
    }

    /** Deletes a folder tree that holds no file (only empty folders); leaves anything else alone. */
    private static void removeIfNothingIn(java.nio.file.Path folder) throws IOException {
        if (folder == null || !java.nio.file.Files.isDirectory(folder)) {
            return;
        }
        List<java.nio.file.Path> all;
        try (var walk = java.nio.file.Files.walk(folder)) {
            all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
        }
        if (all.stream().allMatch(java.nio.file.Files::isDirectory)) {
            for (java.nio.file.Path p : all) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    private static ArtifactStore open(String option, String location, Map<String, String> env) throws IOException {
        try {
            return ArtifactStores.open(location, env);
        } catch (ArtifactStoreException | IllegalArgumentException e) {
            throw new IOException(option + " " + location + ": " + e.getMessage(), e);
        }
    }

    /** Runs a parser, prefixing its error with the option's name. */
    public static <T> T parse(String option, Supplier<T> p) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
