package org.repal.stages.attractors;

import java.util.List;
import java.util.concurrent.Callable;
import org.repal.core.attractor.AttractorBench;
import org.repal.core.attractor.DsaSweep;
import org.repal.core.attractor.Lorenz;
import org.repal.core.metric.DmdParams;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repal attractors}: the attractor bench (spec §7) — regime discrimination, noise and mixing, motif
 * composition — for DSA, Procrustes and CKA, written through the store with {@code manifest.json} last.
 */
@Command(name = "attractors", mixinStandardHelpOptions = true,
        description = {"The attractor bench: Lorenz regimes, noise and mixing, motif composition (DSA, Procrustes, CKA).",
                "Writes LOCATION/{regimes,noise,composition}/*.npy, *.csv, summary.json and manifest.json (last); "
                        + "prints summary.json on one line."})
public final class AttractorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "quick|paper",
            description = "Sizes: quick (12 samples) or paper (200 samples, the reference). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every simulation and noise draw.")
    long seed;

    @Option(names = "--samples", paramLabel = "N", description = "Samples per system (overrides the profile).")
    Integer samples;

    @Option(names = "--steps", paramLabel = "T", description = "Time points per sample (default 200).")
    Integer steps;

    @Option(names = "--integrator", defaultValue = "euler", paramLabel = "euler|rk4",
            description = "Lorenz integrator: euler (the reference, dt 0.01) or rk4. Default: ${DEFAULT-VALUE}.")
    String integrator;

    @Option(names = "--burn-in", defaultValue = "0", paramLabel = "STEPS", description = "Unrecorded steps first.")
    int burnIn;

    @Option(names = "--n-delays", defaultValue = "33", description = "DSA delays (default ${DEFAULT-VALUE}).")
    int nDelays;

    @Option(names = "--delay-interval", defaultValue = "6", description = "DSA delay interval (default ${DEFAULT-VALUE}).")
    int delayInterval;

    @Option(names = "--rank", defaultValue = "20",
            description = "DSA rank (default ${DEFAULT-VALUE}, as analysis_lorenz_1; capped at the data's numerical rank).")
    int rank;

    @Option(names = "--composition-rank", paramLabel = "N",
            description = "DSA rank of the composition test (default: --rank; 50 with --reference-compat).")
    Integer compositionRank;

    @Option(names = "--reference-compat",
            description = "Reproduce the reference instead of the intended bench: its degenerate line motif and DSA "
                    + "rank 50 for the noise and composition tests (see stages/attractors/README.md).")
    boolean referenceCompat;

    @Option(names = "--sweep-delays", split = ",", paramLabel = "N",
            description = "n_delays of the stage-8 sweep, each with delay_interval = steps/n_delays "
                    + "(default: quick 10,17,33; paper 10,15,17,20,25,33,38,50,66).")
    int[] sweepDelays;

    @Option(names = "--no-sweep", description = "Skip the DSA parameter sweep.")
    boolean noSweep;

    @Option(names = "--threads", paramLabel = "N", description = "Java threads for DSA (default: available cores).")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "LOCATION", description = "Folder or s3://bucket/prefix.")
    String out;

    @Override
    public Integer call() {
        AttractorBench.Settings settings = settings();
        List<int[]> grid = grid(settings);
        try (ArtifactStore store = ArtifactStores.open(out)) {
            String summary = new BenchWriter(store, new AttractorBench(settings), profile, grid).run();
            spec.commandLine().getOut().println(summary);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    List<int[]> grid(AttractorBench.Settings settings) {
        if (noSweep) {
            return List.of();
        }
        int[] delays = sweepDelays != null ? sweepDelays
                : profile.equals("paper") ? new int[] {10, 15, 17, 20, 25, 33, 38, 50, 66} : new int[] {10, 17, 33};
        for (int d : delays) {
            if (d < 1 || (d - 1) * Math.max(1, settings.steps() / d) > settings.steps() - 2) {
                throw new IllegalArgumentException("--sweep-delays " + d + " does not fit " + settings.steps() + " steps");
            }
        }
        return DsaSweep.paired(delays, settings.steps());
    }

    AttractorBench.Settings settings() {
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (cores < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + cores);
        }
        AttractorBench.Settings base = switch (profile) {
            case "quick" -> AttractorBench.Settings.quick(seed, cores);
            case "paper" -> AttractorBench.Settings.paper(seed, cores);
            default -> throw new IllegalArgumentException("--profile must be quick or paper, got '" + profile + "'");
        };
        Lorenz.Integrator integ = switch (integrator) {
            case "euler" -> Lorenz.Integrator.EULER;
            case "rk4" -> Lorenz.Integrator.RK4;
            default -> throw new IllegalArgumentException("--integrator must be euler or rk4, got '" + integrator + "'");
        };
        if (burnIn < 0) {
            throw new IllegalArgumentException("--burn-in must be >= 0, got " + burnIn);
        }
        if (rank < 1) {
            throw new IllegalArgumentException("--rank must be >= 1, got " + rank);
        }
        int n = samples == null ? base.samples() : samples;
        int t = steps == null ? base.steps() : steps;
        if (n < 2 || t < 2) {
            throw new IllegalArgumentException("--samples and --steps must be >= 2");
        }
        DmdParams dmd = new DmdParams(nDelays, delayInterval, rank, 0);
        if (dmd.embeddedLength(t) < 2) {
            throw new IllegalArgumentException("--steps " + t + " is too short for --n-delays " + nDelays
                    + " and --delay-interval " + delayInterval + ": steps - (n_delays-1)*delay_interval must be >= 2");
        }
        AttractorBench.Variant v = referenceCompat ? AttractorBench.Variant.REFERENCE : AttractorBench.Variant.DEFAULT;
        if (compositionRank != null) {
            if (compositionRank < 1) {
                throw new IllegalArgumentException("--composition-rank must be >= 1, got " + compositionRank);
            }
            v = new AttractorBench.Variant(v.referenceLine(), v.noiseRank(), compositionRank);
        }
        return new AttractorBench.Settings(n, t, base.dt(), integ, burnIn, dmd, cores, seed, base.noise(),
                base.mixing(), v);
    }
}
