package org.repal.core.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.repal.core.linalg.BlasThreads;
import org.repal.core.linalg.ParallelJobs;

/**
 * Dynamical similarity analysis over one pair or many datasets: each dataset's DMD is fitted once, then
 * every pair is aligned; fits and alignments are spread over {@code threads} worker threads with
 * single-threaded BLAS inside each.
 */
public final class Dsa {

    /**
     * @param aligners gives the optimiser for pair number p (p = 0 for a single comparison), so that seeded
     *                 optimisers are reproducible whatever order the threads run in
     */
    public record Settings(DmdParams dmd, ScoreMethod score, IntFunction<OrthogonalAligner> aligners, int threads) {
        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }
    }

    /** The pairwise score matrix (symmetric, zero diagonal) and per-pair details in row-major upper order. */
    public record Matrix(double[][] scores, List<DsaComparison.Result> pairs, List<HavokDmd.Fit> fits) {
    }

    private Dsa() {
    }

    public static DsaComparison.Result compare(Trajectories x, Trajectories y, Settings settings) {
        List<HavokDmd.Fit> fits = fitAll(List.of(x, y), settings);
        // n×n products with n ≲ 100 only lose time to BLAS threading.
        OrthogonalAligner aligner = settings.aligners().apply(0).withThreads(settings.threads());
        return BlasThreads.with(1, () -> DsaComparison.compare(fits.get(0), fits.get(1), aligner, settings.score()));
    }

    public static List<HavokDmd.Fit> fitAll(List<Trajectories> datasets, Settings settings) {
        for (Trajectories x : datasets) {
            HavokDmd.validate(x, settings.dmd());
        }
        List<Callable<HavokDmd.Fit>> tasks = new ArrayList<>();
        for (Trajectories x : datasets) {
            tasks.add(() -> HavokDmd.fit(x, settings.dmd()));
        }
        return runAll(tasks, settings.threads());
    }

    public static Matrix pairwise(List<Trajectories> datasets, Settings settings) {
        List<HavokDmd.Fit> fits = fitAll(datasets, settings);
        int n = fits.size();
        List<Callable<DsaComparison.Result>> tasks = new ArrayList<>();
        int pair = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                HavokDmd.Fit a = fits.get(i);
                HavokDmd.Fit b = fits.get(j);
                int index = pair++;
                tasks.add(() -> DsaComparison.compare(a, b, settings.aligners().apply(index), settings.score()));
            }
        }
        List<DsaComparison.Result> results = BlasThreads.with(1, () -> runAll(tasks, settings.threads()));
        double[][] scores = new double[n][n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                scores[i][j] = results.get(k).score();
                scores[j][i] = scores[i][j];
                k++;
            }
        }
        return new Matrix(scores, results, fits);
    }

    /** Runs tasks on a fixed pool, single-threaded BLAS inside; results in task order; first failure rethrown. */
    static <T> List<T> runAll(List<Callable<T>> tasks, int threads) {
        return ParallelJobs.run(tasks, threads);
    }
}
