package org.repal.core.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent jobs on a fixed number of Java threads with single-threaded OpenBLAS (the cores are already
 * busy with Java threads), returning results in job order: with single-threaded, deterministic jobs the results
 * do not depend on the thread count. The first failure is rethrown.
 */
public final class ParallelJobs {
    private ParallelJobs() {
    }

    public static <T> List<T> run(List<Callable<T>> jobs, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int workers = Math.min(threads, Math.max(1, jobs.size()));
        return BlasThreads.with(1, () -> runOn(jobs, workers));
    }

    private static <T> List<T> runOn(List<Callable<T>> jobs, int workers) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            // LAPACK's job tables live on the stack; the worker's kept work buffers die with it.
            Runnable work = () -> {
                try {
                    r.run();
                } finally {
                    Scratch.releaseThread();
                }
            };
            Thread t = new Thread(null, work, "repal-jobs", 16L << 20);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> job : jobs) {
                futures.add(pool.submit(job));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(await(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The result of {@code job}, waiting for it to finish. Its failure is rethrown as the job threw it (a checked
     * exception wrapped in an IllegalStateException); an interrupt while waiting becomes an IllegalStateException,
     * with the thread's interrupt flag set again.
     */
    public static <T> T await(Future<T> job) {
        try {
            return job.get();
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
        }
    }
}
