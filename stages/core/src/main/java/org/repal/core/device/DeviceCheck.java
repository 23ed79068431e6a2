package org.repal.core.device;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.repal.core.model.ComputePath;

/**
 * Whether this process computes where its image says it does. The cuda image sets {@value #ENV}{@code =cuda}; then
 * ND4J's backend must be CUDA and one float32 GEMM run by ND4J (on the device) must agree with the same product
 * computed on the CPU in float64. On the CPU image (nothing set, or {@code cpu}) with the CPU backend the check is a
 * no-op; a non-CPU backend is checked whatever the image. It also settles the {@link ComputePath}, so a bad
 * {@value ComputePath#ENV} fails here, before any work.
 */
public final class DeviceCheck {
    /** The environment variable naming the device the image was built for: {@code cpu} (default) or {@code cuda}. */
    public static final String ENV = "REPAL_DEVICE";
    /** Largest |device − CPU| of the check's GEMM relative to the product's largest entry (float32, K = 96). */
    public static final double TOLERANCE = 1e-5;
    static final String CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    static final int M = 64;
    static final int K = 96;
    static final int N = 48;

    /** The outcome: {@code ran} false for the CPU no-op; {@code message} is the one line to print on failure. */
    public record Result(boolean ran, boolean passed, String backend, ComputePath path, double error, String message) {
    }

    private static Result result;

    private DeviceCheck() {
    }

    /** The check for this process (run once). */
    public static synchronized Result result() {
        if (result == null) {
            String device = System.getenv(ENV);
            if ((device == null || device.isBlank() || device.trim().equalsIgnoreCase("cpu")) && cpuBuild()) {
                // The cpu image: nothing to check, and no reason to start ND4J for commands that never use it.
                try {
                    ComputePath path = ComputePath.select(ComputePath.requested(System.getProperties(), System.getenv()),
                            CPU_BACKEND);
                    result = new Result(false, true, CPU_BACKEND, path, Double.NaN, "CPU backend: nothing to check");
                } catch (IllegalArgumentException e) {
                    result = new Result(false, false, CPU_BACKEND, null, Double.NaN, e.getMessage());
                }
                return result;
            }
            String backend;
            try {
                backend = ComputePath.backendName();
            } catch (RuntimeException | LinkageError e) {
                // The CUDA backend throws here without a usable GPU, driver or CUDA libraries.
                result = new Result(false, false, "none", null, Double.NaN, "device check failed: ND4J's backend did"
                        + " not start (" + oneLine(e) + ")" + ("cuda".equalsIgnoreCase(System.getenv(ENV))
                        ? ": check the node's NVIDIA driver >= 510 and the pod's nvidia.com/gpu limit" : ""));
                return result;
            }
            ComputePath path;
            try {
                path = ComputePath.current();
            } catch (IllegalArgumentException e) {
                result = new Result(false, false, backend, null, Double.NaN, e.getMessage());
                return result;
            }
            result = evaluate(System.getenv(ENV), backend, path, DeviceCheck::deviceGemmError);
        }
        return result;
    }

    /** Throws {@link DeviceCheckFailedException} with the result's one line unless the check passed or did not apply. */
    public static void ensure() {
        Result r = result();
        if (!r.passed()) {
            throw new DeviceCheckFailedException(r.message());
        }
    }

    /**
     * The decision, given the image's device ({@code expected}, may be null), ND4J's backend class, the compute path
     * and the GEMM comparison (called only when a device is to be checked).
     */
    static Result evaluate(String expected, String backend, ComputePath path, Supplier<Double> gemmError) {
        String device = expected == null || expected.isBlank() ? "cpu" : expected.trim().toLowerCase(Locale.ROOT);
        boolean cpuBackend = ComputePath.isNativeCpu(backend);
        if (!device.equals("cpu") && !device.equals("cuda")) {
            return new Result(false, false, backend, path, Double.NaN,
                    "device check failed: " + ENV + " is '" + expected + "', expected cpu or cuda");
        }
        if (device.equals("cuda") && !isCuda(backend)) {
            return new Result(false, false, backend, path, Double.NaN, "device check failed: this is a cuda image but"
                    + " ND4J's backend is " + backend + ", not CUDA (the GPU, its driver or the CUDA libraries were not"
                    + " found: check the node's NVIDIA driver >= 510 and the pod's nvidia.com/gpu limit)");
        }
        if (cpuBackend) {
            return new Result(false, true, backend, path, Double.NaN, "CPU backend: nothing to check");
        }
        double error;
        try {
            error = gemmError.get();
        } catch (RuntimeException e) {
            return new Result(true, false, backend, path, Double.NaN, "device check failed: a GEMM on " + backend
                    + " threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (!(error <= TOLERANCE)) {
            return new Result(true, false, backend, path, error, String.format(Locale.ROOT, "device check failed: a"
                    + " %dx%dx%d float32 GEMM on %s differs from the CPU's by %.3g (relative, limit %.0e): results"
                    + " on this device would be wrong", M, K, N, backend, error, TOLERANCE));
        }
        return new Result(true, true, backend, path, error, String.format(Locale.ROOT,
                "GEMM on %s agrees with the CPU to %.2g", backend, error));
    }

    /** Whether the class path holds ND4J's CPU backend and not its CUDA one (the cpu image, {@code ./repal}). */
    static boolean cpuBuild() {
        return present(CPU_BACKEND) && !present(CUDA_BACKEND);
    }

    private static boolean present(String name) {
        try {
            Class.forName(name, false, DeviceCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replace('\n', ' ');
    }

    static boolean isCuda(String backend) {
        return backend.toLowerCase(Locale.ROOT).contains("jcublas") || backend.toLowerCase(Locale.ROOT).contains("cuda");
    }

    /** ND4J's float32 product of seeded matrices (on the backend's device) against the CPU's float64 product. */
    static double deviceGemmError() {
        SplittableRandom rng = new SplittableRandom(20261205L);
        float[] a = new float[M * K];
        float[] b = new float[K * N];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (2 * rng.nextDouble() - 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (2 * rng.nextDouble() - 1);
        }
        INDArray c = Nd4j.createFromArray(a).reshape('c', M, K).mmul(Nd4j.createFromArray(b).reshape('c', K, N));
        if (c.dataType() != DataType.FLOAT) {
            throw new IllegalStateException("the product came back as " + c.dataType());
        }
        INDArray copy = c.dup('c');
        Nd4j.getAffinityManager().ensureLocation(copy, AffinityManager.Location.HOST);
        float[] device = copy.data().asFloat();
        return relativeError(device, cpuProduct(a, b, M, K, N));
    }

    /** A·B in float64, row-major. */
    static double[] cpuProduct(float[] a, float[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double x = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += x * b[p * n + j];
                }
            }
        }
        return c;
    }

    /**
     * max |device − reference| / max |reference|; +∞ for a length mismatch, a non-finite device value or an all-zero
     * reference (a device that returns zeros or garbage never passes).
     */
    static double relativeError(float[] device, double[] reference) {
        if (device.length != reference.length || reference.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < reference.length; i++) {
            if (!Float.isFinite(device[i])) {
                return Double.POSITIVE_INFINITY;
            }
            scale = Math.max(scale, Math.abs(reference[i]));
            diff = Math.max(diff, Math.abs(device[i] - reference[i]));
        }
        return scale == 0 ? Double.POSITIVE_INFINITY : diff / scale;
    }
}
