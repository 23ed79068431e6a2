package org.repal.core.model;

import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the RNNs' training and activity recording compute, chosen once per JVM.
 *
 * <ul>
 *   <li>{@link #FAST}: the fused Java loops and OpenBLAS GEMMs straight on the arrays' host memory
 *       ({@link RnnModel}, {@code Cell}); only correct, and only fast, on ND4J's CPU backend ({@code nd4j-native}),
 *       whose arrays live in host memory.</li>
 *   <li>{@link #ND4J}: every operation is an ND4J op on INDArrays ({@link Nd4jRnnModel}, and the array forms of
 *       Adam and the weight term), so on the CUDA backend the GEMMs and element-wise work run on the device and ND4J
 *       keeps its host and device copies coherent.</li>
 * </ul>
 *
 * <p>{@code auto} (the default) picks FAST on the CPU backend and ND4J on any other. The system property
 * {@value #PROPERTY} or else the environment variable {@value #ENV} ({@code auto}, {@code fast}, {@code nd4j})
 * overrides it: {@code nd4j} on the CPU backend runs the array path there (tests, checks); {@code fast} is refused
 * on a non-CPU backend (it would compute on the CPU against host copies the device does not see).
 */
public enum ComputePath {
    FAST, ND4J;

    public static final String PROPERTY = "repal.compute.path";
    public static final String ENV = "REPAL_COMPUTE_PATH";

    private static volatile ComputePath current;

    /** The path of this JVM, chosen on first use from the override and ND4J's backend. */
    public static ComputePath current() {
        ComputePath p = current;
        if (p == null) {
            synchronized (ComputePath.class) {
                if (current == null) {
                    current = select(requested(System.getProperties(), System.getenv()), backendName());
                }
                p = current;
            }
        }
        return p;
    }

    /** The override as written: the system property first, then the environment variable; null if neither is set. */
    public static String requested(java.util.Properties properties, Map<String, String> env) {
        String v = properties.getProperty(PROPERTY);
        return v != null ? v : env.get(ENV);
    }

    /** ND4J's backend class, e.g. {@code org.nd4j.linalg.cpu.nativecpu.CpuBackend}. */
    public static String backendName() {
        return Nd4j.getBackend().getClass().getName();
    }

    /** Whether {@code backend} (a backend class name) is ND4J's CPU backend, nd4j-native. */
    public static boolean isNativeCpu(String backend) {
        return backend.startsWith("org.nd4j.linalg.cpu.");
    }

    /**
     * The path for an override ({@code null}, blank or {@code auto}: by the backend) on a backend.
     *
     * @throws IllegalArgumentException for an unknown value, or {@code fast} on a non-CPU backend, naming the setting
     */
    public static ComputePath select(String requested, String backend) {
        String r = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        boolean cpu = isNativeCpu(backend);
        switch (r) {
            case "", "auto":
                return cpu ? FAST : ND4J;
            case "nd4j":
                return ND4J;
            case "fast":
                if (!cpu) {
                    throw new IllegalArgumentException(PROPERTY + "/" + ENV + " is 'fast', but ND4J's backend is "
                            + backend + ": the fast path runs on host memory and needs nd4j-native (use auto or nd4j)");
                }
                return FAST;
            default:
                throw new IllegalArgumentException(PROPERTY + "/" + ENV + " is '" + requested
                        + "', expected one of auto, fast, nd4j");
        }
    }

    /** A network for these weights on this path. */
    public RecurrentModel rnnModel(RnnParameters params) {
        return this == FAST ? new RnnModel(params) : new Nd4jRnnModel(params);
    }
}
