package org.repal.core.linalg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent jobs on a fixed number of Java threads with single-threaded OpenBLAS (the cores are already
 * busy with Java threads), returning results in job order: with single-threaded, deterministic jobs the results
 * do not depend on the thread count. The first failure (in job order) is rethrown; no job starts after a failure.
 *
 * <p>The threads are pooled and live on for {@link #KEEP_ALIVE_SECONDS} after their last job, so that the work
 * buffers they keep ({@link Scratch}: a DMD fit's ≈ 200 MB at the bench shape) serve the next call too instead of
 * being faulted in again; a thread that ends frees them.
 */
public final class ParallelJobs {

    static final long KEEP_ALIVE_SECONDS = 30;

    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
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

    private ParallelJobs() {
    }

    public static <T> List<T> run(List<Callable<T>> jobs, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int workers = Math.min(threads, Math.max(1, jobs.size()));
        return BlasThreads.with(1, () -> runOn(jobs, workers));
    }

    /** {@code workers} pooled threads take the jobs in order; results and failures are kept by job index. */
    private static <T> List<T> runOn(List<Callable<T>> jobs, int workers) {
        int count = jobs.size();
        List<T> results = new ArrayList<>(Collections.nCopies(count, null));
        Throwable[] failures = new Throwable[count];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<?>> runners = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            runners.add(POOL.submit(() -> {
                for (int i = next.getAndIncrement(); i < count && !failed.get(); i = next.getAndIncrement()) {
                    try {
                        results.set(i, jobs.get(i).call());
                    } catch (Throwable e) {
                        failures[i] = e;
                        failed.set(true);
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> runner : runners) {
                await(runner);
            }
        } finally {
            runners.forEach(r -> r.cancel(true)); // only matters when the caller was interrupted while waiting
        }
        for (Throwable failure : failures) {
            if (failure != null) {
                rethrow(failure);
            }
        }
        return results;
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
            rethrow(e.getCause());
            throw new AssertionError("unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Rethrows a job's failure as it was thrown (a checked exception wrapped in an IllegalStateException). */
    private static void rethrow(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(cause);
    }
}
