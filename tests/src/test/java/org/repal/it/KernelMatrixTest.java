package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The numerical tests under every OpenBLAS kernel set this CPU can run: one child JVM per
 * {@code OPENBLAS_CORETYPE}, each running the self-check and the parity/invariance/gradient test classes
 * ({@link KernelSuite}). A user's laptop picks Haswell, a server SkylakeX or Cooperlake: the numbers must not
 * depend on which. The JVM's vector width follows the kernel set (SSE, AVX, AVX2 or AVX-512 registers for the vector
 * API kernel of the DMD solver). A kernel set the CPU lacks the instructions for is skipped with the missing flags.
 */
class KernelMatrixTest {

    /** OpenBLAS x86-64 kernel sets and the /proc/cpuinfo flags each needs (pni is SSE3). */
    static final Map<String, List<String>> CORES = new LinkedHashMap<>();

    static {
        List<String> avx512 = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
        CORES.put("Prescott", List.of("pni"));
        CORES.put("Nehalem", List.of("pni", "ssse3", "sse4_2"));
        CORES.put("Sandybridge", List.of("avx"));
        CORES.put("Haswell", List.of("avx2", "fma"));
        CORES.put("Zen", List.of("avx2", "fma"));
        CORES.put("SkylakeX", avx512);
        List<String> cooper = new ArrayList<>(avx512);
        cooper.add("avx512_bf16");
        CORES.put("Cooperlake", cooper);
        List<String> sapphire = new ArrayList<>(cooper);
        sapphire.addAll(List.of("avx512_fp16", "amx_bf16", "amx_tile"));
        CORES.put("SapphireRapids", sapphire);
    }

    /**
     * Tests that need the vector API with hardware FMA and skip without (UseAVX=0): SymmetricProductTest's module and
     * bit-exactness tests, FloatProductTest's 3 bit-exactness tests, TopEigenTest's kernel-versus-OpenBLAS test,
     * VectorGruRowTest's 7 and VectorRnnRowTest's 3. The float32 cells then run their scalar loops and OpenBLAS step
     * products, which Float32PathTest, GradientCheckTest and LaneSplitTest cover there.
     */
    static final int VECTOR_KERNEL_TESTS = 16;

    /**
     * The JVM's vector width for each kernel set (-XX:UseAVX: 0 SSE, 1 AVX, 2 AVX2, 3 AVX-512), so that the vector
     * API kernels run with 2, 4 and 8 doubles per register as they would on such a CPU; the DMD product kernel's
     * results must not change.
     */
    static final Map<String, Integer> JVM_AVX = Map.of("Prescott", 0, "Nehalem", 0, "Sandybridge", 1, "Haswell", 2,
            "Zen", 2);

    @TestFactory
    List<DynamicTest> numericsAgreeUnderEveryKernelTheCpuCanRun() throws IOException {
        Set<String> flags = cpuFlags();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, List<String>> core : CORES.entrySet()) {
            tests.add(DynamicTest.dynamicTest(core.getKey(), () -> {
                List<String> missing = core.getValue().stream().filter(f -> !flags.contains(f)).toList();
                Assumptions.assumeTrue(missing.isEmpty(), "this CPU cannot run " + core.getKey() + ": no " + missing);
                JsonNode result = runSuite(core.getKey());
                assertEquals(core.getKey(), result.path("core").asText(), "OpenBLAS did not take OPENBLAS_CORETYPE");
                assertTrue(result.path("self_check_passed").asBoolean(), result.path("self_check_failure").asText());
                assertEquals(0, result.path("tests_failed").asInt(), result.path("failures").toString());
                assertTrue(result.path("tests_succeeded").asInt() >= 20, "too few tests ran: " + result);
                if (System.getenv("REPAL_SHARED") != null) {
                    // Parity cases run (not skipped) wherever the reference vectors are available; only the vector
                    // kernel's own tests skip where the JVM has no FMA (UseAVX=0).
                    int allowed = JVM_AVX.getOrDefault(core.getKey(), 3) == 0 ? VECTOR_KERNEL_TESTS : 0;
                    assertEquals(allowed, result.path("tests_skipped").asInt(), "tests skipped: " + result);
                }
            }));
        }
        return tests;
    }

    private static JsonNode runSuite(String core) throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(List.of("-Xss16m", "-Xmx2g", "--add-modules=jdk.incubator.vector"));
        jvm.add("-XX:UseAVX=" + JVM_AVX.getOrDefault(core, 3));
        ChildJvm.Result run = ChildJvm.run(jvm, ChildJvm.testClasspath(), KernelSuite.class.getName(), List.of(),
                Map.of("OPENBLAS_CORETYPE", core, "OPENBLAS_NUM_THREADS", "1"));
        String last = run.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
        assertTrue(!last.isEmpty(), "no result from the " + core + " run: " + run);
        JsonNode result = new ObjectMapper().readTree(last);
        assertEquals(0, run.exit(), core + ": " + result);
        return result;
    }

    static Set<String> cpuFlags() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        Assumptions.assumeTrue(Files.isReadable(cpuinfo) && System.getProperty("os.arch").matches("amd64|x86_64"),
                "kernel matrix needs Linux on x86-64");
        for (String line : Files.readAllLines(cpuinfo)) {
            if (line.startsWith("flags")) {
                return new TreeSet<>(List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
            }
        }
        return Set.of();
    }
}
