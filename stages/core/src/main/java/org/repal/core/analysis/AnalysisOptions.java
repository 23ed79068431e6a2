package org.repal.core.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.repal.core.activity.CommonPca;
import org.repal.core.activity.Units;
import org.repal.core.activity.WindowMode;
import org.repal.core.metric.DmdParams;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStores;
import picocli.CommandLine.Option;

/**
 * The options every analysis stage shares (inputs, trials, common PCA, DSA, units, threads, output), as a picocli
 * mixin, and their checks: {@link #request()} turns them into an {@link AnalysisRequest} or throws
 * IllegalArgumentException naming the option, before anything is opened or written.
 */
public final class AnalysisOptions {

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "Dataset of repal generate: folder or s3://bucket/prefix.")
    public String data;

    @Option(names = "--models", required = true, paramLabel = "MODELS",
            description = "Models of train-rnn / train-mamba (<group>/<model-name>/): folder or s3://bucket/prefix.")
    public String models;

    @Option(names = "--configs", split = ",", paramLabel = "NAME",
            description = "Model configs (names such as leaky_rnn_relu_64_0.01_64_kaiming, mamba_16_1_0.005_32); "
                    + "default: every config found.")
    public List<String> configs;

    @Option(names = "--trials", defaultValue = "200", paramLabel = "N",
            description = "Analysis trials: the first N test trials of the analysis task (default ${DEFAULT-VALUE}).")
    public int trials;

    @Option(names = "--pca-components", defaultValue = "20", paramLabel = "K|all|none",
            description = "Common PCA per pair to K components (default ${DEFAULT-VALUE}); all: keep every one; none: no PCA.")
    public String pcaComponents;

    @Option(names = "--no-zscore", description = "Do not z-score each (trial, unit) over time before the common PCA.")
    public boolean noZscore;

    @Option(names = "--n-delays", defaultValue = "33", description = "DSA delays (default ${DEFAULT-VALUE}).")
    public int nDelays;

    @Option(names = "--delay-interval", defaultValue = "6",
            description = "DSA delay interval (default ${DEFAULT-VALUE}; lowered when the window is too short).")
    public int delayInterval;

    @Option(names = "--rank", defaultValue = "50",
            description = "DSA rank (default ${DEFAULT-VALUE}; capped at what the data holds, the rank used is reported).")
    public int rank;

    @Option(names = "--iters", defaultValue = "1000", description = "DSA alignment iterations per start.")
    public int iters;

    @Option(names = "--dsa-basis", paramLabel = "own|pair",
            description = "DSA basis: own (default; each activity on its own top-k PCA, its DMD fitted once per "
                    + "activity and reused by all its pairs) or pair (the pair's common PCA, both DMDs fitted per pair, "
                    + "as the reference; implied by --reference-compat). Procrustes and CKA use the pair's common PCA "
                    + "in both.")
    public String dsaBasis;

    @Option(names = "--mamba-units", defaultValue = "ssm", paramLabel = "ssm|stream",
            description = "Mamba units: ssm (layer 0's SSM state, the reference HEAD) or stream (the residual stream).")
    public String mambaUnits;

    @Option(names = "--reference-compat",
            description = "The reference's window h[0:200] and its DSA axes (time read as trials), to reproduce its numbers.")
    public boolean referenceCompat;

    @Option(names = "--threads", paramLabel = "N", description = "Java threads for the pairs (default: available cores).")
    public Integer threads;

    @Option(names = "--no-progress", description = "No progress lines on stderr.")
    public boolean noProgress;

    @Option(names = "--out", required = true, paramLabel = "LOCATION", description = "Folder or s3://bucket/prefix.")
    public String out;

    /** The checked request; local --models and --data must exist (opening a local store would create them). */
    public AnalysisRequest request() {
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
        mustExist("--models", models);
        mustExist("--data", data);
        DsaBasis basis = dsaBasis == null ? (referenceCompat ? DsaBasis.PAIR : DsaBasis.OWN) : DsaBasis.parse(dsaBasis);
        if (referenceCompat && basis != DsaBasis.PAIR) {
            throw new IllegalArgumentException("--reference-compat fits DSA in the pair basis: drop --dsa-basis "
                    + dsaBasis + " or use --dsa-basis pair");
        }
        ComparisonSettings s = new ComparisonSettings(new CommonPca.Options(k, !noZscore), dmd, referenceCompat, iters,
                basis);
        return new AnalysisRequest(configs == null ? null : List.copyOf(configs), trials, s,
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

    /** Opens a location, the error naming the option. */
    public static ArtifactStore open(String option, String location, Map<String, String> env) {
        try {
            return ArtifactStores.open(location, env);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " " + location + ": " + e.getMessage(), e);
        }
    }
}
