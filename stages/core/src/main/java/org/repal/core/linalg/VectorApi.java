package org.repal.core.linalg;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import jdk.incubator.vector.DoubleVector;

/**
 * Whether this JVM can run the vector-API kernels ({@link SymmetricProduct} for the DMD eigensolver, {@link
 * FloatProduct} and the float32 cells' rows for training), and how wide their registers are.
 *
 * <p>The JDK's vector API is an incubator module in Java 17: the kernels are used when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code ./repal} wrapper, the images and the tests do; the JVM then
 * prints one "Using incubator modules" warning), the CPU has vectors of at least two doubles and the JIT uses fused
 * multiply-add instructions. Otherwise {@link #lanes} is 0 and callers use OpenBLAS.
 */
public final class VectorApi {

    /** The incubator module's name, as {@code --add-modules} takes it. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final int LANES = detectLanes();

    private VectorApi() {
    }

    /** Doubles per vector register of the kernels, or 0 when the vector API is not loaded. */
    public static int lanes() {
        return LANES;
    }

    /** "vector API, 8 doubles" or "OpenBLAS (start the JVM with --add-modules jdk.incubator.vector …)". */
    public static String describe() {
        return LANES >= 2 ? "vector API, " + LANES + " doubles per register"
                : "OpenBLAS dgemm (start the JVM with --add-modules " + VECTOR_MODULE + " for the faster kernel)";
    }

    private static int detectLanes() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty() || !hardwareFma()) {
            return 0;
        }
        int lanes = Lanes.preferred();
        return lanes >= 2 ? lanes : 0;
    }

    /** Touches the vector API only when the module is loaded (class loading would fail otherwise). */
    private static final class Lanes {
        static int preferred() {
            return DoubleVector.SPECIES_PREFERRED.length();
        }
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
