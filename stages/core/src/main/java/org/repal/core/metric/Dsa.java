package org.repal.core.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.repal.core.linalg.BlasThreads;

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
        int workers = Math.min(threads, Math.max(1, tasks.size()));
        if (workers == 1) {
            return runOn(tasks, 1);
        }
        // The cores are busy with Java threads: one OpenBLAS thread per call avoids oversubscribing them.
        return BlasThreads.with(1, () -> runOn(tasks, workers));
    }

    private static <T> List<T> runOn(List<Callable<T>> tasks, int workers) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "repal-dsa");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
