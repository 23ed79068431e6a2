package org.repal.stages.dissimilarity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.activity.CommonPca;
import org.repal.core.activity.Units;
import org.repal.core.activity.WindowMode;
import org.repal.core.analysis.ComparisonSettings;
import org.repal.core.metric.DmdParams;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repal dissimilarity}: per model config the 10×10 group matrices of DSA, Procrustes and CKA with each
 * group's accuracy, and with {@code --rnn-vs-mamba} the full matrices of every (RNN config, Mamba config) pair
 * (spec §6.4, §6.5). Every input and option is checked before anything is written; the outputs come last, then
 * manifest.json.
 */
@Command(name = "dissimilarity", mixinStandardHelpOptions = true,
        description = {"Group matrices of DSA, Procrustes and CKA dissimilarities per model config (and RNN vs Mamba).",
                "Writes LOCATION/{rnn,mamba}/<config>/{dsa,procrustes,cka,accuracy}.npy, rnn_vs_mamba/<rnn>__<mamba>/*.npy, "
                        + "dissimilarity.csv, summary.json, activity/ (recordings, reused on rerun) and manifest.json "
                        + "(last); prints one JSON line."})
public final class DissimilarityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "Dataset of repal generate: folder or s3://bucket/prefix.")
    String data;

    @Option(names = "--models", required = true, paramLabel = "MODELS",
            description = "Models of train-rnn / train-mamba (<group>/<model-name>/): folder or s3://bucket/prefix.")
    String models;

    @Option(names = "--configs", split = ",", paramLabel = "NAME",
            description = "Model configs (names such as leaky_rnn_relu_64_0.01_64_kaiming, mamba_16_1_0.005_32); "
                    + "default: every config found.")
    List<String> configs;

    @Option(names = "--rnn-vs-mamba", description = "Also the full matrices of every selected (RNN, Mamba) config pair.")
    boolean rnnVsMamba;

    @Option(names = "--trials", defaultValue = "200", paramLabel = "N",
            description = "Analysis trials: the first N test trials of the analysis task (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--pca-components", defaultValue = "20", paramLabel = "K|all|none",
            description = "Common PCA per pair to K components (default ${DEFAULT-VALUE}); all: keep every one; none: no PCA.")
    String pcaComponents;

    @Option(names = "--no-zscore", description = "Do not z-score each (trial, unit) over time before the common PCA.")
    boolean noZscore;

    @Option(names = "--n-delays", defaultValue = "33", description = "DSA delays (default ${DEFAULT-VALUE}).")
    int nDelays;

    @Option(names = "--delay-interval", defaultValue = "6",
            description = "DSA delay interval (default ${DEFAULT-VALUE}; lowered when the window is too short).")
    int delayInterval;

    @Option(names = "--rank", defaultValue = "50",
            description = "DSA rank (default ${DEFAULT-VALUE}; capped at what the data holds, the rank used is reported).")
    int rank;

    @Option(names = "--iters", defaultValue = "1000", description = "DSA alignment iterations per start.")
    int iters;

    @Option(names = "--mamba-units", defaultValue = "ssm", paramLabel = "ssm|stream",
            description = "Mamba units: ssm (layer 0's SSM state, the reference HEAD) or stream (the residual stream).")
    String mambaUnits;

    @Option(names = "--reference-compat",
            description = "The reference's window h[0:200] and its DSA axes (time read as trials), to reproduce its numbers.")
    boolean referenceCompat;

    @Option(names = "--threads", paramLabel = "N", description = "Java threads for the pairs (default: available cores).")
    Integer threads;

    @Option(names = "--no-progress", description = "No progress lines on stderr.")
    boolean noProgress;

    @Option(names = "--out", required = true, paramLabel = "LOCATION", description = "Folder or s3://bucket/prefix.")
    String out;

    /** The environment the stores are configured from (tests substitute their own). */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        DissimilarityRun.Request request = request();
        mustExist("--models", models);
        mustExist("--data", data);
        try (ArtifactStore modelStore = open("--models", models); ArtifactStore dataStore = open("--data", data)) {
            DissimilarityRun run = DissimilarityRun.prepare(modelStore, dataStore, request);
            try (ArtifactStore outStore = open("--out", out)) {
                String line = run.execute(outStore, noProgress ? null : spec.commandLine().getErr());
                spec.commandLine().getOut().println(line);
                spec.commandLine().getOut().flush();
            }
        }
        return 0;
    }

    DissimilarityRun.Request request() {
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (cores < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + cores);
        }
        if (trials < 2) {
            throw new IllegalArgumentException("--trials must be >= 2, got " + trials);
        }
        if (rank < 1) {
            throw new IllegalArgumentException("--rank must be >= 1, got " + rank);
        }
        if (iters < 1) {
            throw new IllegalArgumentException("--iters must be >= 1, got " + iters);
        }
        int k = switch (pcaComponents.trim().toLowerCase()) {
            case "all" -> CommonPca.Options.ALL;
            case "none" -> CommonPca.Options.NONE;
            default -> {
                try {
                    int v = Integer.parseInt(pcaComponents.trim());
                    if (v < 1) {
                        throw new NumberFormatException();
                    }
                    yield v;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--pca-components must be a positive integer, all or none, got '"
                            + pcaComponents + "'");
                }
            }
        };
        Units mamba = switch (mambaUnits) {
            case "ssm" -> Units.mambaSsm(0);
            case "stream" -> Units.mambaStream();
            default -> throw new IllegalArgumentException("--mamba-units must be ssm or stream, got '" + mambaUnits + "'");
        };
        DmdParams dmd;
        try {
            dmd = new DmdParams(nDelays, delayInterval, rank, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--n-delays/--delay-interval: " + e.getMessage(), e);
        }
        if (configs != null) {
            for (String c : configs) {
                if (c.isBlank() || c.contains("/")) {
                    throw new IllegalArgumentException("--configs: '" + c + "' is not a model name");
                }
            }
        }
        ComparisonSettings s = new ComparisonSettings(new CommonPca.Options(k, !noZscore), dmd, referenceCompat, iters);
        return new DissimilarityRun.Request(configs == null ? null : List.copyOf(configs), rnnVsMamba, trials, s,
                referenceCompat ? WindowMode.REFERENCE_COMPAT : WindowMode.STIMULUS_AFTER_500MS, mamba, cores);
    }

    /** A local input location must already exist: opening a local store would create it. */
    private static void mustExist(String option, String location) {
        if (location.contains("://") && !location.startsWith("file://")) {
            return;
        }
        Path p = location.startsWith("file://") ? Path.of(java.net.URI.create(location)) : Path.of(location);
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException(option + " " + location + ": no such folder");
        }
    }

    private ArtifactStore open(String option, String location) {
        try {
            return ArtifactStores.open(location, env);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " " + location + ": " + e.getMessage(), e);
        }
    }
}
