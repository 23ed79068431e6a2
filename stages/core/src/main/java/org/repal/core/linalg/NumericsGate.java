package org.repal.core.linalg;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Runs {@link NumericsSelfCheck} once per JVM, before the first real BLAS/LAPACK call, and refuses to go on when
 * it fails. Every command-line entry point passes through here ({@code StageCli}).
 */
public final class NumericsGate {

    /**
     * Stack a Java thread needs to call OpenBLAS's multi-threaded LAPACK: its parallel LU keeps per-thread job
     * tables on the caller's stack, sized for the build's maximum thread count. Measured with 0.3.19 and 0.3.31: a
     * 200×200 dgesv with 2 OpenBLAS threads crashes the JVM (SIGSEGV, no message) on 1–4 MB stacks and runs on 8 MB.
     */
    public static final long LAPACK_STACK_BYTES = 8L << 20;
    private static final long CHECK_THREAD_STACK = 64L << 20;

    private static NumericsSelfCheck.Report report;

    private NumericsGate() {
    }

    /** The check's report, running it on first use (on a thread of its own with a large stack). */
    public static synchronized NumericsSelfCheck.Report report() {
        if (report == null) {
            guardStack();
            NumericsSelfCheck.Report[] out = new NumericsSelfCheck.Report[1];
            RuntimeException[] failure = new RuntimeException[1];
            Thread t = new Thread(null, () -> {
                try {
                    out[0] = NumericsSelfCheck.run();
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            }, "repal-numerics-check", CHECK_THREAD_STACK);
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during the numerics self-check", e);
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            report = out[0];
        }
        return report;
    }

    /** Throws {@link NumericsCheckFailedException} (one line: routine, size, kernel, remedy) unless every check passed. */
    public static void ensure() {
        NumericsSelfCheck.Report r = report();
        if (!r.passed()) {
            throw new NumericsCheckFailedException(failureMessage(r));
        }
    }

    public static String failureMessage(NumericsSelfCheck.Report r) {
        NumericsSelfCheck.Result bad = r.firstFailure();
        String other = "Haswell".equalsIgnoreCase(r.core()) ? "Sandybridge" : "Haswell";
        return String.format(Locale.ROOT, "numerics self-check failed: %s (n = %d) has scaled residual %.3g (limit %.0f)"
                + " with OpenBLAS %s, kernel %s, %d thread(s): results would be wrong on this CPU. Remedy: set"
                + " OPENBLAS_CORETYPE=%s and run again (repal doctor lists every check)",
                bad.routine(), bad.size(), bad.residual(), NumericsSelfCheck.TOLERANCE, BlasLibrary.version(), r.core(),
                r.threads(), other);
    }

    /**
     * A JVM whose threads have less stack than multi-threaded LAPACK needs runs OpenBLAS single-threaded instead
     * of crashing in it (the wrapper and the images start the JVM with -Xss16m; a bare {@code java -jar} does not).
     */
    private static void guardStack() {
        long stack = threadStackBytes();
        if (stack > 0 && stack < LAPACK_STACK_BYTES && BlasLibrary.threads() > 1) {
            System.err.println("repal: Java thread stacks of " + (stack >> 10) + " KiB are too small for OpenBLAS's"
                    + " multi-threaded LAPACK; running it with 1 thread (start java with -Xss16m to use "
                    + BlasLibrary.threads() + ")");
            BlasThreads.set(1);
        }
    }

    /** The JVM's default thread stack size in bytes (-Xss), or −1 if it cannot be read. */
    public static long threadStackBytes() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Long.parseLong(vm.getVMOption("ThreadStackSize").getValue()) << 10;
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
