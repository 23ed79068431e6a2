package org.repal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.attractor.Lorenz;
import org.repal.core.metric.Trajectories;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repal demo}: the quick end-to-end run that exists so far. Simulates Lorenz systems in two regimes
 * (chaotic ρ=28 and fixed-point ρ=10) plus a rotated and a noisy copy of the chaotic one, writes them as
 * .npy, and compares every pair with DSA, Procrustes and CKA. A metric that tracks dynamics should call
 * the rotated copy identical and the other regime different.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Quick run: Lorenz regimes compared with DSA, Procrustes and CKA; prints where the report is.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "repal-out/demo", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "0") long seed;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        Map<String, Trajectories> systems = new LinkedHashMap<>();
        Trajectories chaotic = Lorenz.simulate(Lorenz.Params.classic(28), 4, 1000, 0.01, 500, 10, seed);
        systems.put("lorenz_rho28", chaotic);
        systems.put("lorenz_rho28_rotated", rotated(chaotic));
        systems.put("lorenz_rho28_noisy", noisy(chaotic, 1.0, seed + 1));
        systems.put("lorenz_rho10", Lorenz.simulate(Lorenz.Params.classic(10), 4, 1000, 0.01, 0, 10, seed + 2));
        List<String> args = new ArrayList<>(List.of("compare", "--pairwise", "--n-delays", "10", "--delay-interval", "2",
                "--rank", "10", "--seed", Long.toString(seed), "--out", out.resolve("matrices.npz").toString()));
        for (Map.Entry<String, Trajectories> e : systems.entrySet()) {
            Path file = out.resolve(e.getKey() + ".npy");
            Trajectories t = e.getValue();
            Npy.write(NpyArray.ofDoubles(t.data(), t.trials(), t.time(), t.neurons()), file);
            args.add(file.toString());
        }
        Path report = out.resolve("report.json");
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        int code;
        try (java.io.PrintStream ps = new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setOut(ps);
            code = Repal.run(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        if (code != 0) {
            return code;
        }
        ObjectNode result = (ObjectNode) Json.MAPPER.readTree(captured.toByteArray());
        Files.writeString(report, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println(summary(result));
        System.out.println("report: " + report.toAbsolutePath());
        return 0;
    }

    private static String summary(ObjectNode result) {
        StringBuilder sb = new StringBuilder("DSA (radians) / Procrustes / CKA dissimilarity against lorenz_rho28:\n");
        var names = result.get("names");
        for (int j = 1; j < names.size(); j++) {
            sb.append(String.format("  %-22s DSA %.4f  Procrustes %.4f  CKA %.4f%n", names.get(j).asText(),
                    result.get("dsa").get(0).get(j).asDouble(), result.get("procrustes").get(0).get(j).asDouble(),
                    result.get("cka").get(0).get(j).asDouble()));
        }
        return sb.toString().stripTrailing();
    }

    /** The same trajectories seen through a fixed rotation of the three coordinates. */
    private static Trajectories rotated(Trajectories x) {
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[][] q = {{c, -s, 0}, {s * 0.6, c * 0.6, 0.8}, {-s * 0.8, -c * 0.8, 0.6}};
        double[] d = x.data();
        double[] out = new double[d.length];
        for (int row = 0; row < d.length / 3; row++) {
            for (int i = 0; i < 3; i++) {
                out[row * 3 + i] = q[i][0] * d[row * 3] + q[i][1] * d[row * 3 + 1] + q[i][2] * d[row * 3 + 2];
            }
        }
        return new Trajectories(out, x.trials(), x.time(), 3);
    }

    private static Trajectories noisy(Trajectories x, double sigma, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[] d = x.data().clone();
        for (int i = 0; i < d.length; i++) {
            double u1 = random.nextDouble();
            double u2 = random.nextDouble();
            d[i] += sigma * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        }
        return new Trajectories(d, x.trials(), x.time(), 3);
    }
}
