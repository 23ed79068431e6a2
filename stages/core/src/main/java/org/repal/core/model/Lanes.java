package org.repal.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.repal.core.linalg.BlasThreads;

/**
 * Runs the lanes of a {@link Cell} at once: lane 0 on the calling thread, the others on a shared pool of daemon
 * threads. The caller runs the whole pass with OpenBLAS single-threaded ({@link #singleBlas}) when there are several
 * lanes: each lane's GEMMs are its own, and OpenBLAS's idle threads spin for a while after every threaded call
 * (≈ 0.1 s), which on a busy machine took the cores the lanes need.
 */
final class Lanes {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "repal-rnn-lane");
        thread.setDaemon(true);
        return thread;
    });

    private Lanes() {
    }

    static <L> void run(L[] lanes, Consumer<L> work) {
        if (lanes.length == 1) {
            work.accept(lanes[0]);
            return;
        }
        List<Future<?>> others = new ArrayList<>(lanes.length - 1);
        for (int i = 1; i < lanes.length; i++) {
            L lane = lanes[i];
            others.add(POOL.submit(() -> work.accept(lane)));
        }
        RuntimeException failure = null;
        try {
            work.accept(lanes[0]);
        } catch (RuntimeException e) {
            failure = e;
        }
        // Wait for every lane even after a failure: none may still write into the buffers when this returns.
        for (Future<?> other : others) {
            try {
                joinUninterruptibly(other);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("an RNN lane failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs {@code pass} with OpenBLAS single-threaded when {@code lanes} > 1, else as it is. */
    static <T> T singleBlas(int lanes, Supplier<T> pass) {
        return lanes > 1 ? BlasThreads.with(1, pass) : pass.get();
    }

    private static void joinUninterruptibly(Future<?> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
