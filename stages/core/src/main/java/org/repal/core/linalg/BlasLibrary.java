package org.repal.core.linalg;

import java.util.List;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * What the process's OpenBLAS is: version, the kernel set it picked, its thread count. The JavaCPP preset maps
 * none of {@code openblas_get_corename}, {@code openblas_get_num_threads}, so the answers are read from the
 * library's exported globals instead: a DYNAMIC_ARCH build points {@code gotoblas} at the kernel table of the
 * core it chose ({@code gotoblas_HASWELL}, {@code gotoblas_SKYLAKEX}, …) and keeps its thread count in
 * {@code blas_cpu_number}.
 */
public final class BlasLibrary {

    /**
     * OpenBLAS's x86-64 kernel sets, spelled as {@code OPENBLAS_CORETYPE} accepts them; the library's table of
     * each is {@code gotoblas_<NAME in upper case>}.
     */
    public static final List<String> X86_64_CORES = List.of("Prescott", "Core2", "Nehalem", "Sandybridge",
            "Haswell", "SkylakeX", "Cooperlake", "SapphireRapids", "Zen", "Barcelona", "Bulldozer", "Piledriver",
            "Steamroller", "Excavator", "Atom", "Dunnington", "Penryn", "Opteron", "Opteron_SSE3");

    private BlasLibrary() {
    }

    /** Loads OpenBLAS (with LAPACK) if no call has yet. */
    public static void load() {
        Loader.load(openblas.class);
    }

    /** The OpenBLAS release the loaded bindings were built for, e.g. {@code 0.3.31}. */
    public static String version() {
        // Read reflectively: the compiler would inline the constant of the bindings this class was built with.
        try {
            Object v = openblas_nolapack.class.getField("OPENBLAS_VERSION").get(null);
            return String.valueOf(v).trim().replaceFirst("^OpenBLAS\\s+", "");
        } catch (ReflectiveOperationException e) {
            return "unknown";
        }
    }

    /** The Maven artifact version of the bindings (e.g. {@code 0.3.31-1.5.13}), or "unknown". */
    public static String bindingsVersion() {
        String v = openblas.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /**
     * The kernel set in use, e.g. {@code Haswell} or {@code SkylakeX}; "unknown" when the library is not a
     * DYNAMIC_ARCH build (no {@code gotoblas} table to compare).
     */
    public static String coreName() {
        load();
        Pointer selected = Loader.addressof("gotoblas");
        if (selected == null || selected.isNull()) {
            return "unknown";
        }
        long table = new LongPointer(selected).get(0);
        for (String core : X86_64_CORES) {
            Pointer candidate = Loader.addressof("gotoblas_" + core.toUpperCase(java.util.Locale.ROOT));
            if (candidate != null && !candidate.isNull() && candidate.address() == table) {
                return core;
            }
        }
        return "unknown";
    }

    /**
     * Whether OpenBLAS runs AVX-512 kernels ({@code SkylakeX}, {@code Cooperlake}, {@code SapphireRapids}); true also
     * when the kernel set cannot be told ("unknown"), so that callers choosing between OpenBLAS and their own kernels
     * by it keep OpenBLAS then.
     */
    public static boolean hasAvx512Kernels() {
        String core = coreName();
        return core.equals("unknown") || core.equals("SkylakeX") || core.equals("Cooperlake")
                || core.equals("SapphireRapids");
    }

    /** OpenBLAS's current thread count ({@code blas_cpu_number}), or −1 when the library does not export it. */
    public static int threads() {
        IntPointer count = CpuNumber.ADDRESS;
        return count == null ? -1 : count.get(0);
    }

    /**
     * Where {@code blas_cpu_number} lives, looked up once: {@code Loader.load} and {@code addressof} took 0.15–0.8 ms
     * a call, and RNN training asks for the thread count at every batch.
     */
    private static final class CpuNumber {
        static final IntPointer ADDRESS = lookup();

        private static IntPointer lookup() {
            load();
            Pointer count = Loader.addressof("blas_cpu_number");
            return count == null || count.isNull() ? null : new IntPointer(count);
        }
    }
}
