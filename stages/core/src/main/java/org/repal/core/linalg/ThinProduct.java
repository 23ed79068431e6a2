package org.repal.core.linalg;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * C = G·Q for a dense row-major n×n matrix G on the Java heap and a thin row-major n×b block Q: the product a
 * block Krylov eigensolver repeats hundreds of times on the same G ({@link TopEigen}).
 *
 * <p>OpenBLAS packs G into its own tile layout on every call, which for a block of 16 columns costs as much as the
 * arithmetic: a 2560-wide G times 16 columns ran at 27–38 GFLOP/s on one AVX-512 core (Haswell and Cooperlake
 * kernels), wider blocks faster but a block Krylov solver then needs more vectors. Streaming G once through vector
 * registers ({@link VectorThinProduct}) ran the same product at ≈ 75 GFLOP/s, and its result does not depend on
 * the CPU's vector width (each element is one fused multiply-add chain in a fixed order), where OpenBLAS's
 * rounding changes with the kernel it picks.
 *
 * <p>The kernel needs the JDK's vector API, an incubator module in Java 17: it is used when the JVM was started
 * with {@code --add-modules jdk.incubator.vector} (the {@code ./repal} wrapper, the images and the tests do; the JVM
 * then prints one "Using incubator modules" warning), the CPU has vectors of at least two doubles and the JIT uses
 * fused multiply-add instructions. Otherwise {@link #available} is false and callers use OpenBLAS.
 */
public final class ThinProduct {

    /** The incubator module's name, as {@code --add-modules} takes it. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final int LANES = detectLanes();

    private ThinProduct() {
    }

    /** Doubles per vector register of the kernel, or 0 when the vector API is not loaded. */
    public static int lanes() {
        return LANES;
    }

    /** Whether the kernel can take a block of {@code b} columns of an n×n G. */
    public static boolean available(int n, int b) {
        return LANES >= 2 && b >= LANES && b % LANES == 0 && (long) n * n <= Integer.MAX_VALUE - 8;
    }

    /** "vector API, 8 doubles" or "OpenBLAS (start the JVM with --add-modules jdk.incubator.vector …)". */
    public static String describe() {
        return LANES >= 2 ? "vector API, " + LANES + " doubles per register"
                : "OpenBLAS dgemm (start the JVM with --add-modules " + VECTOR_MODULE + " for the faster kernel)";
    }

    /**
     * C = G·Q; {@code c} (n×b) is overwritten.
     *
     * @throws IllegalStateException if {@link #available}(n, b) is false
     * @throws IllegalArgumentException if an array is shorter than its shape needs
     */
    public static void multiply(double[] g, int n, double[] q, int b, double[] c) {
        if (!available(n, b)) {
            throw new IllegalStateException("vector kernel unavailable for n=" + n + ", b=" + b + " (" + describe()
                    + ")");
        }
        if (g.length < n * n || q.length < n * b || c.length < n * b) {
            throw new IllegalArgumentException("arrays too short for n=" + n + ", b=" + b);
        }
        VectorThinProduct.multiply(g, n, q, b, c);
    }

    private static int detectLanes() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty() || !hardwareFma()) {
            return 0;
        }
        int lanes = VectorThinProduct.lanes();
        return lanes >= 2 ? lanes : 0;
    }

    /**
     * Whether the JIT emits fused multiply-add instructions (HotSpot's UseFMA: the CPU has them and AVX is on). Without
     * them every vector fma would run in software, hundreds of times slower than OpenBLAS.
     */
    public static boolean hardwareFma() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm != null && Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
        } catch (RuntimeException e) {
            return false; // not HotSpot, or no such flag: do not guess
        }
    }
}
