package org.repal.core.linalg;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Work buffers that a thread reuses from one call to the next, by name. A DMD fit of the bench shape needs ≈ 150 MB
 * of work space (its Gram matrix off-heap and on the heap, the Krylov basis, the lag spectra); allocated afresh
 * each fit, those pages are faulted in again every time (≈ 5 000 faults, 40–100 ms of a 300 ms fit on these
 * virtual machines), and a fit runs thousands of times in a dissimilarity stage.
 *
 * <p>Contents of a leased buffer are whatever the previous user left: callers write before they read. A buffer is
 * kept for the next lease only up to {@link #KEEP_LIMIT_BYTES}; larger ones, and second leases of a name already in
 * use, are allocated for the lease and freed when it closes. {@link ParallelJobs} workers release their buffers
 * when they end; a thread that leases and lives on keeps at most one buffer per name.
 */
public final class Scratch {

    /** Buffers larger than this are freed after each use rather than kept. */
    static final long KEEP_LIMIT_BYTES = 256L << 20;

    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private final Map<String, DoublePointer> offHeap = new HashMap<>();
    private final Map<String, Boolean> leased = new HashMap<>();
    private final Map<String, double[]> heap = new HashMap<>();

    private Scratch() {
    }

    /** An off-heap buffer of at least {@code n} doubles, contents undefined; close the lease when done. */
    public static Lease offHeap(String name, long n) {
        return LOCAL.get().lease(name, Math.max(1, n));
    }

    /**
     * A heap array of at least {@code n} doubles, contents undefined, this thread's for {@code name} until its next
     * call with the same name (one user per name at a time).
     */
    public static double[] heap(String name, int n) {
        Scratch s = LOCAL.get();
        double[] a = s.heap.get(name);
        if (a == null || a.length < n) {
            a = new double[n];
            if (8L * n <= KEEP_LIMIT_BYTES) {
                s.heap.put(name, a);
            } else {
                s.heap.remove(name);
            }
        }
        return a;
    }

    /** Frees this thread's kept buffers. */
    public static void releaseThread() {
        Scratch s = LOCAL.get();
        s.offHeap.values().forEach(DoublePointer::close);
        s.offHeap.clear();
        s.heap.clear();
        LOCAL.remove();
    }

    private Lease lease(String name, long n) {
        if (Boolean.TRUE.equals(leased.get(name)) || 8 * n > KEEP_LIMIT_BYTES) {
            return new Lease(NativeBlas.allocUninitialized(n), null, this);
        }
        DoublePointer kept = offHeap.get(name);
        if (kept == null || kept.capacity() < n) {
            if (kept != null) {
                kept.close();
            }
            kept = NativeBlas.allocUninitialized(n);
            offHeap.put(name, kept);
        }
        leased.put(name, true);
        return new Lease(kept, name, this);
    }

    /** A leased off-heap buffer; closing it hands it back (or frees a one-off). */
    public static final class Lease implements AutoCloseable {
        private final DoublePointer pointer;
        private final String keptName;
        private final Scratch owner;

        private Lease(DoublePointer pointer, String keptName, Scratch owner) {
            this.pointer = pointer;
            this.keptName = keptName;
            this.owner = owner;
        }

        public DoublePointer pointer() {
            return pointer;
        }

        @Override
        public void close() {
            if (keptName == null) {
                pointer.close();
            } else {
                owner.leased.put(keptName, false);
            }
        }
    }
}
