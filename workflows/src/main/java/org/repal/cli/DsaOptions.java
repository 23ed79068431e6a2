package org.repal.cli;

import org.repal.core.metric.DmdParams;
import org.repal.core.metric.Dsa;
import org.repal.core.metric.FastAligner;
import org.repal.core.metric.OrthogonalAligner;
import org.repal.core.metric.ReferenceAligner;
import org.repal.core.metric.ScoreMethod;
import picocli.CommandLine.Option;

/** DSA options shared by the commands that run it; defaults follow the reference package. */
final class DsaOptions {

    @Option(names = "--n-delays", defaultValue = "1", description = "Delays in the Hankel embedding (default ${DEFAULT-VALUE}).")
    int nDelays;

    @Option(names = "--delay-interval", defaultValue = "1", description = "Steps between delays (default ${DEFAULT-VALUE}).")
    int delayInterval;

    @Option(names = "--rank", defaultValue = "0", description = "DMD rank; 0 = all available (default).")
    int rank;

    @Option(names = "--lambda", defaultValue = "0", description = "Ridge added to the HAVOK regression (default ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--optimizer", defaultValue = "fast",
            description = "fast (multi-start Riemannian L-BFGS, default) or reference (the Python package's Adam on a Cayley/MLP parametrisation).")
    String optimizer;

    @Option(names = "--iters", description = "Iterations: Adam steps per run for reference (default 1000), L-BFGS iterations per start for fast (default 1000).")
    Integer iters;

    @Option(names = "--lr", defaultValue = "0.01", description = "Adam learning rate of the reference optimiser (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--restarts", defaultValue = "0", description = "Extra random starts for the fast optimiser (default ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random draw (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--score", defaultValue = "angular", description = "angular (radians, default), euclidean or wasserstein.")
    String score;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    DmdParams dmdParams() {
        requireAtLeast("--n-delays", nDelays, 1);
        requireAtLeast("--delay-interval", delayInterval, 1);
        requireAtLeast("--rank", rank, 0);
        requireAtLeast("--restarts", restarts, 0);
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("--lambda must be a finite number >= 0, got " + lambda);
        }
        return new DmdParams(nDelays, delayInterval, rank, lambda);
    }

    private static void requireAtLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + ", got " + value);
        }
    }

    Dsa.Settings settings() {
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        requireAtLeast("--threads", workers, 1);
        ScoreMethod method;
        try {
            method = ScoreMethod.parse(score);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--score: " + e.getMessage(), e);
        }
        int iterations = iters == null ? 1000 : iters;
        if (iterations < 1) {
            throw new IllegalArgumentException("--iters must be >= 1, got " + iterations);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a finite number > 0, got " + lr);
        }
        String opt = optimizer.trim().toLowerCase(java.util.Locale.ROOT);
        java.util.function.IntFunction<OrthogonalAligner> aligners = switch (opt) {
            case "fast" -> pair -> new FastAligner(iterations, restarts, seed + pair);
            case "reference" -> pair -> new ReferenceAligner(seed + pair, lr, iterations);
            default -> throw new IllegalArgumentException("unknown --optimizer '" + optimizer
                    + "' (expected fast or reference)");
        };
        DmdParams params = dmdParams();
        return new Dsa.Settings(params, method, aligners, workers);
    }
}
