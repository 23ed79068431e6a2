package org.repal.core.linalg;

import java.util.function.Supplier;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * OpenBLAS's own thread count. Work that is already spread over cores by Java threads (one DMD fit or one
 * alignment per thread) runs each BLAS call single-threaded: two threads inside every small call on two
 * cores only oversubscribes them.
 *
 * <p>Several Java threads may call OpenBLAS at once, whatever its thread count, as long as each has the stack
 * multi-threaded LAPACK needs ({@link NumericsGate#LAPACK_STACK_BYTES}; the JVM runs with -Xss16m): the crashes once
 * blamed on concurrency were stack overflows (tests/…/BlasThreadingTest). Since 0.3.21 the count may also be raised
 * above the one it started with.
 */
public final class BlasThreads {

    private BlasThreads() {
    }

    /** The current count (from the library itself, or the variables OpenBLAS reads when it does not say). */
    public static int get() {
        int n = BlasLibrary.threads();
        return n >= 1 ? n : fromEnvironment();
    }

    private static int fromEnvironment() {
        for (String name : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String value = System.getenv(name);
            if (value != null && value.trim().matches("[1-9][0-9]*")) {
                return Integer.parseInt(value.trim());
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    public static void set(int threads) {
        openblas_nolapack.blas_set_num_threads(Math.max(1, threads));
    }

    /** Runs {@code work} with the given BLAS thread count, restoring the previous count afterwards. */
    public static <T> T with(int threads, Supplier<T> work) {
        int previous = get();
        if (previous == threads) {
            return work.get();
        }
        set(threads);
        try {
            return work.get();
        } finally {
            set(previous);
        }
    }
}
