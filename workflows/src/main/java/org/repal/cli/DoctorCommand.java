package org.repal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import org.repal.core.cli.StageCli;
import org.repal.core.device.DeviceCheck;
import org.repal.core.linalg.BlasLibrary;
import org.repal.core.linalg.NumericsGate;
import org.repal.core.linalg.NumericsSelfCheck;
import org.repal.core.linalg.FloatProduct;
import org.repal.core.linalg.VectorApi;
import org.repal.core.report.FontCheck;
import picocli.CommandLine.Command;

/**
 * {@code repal doctor}: what this machine computes with (BLAS library, kernel, threads, ND4J backend, Java,
 * cores, memory) and the numerics self-check routine by routine, as one JSON object. Exit 0 when every check
 * passed, 2 when one failed. The first thing to run when numbers look wrong.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Report the numeric libraries, the CPU kernel in use and the BLAS/LAPACK self-check as JSON.",
                "Exit 0 when every check passed, 2 when one failed (the object says which and the remedy)."})
final class DoctorCommand implements Callable<Integer>, StageCli.WithoutNumerics {

    /** CPU flags that decide which OpenBLAS kernels can run (pni is SSE3). */
    private static final List<String> KERNEL_FLAGS = List.of("pni", "ssse3", "sse4_2", "avx", "avx2", "fma",
            "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16", "avx512_fp16", "amx_bf16", "amx_tile");

    @Override
    public Integer call() {
        NumericsSelfCheck.Report report = NumericsGate.report();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("passed", report.passed());

        ObjectNode blas = out.putObject("blas");
        blas.put("library", "OpenBLAS");
        blas.put("version", BlasLibrary.version());
        blas.put("bindings", "org.bytedeco:openblas:" + BlasLibrary.bindingsVersion());
        blas.put("core", report.core());
        String forced = System.getenv("OPENBLAS_CORETYPE");
        if (forced == null) {
            blas.putNull("openblas_coretype");
        } else {
            blas.put("openblas_coretype", forced);
        }
        blas.put("threads", report.threads());

        ObjectNode check = out.putObject("self_check");
        check.put("passed", report.passed());
        check.put("seconds", report.seconds());
        check.put("tolerance", NumericsSelfCheck.TOLERANCE);
        if (!report.passed()) {
            check.put("message", NumericsGate.failureMessage(report));
        }
        ArrayNode checks = check.putArray("checks");
        for (NumericsSelfCheck.Result r : report.results()) {
            ObjectNode c = checks.addObject();
            c.put("routine", r.routine());
            c.put("size", r.size());
            Json.putNumber(c, "residual", r.residual());
            c.put("passed", r.passed());
        }

        out.set("nd4j", nd4j());

        ObjectNode java = out.putObject("java");
        java.put("version", System.getProperty("java.version"));
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        java.put("thread_stack_kb", NumericsGate.threadStackBytes() >> 10);
        // The DMD solver's and float32 training's product kernels: the vector API when the JVM loaded it
        // (informational: OpenBLAS otherwise).
        ObjectNode vector = java.putObject("vector_kernel");
        vector.put("lanes", VectorApi.lanes());
        vector.put("hardware_fma", VectorApi.hardwareFma());
        vector.put("dmd_products", VectorApi.describe());
        vector.put("training_step_products", FloatProduct.describe());

        // The report stage draws text with AWT; informational, not part of "passed" (no other stage needs fonts).
        FontCheck.Result fonts = FontCheck.run();
        ObjectNode f = out.putObject("fonts");
        f.put("rendered", fonts.rendered());
        f.put("families", fonts.families());
        if (fonts.error() != null) {
            f.put("error", fonts.error());
        }

        ObjectNode machine = out.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_mb", physicalMemoryMb());
        machine.put("cpu", cpuField("model name"));
        ArrayNode flags = machine.putArray("kernel_flags");
        TreeSet<String> present = new TreeSet<>(List.of(cpuField("flags").split("\\s+")));
        KERNEL_FLAGS.stream().filter(present::contains).forEach(flags::add);
        System.out.println(out.toPrettyString());
        return report.passed() && DeviceCheck.result().passed() ? 0 : StageCli.EXIT_BAD_INPUT;
    }

    /** The ND4J backend, or the reason it could not start (e.g. the CUDA backend without a GPU). */
    private static ObjectNode nd4j() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        try {
            node.put("backend", Nd4j.getBackend().getClass().getSimpleName());
            node.put("data_type", Nd4j.dataType().toString());
            DeviceCheck.Result device = DeviceCheck.result();
            node.put("compute_path", device.path() == null ? null : device.path().name().toLowerCase(Locale.ROOT));
            ObjectNode check = node.putObject("device_check");
            check.put("ran", device.ran());
            check.put("passed", device.passed());
            Json.putNumber(check, "error", device.error());
            check.put("message", device.message());
        } catch (RuntimeException | LinkageError e) {
            node.putNull("backend");
            node.put("error", String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        return node;
    }

    private static long physicalMemoryMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() >> 20;
        }
        return -1;
    }

    /** The first /proc/cpuinfo line's value for {@code key}, or "" off Linux. */
    private static String cpuField(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }
}
