package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * OpenBLAS started with several threads: the pairwise DSA (Java threads calling OpenBLAS at once, which lowers it to
 * one thread meanwhile) gives the single-threaded run's numbers, and a JVM with the default 1 MB thread stacks, where
 * multi-threaded LAPACK would crash (NumericsGate), runs OpenBLAS single-threaded and says so.
 */
class BlasThreadingTest {

    private static final String MAIN = "org.repal.cli.Repal";

    @Test
    void pairwiseDsaWithOpenBlasStartedMultiThreadedMatchesSingleThreaded() throws Exception {
        String shared = System.getenv("REPAL_SHARED");
        Assumptions.assumeTrue(shared != null, "REPAL_SHARED is not set");
        Path cases = Path.of(shared, "testdata/dsa/cases");
        List<String> args = new ArrayList<>(List.of("compare", "--pairwise"));
        for (String name : List.of("lorenz_rho10", "lorenz_rho28", "lorenz_rho28_rot", "lorenz_rho28_noise0.1")) {
            assertTrue(Files.isRegularFile(cases.resolve(name + ".npy")), name);
            args.add(cases.resolve(name + ".npy").toString());
        }
        args.addAll(List.of("--metric", "dsa", "--n-delays", "10", "--delay-interval", "2", "--rank", "10"));
        JsonNode two = dsa(ChildJvm.run(List.of("-Xss16m"), ChildJvm.testClasspath(), MAIN, args,
                Map.of("OPENBLAS_NUM_THREADS", "2")));
        JsonNode one = dsa(ChildJvm.run(List.of("-Xss16m"), ChildJvm.testClasspath(), MAIN, args,
                Map.of("OPENBLAS_NUM_THREADS", "1")));
        assertEquals(4, two.size());
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(one.get(i).get(j).asDouble(), two.get(i).get(j).asDouble(), 1e-9, "entry " + i + "," + j);
            }
        }
        // The rotated copy is the same system: ~0, and far from the other regime.
        assertTrue(two.get(1).get(2).asDouble() < 1e-6, two.toString());
        assertTrue(two.get(0).get(1).asDouble() > 0.05, two.toString());
    }

    @Test
    void smallThreadStacksRunOpenBlasSingleThreadedInsteadOfCrashing() throws Exception {
        ChildJvm.Result run = ChildJvm.run(List.of("-Xss1m"), ChildJvm.testClasspath(), MAIN, List.of("doctor"),
                Map.of("OPENBLAS_NUM_THREADS", "2"));
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.stderr().contains("too small for OpenBLAS's multi-threaded LAPACK"), run.stderr());
        JsonNode doctor = new ObjectMapper().readTree(run.stdout());
        assertEquals(1, doctor.at("/blas/threads").asInt());
        assertTrue(doctor.path("passed").asBoolean());

        ChildJvm.Result big = ChildJvm.run(List.of("-Xss16m"), ChildJvm.testClasspath(), MAIN, List.of("doctor"),
                Map.of("OPENBLAS_NUM_THREADS", "2"));
        assertEquals(0, big.exit(), big.toString());
        assertEquals(2, new ObjectMapper().readTree(big.stdout()).at("/blas/threads").asInt(), big.stdout());
    }

    private static JsonNode dsa(ChildJvm.Result run) throws Exception {
        assertEquals(0, run.exit(), run.toString());
        String last = run.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        return new ObjectMapper().readTree(last).get("dsa");
    }
}
