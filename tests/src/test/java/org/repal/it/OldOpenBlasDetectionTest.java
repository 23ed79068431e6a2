package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The self-check against the real failure it exists for: repal's command line on the OpenBLAS it shipped before
 * (0.3.19-1.5.7, copied into target/openblas-0.3.19 by the build), whose LAPACK is wrong with the SkylakeX
 * kernels. Under SkylakeX it must refuse with exit 2 and the one-line diagnosis; under Haswell the same build
 * passes. Needs an AVX-512 CPU (skipped elsewhere).
 */
class OldOpenBlasDetectionTest {

    @Test
    void theGateRefusesOpenBlas0319OnSkylakeXAndAcceptsItOnHaswell() throws Exception {
        Set<String> flags = KernelMatrixTest.cpuFlags();
        Assumptions.assumeTrue(flags.containsAll(KernelMatrixTest.CORES.get("SkylakeX")),
                "needs an AVX-512 CPU to run OpenBLAS's SkylakeX kernels");
        String cp = oldClasspath();
        Path cases = Path.of(System.getenv().getOrDefault("REPAL_SHARED", ""), "testdata/dsa/cases");
        Assumptions.assumeTrue(Files.isDirectory(cases), "REPAL_SHARED is not set");
        List<String> compare = List.of("compare", cases.resolve("lorenz_rho28.npy").toString(),
                cases.resolve("lorenz_rho28_rot.npy").toString(), "--metric", "dsa", "--n-delays", "10",
                "--delay-interval", "2", "--rank", "10");

        ChildJvm.Result skylake = run(cp, "SkylakeX", compare);
        assertEquals(2, skylake.exit(), skylake.toString());
        assertEquals("", skylake.stdout().trim(), "no result may be printed: " + skylake);
        List<String> lines = skylake.stderr().lines().filter(l -> l.startsWith("compare:")).toList();
        assertEquals(1, lines.size(), skylake.toString());
        String line = lines.get(0);
        assertTrue(line.contains("numerics self-check failed") && line.contains("kernel SkylakeX")
                && line.contains("OpenBLAS 0.3.19") && line.contains("OPENBLAS_CORETYPE=Haswell"), line);

        ChildJvm.Result haswell = run(cp, "Haswell", compare);
        assertEquals(0, haswell.exit(), haswell.toString());
        assertTrue(haswell.stdout().contains("\"dsa\""), haswell.toString());
    }

    private static ChildJvm.Result run(String cp, String core, List<String> args) throws Exception {
        return ChildJvm.run(List.of("-Xss16m"), cp, "org.repal.cli.Repal", args,
                Map.of("OPENBLAS_CORETYPE", core, "OPENBLAS_NUM_THREADS", "1"));
    }

    /** The command line's classes and libraries with OpenBLAS and JavaCPP swapped for the old release's jars. */
    private static String oldClasspath() throws IOException {
        Path root = Path.of(System.getProperty("repal.repo.root")).toAbsolutePath().normalize();
        Path old = Path.of(System.getProperty("repal.openblas.old.dir"));
        Path lib = root.resolve("workflows/target/lib");
        Assumptions.assumeTrue(Files.isDirectory(old) && Files.isDirectory(lib), "old OpenBLAS jars or lib/ missing");
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(old)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
        }
        entries.add(root.resolve("workflows/target/classes").toString());
        try (Stream<Path> stages = Files.list(root.resolve("stages"))) {
            stages.map(p -> p.resolve("target/classes")).filter(Files::isDirectory).sorted()
                    .forEach(p -> entries.add(p.toString()));
        }
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(p -> p.toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().matches("(openblas|javacpp|repal)-.*"))
                    .sorted().forEach(p -> entries.add(p.toString()));
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
