package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Which path a backend and an override select, and which settings are refused. */
class ComputePathTest {
    private static final String CPU = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    private static final String CUDA = "org.nd4j.linalg.jcublas.JCublasBackend";

    @Test
    void autoPicksTheFastPathOnlyOnTheCpuBackend() {
        assertEquals(ComputePath.FAST, ComputePath.select(null, CPU));
        assertEquals(ComputePath.FAST, ComputePath.select(" Auto ", CPU));
        assertEquals(ComputePath.ND4J, ComputePath.select(null, CUDA));
        assertEquals(ComputePath.ND4J, ComputePath.select("auto", CUDA));
    }

    @Test
    void nd4jCanBeForcedOnTheCpuBackendButFastNotOnCuda() {
        assertEquals(ComputePath.ND4J, ComputePath.select("nd4j", CPU));
        assertEquals(ComputePath.FAST, ComputePath.select("FAST", CPU));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComputePath.select("fast", CUDA));
        assertTrue(e.getMessage().contains(ComputePath.PROPERTY) && e.getMessage().contains("JCublasBackend"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ComputePath.select("gpu", CPU));
        assertTrue(e.getMessage().contains("'gpu'") && e.getMessage().contains("auto, fast, nd4j"), e.getMessage());
    }

    @Test
    void thePropertyWinsOverTheEnvironment() {
        Properties props = new Properties();
        assertEquals("nd4j", ComputePath.requested(props, Map.of(ComputePath.ENV, "nd4j")));
        props.setProperty(ComputePath.PROPERTY, "fast");
        assertEquals("fast", ComputePath.requested(props, Map.of(ComputePath.ENV, "nd4j")));
        assertEquals(null, ComputePath.requested(new Properties(), Map.of()));
    }

    @Test
    void thisJvmRunsTheFastPathOnTheCpuBackendUnlessForced() {
        String forced = ComputePath.requested(System.getProperties(), System.getenv());
        assertEquals(ComputePath.select(forced, ComputePath.backendName()), ComputePath.current());
        assertTrue(ComputePath.isNativeCpu(ComputePath.backendName()), ComputePath.backendName());
    }
}
