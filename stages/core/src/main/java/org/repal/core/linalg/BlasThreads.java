package org.repal.core.linalg;

import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * OpenBLAS's own thread count. Work that is already spread over cores by Java threads (one DMD fit or one
 * alignment per thread) runs each BLAS call single-threaded: two threads inside every small call on two
 * cores only oversubscribes them.
 */
public final class BlasThreads {

    private static final int STARTUP = startupCount();

    private BlasThreads() {
    }

    /**
     * OpenBLAS's start-up thread count. It reports −1 when ND4J has loaded it with ND4J_SKIP_BLAS_THREADS; then
     * the count comes from the variables OpenBLAS itself reads, in its order.
     */
    private static int startupCount() {
        int reported = openblas_nolapack.blas_get_num_threads();
        if (reported >= 1) {
            return reported;
        }
        for (String name : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String value = System.getenv(name);
            if (value != null && value.trim().matches("[1-9][0-9]*")) {
                return Integer.parseInt(value.trim());
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    public static int get() {
        return openblas_nolapack.blas_get_num_threads();
    }

    /**
     * Sets the thread count, never above the count OpenBLAS started with: this OpenBLAS build (0.3.19)
     * crashes when raised above its start-up count, which comes from OPENBLAS_NUM_THREADS (else
     * OMP_NUM_THREADS, else the core count).
     */
    public static void set(int threads) {
        openblas_nolapack.blas_set_num_threads(Math.max(1, Math.min(threads, STARTUP)));
    }

    /**
     * Whether several Java threads may call BLAS at once. Only when OpenBLAS started single-threaded: with
     * its own worker threads started (OPENBLAS_NUM_THREADS > 1) concurrent calls from this OpenBLAS build
     * were seen to crash the JVM, even with the count lowered to 1 afterwards.
     */
    public static boolean concurrentCallsSafe() {
        return STARTUP == 1;
    }

    /** Runs {@code work} with the given BLAS thread count, restoring the previous count afterwards. */
    public static <T> T with(int threads, java.util.function.Supplier<T> work) {
        int previous = get();
        set(threads);
        try {
            return work.get();
        } finally {
            set(previous);
        }
    }
}
