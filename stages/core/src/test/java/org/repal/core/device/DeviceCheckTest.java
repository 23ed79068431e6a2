package org.repal.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.repal.core.model.ComputePath;

/** The device check's decisions and its GEMM comparison; the GEMM itself runs here on ND4J's CPU backend. */
class DeviceCheckTest {
    private static final String CPU = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    private static final String CUDA = "org.nd4j.linalg.jcublas.JCublasBackend";

    @Test
    void theCpuImageOnTheCpuBackendChecksNothing() {
        DeviceCheck.Result r = DeviceCheck.evaluate(null, CPU, ComputePath.FAST, () -> fail("no GEMM on the CPU image"));
        assertTrue(r.passed());
        assertFalse(r.ran());
        assertTrue(DeviceCheck.evaluate("cpu", CPU, ComputePath.ND4J, () -> fail("no GEMM")).passed());
    }

    @Test
    void aCudaImageWithoutTheCudaBackendFails() {
        DeviceCheck.Result r = DeviceCheck.evaluate("cuda", CPU, ComputePath.FAST, () -> 0.0);
        assertFalse(r.passed());
        assertTrue(r.message().startsWith("device check failed: this is a cuda image but ND4J's backend is " + CPU),
                r.message());
        assertFalse(r.message().contains("\n"));
    }

    @Test
    void onCudaTheDeviceGemmMustAgreeWithTheCpu() {
        DeviceCheck.Result ok = DeviceCheck.evaluate("cuda", CUDA, ComputePath.ND4J, () -> 3e-7);
        assertTrue(ok.passed() && ok.ran(), ok.message());
        DeviceCheck.Result off = DeviceCheck.evaluate("cuda", CUDA, ComputePath.ND4J, () -> 0.02);
        assertFalse(off.passed());
        assertTrue(off.message().contains("differs from the CPU's by 0.02"), off.message());
        DeviceCheck.Result nan = DeviceCheck.evaluate(null, CUDA, ComputePath.ND4J, () -> Double.NaN);
        assertFalse(nan.passed(), "a non-CPU backend is checked even without REPAL_DEVICE");
        DeviceCheck.Result thrown = DeviceCheck.evaluate("cuda", CUDA, ComputePath.ND4J, () -> {
            throw new IllegalStateException("cudaErrorNoDevice");
        });
        assertFalse(thrown.passed());
        assertTrue(thrown.message().contains("cudaErrorNoDevice"), thrown.message());
        assertFalse(DeviceCheck.evaluate("tpu", CPU, ComputePath.FAST, () -> 0.0).passed());
    }

    @Test
    void relativeErrorCatchesWrongZeroAndNonFiniteResults() {
        double[] ref = {1, -2, 4};
        assertEquals(0, DeviceCheck.relativeError(new float[] {1, -2, 4}, ref));
        assertEquals(0.25, DeviceCheck.relativeError(new float[] {1, -2, 3}, ref), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, DeviceCheck.relativeError(new float[] {1, Float.NaN, 4}, ref));
        assertEquals(Double.POSITIVE_INFINITY, DeviceCheck.relativeError(new float[] {1, -2}, ref));
        assertEquals(Double.POSITIVE_INFINITY, DeviceCheck.relativeError(new float[] {0, 0, 0}, new double[3]));
        assertEquals(1.0, DeviceCheck.relativeError(new float[] {0, 0, 0}, ref), "zeros from a device fail");
    }

    @Test
    void theCheckGemmAgreesOnThisBackend() {
        double[] p = DeviceCheck.cpuProduct(new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8}, 2, 2, 2);
        assertEquals(java.util.List.of(19.0, 22.0, 43.0, 50.0), java.util.Arrays.stream(p).boxed().toList());
        double error = DeviceCheck.deviceGemmError();
        assertTrue(error <= DeviceCheck.TOLERANCE, "ND4J's GEMM differs by " + error);
        assertTrue(DeviceCheck.cpuBuild(), "this build holds nd4j-native only");
        assertTrue(DeviceCheck.result().passed(), DeviceCheck.result().message());
        assertEquals(ComputePath.current(), DeviceCheck.result().path());
    }
}
