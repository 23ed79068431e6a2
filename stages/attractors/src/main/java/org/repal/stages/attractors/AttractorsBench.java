package org.repal.stages.attractors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.repal.core.attractor.AttractorBench;
import org.repal.core.attractor.DsaSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repal bench attractors}: wall time of each part of the attractor bench at a profile's scale — the
 * three tests and one sweep point — and the estimate of a full run (tests + every sweep point of the profile's
 * grid, each point costing about one composition DSA matrix). Nothing is written.
 */
@Command(name = "attractors", mixinStandardHelpOptions = true,
        description = "Time the attractor bench's tests and one sweep point; prints one JSON object.")
public final class AttractorsBench implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "quick|paper") String profile;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--reference-compat", description = "Time the reference-compatible variant.") boolean compat;
    @Option(names = "--threads", description = "Java threads for DSA (default: all cores).") Integer threads;

    @Override
    public Integer call() {
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        AttractorBench.Settings s = switch (profile) {
            case "quick" -> AttractorBench.Settings.quick(seed, cores);
            case "paper" -> AttractorBench.Settings.paper(seed, cores);
            default -> throw new IllegalArgumentException("--profile must be quick or paper, got '" + profile + "'");
        };
        if (compat) {
            s = s.withVariant(AttractorBench.Variant.REFERENCE);
        }
        AttractorBench bench = new AttractorBench(s);
        int[] delays = profile.equals("paper") ? new int[] {10, 15, 17, 20, 25, 33, 38, 50, 66} : new int[] {10, 17, 33};
        List<int[]> one = DsaSweep.paired(new int[] {s.dmd().nDelays()}, s.steps());
        ObjectNode result = new ObjectMapper().createObjectNode();
        result.put("profile", profile).put("samples", s.samples()).put("threads", cores)
                .put("reference_compat", compat);
        double regimes = seconds(bench::regimes);
        double noise = seconds(bench::noise);
        double composition = seconds(bench::composition);
        double sweepPoint = seconds(() -> DsaSweep.run(bench, one));
        result.put("regimes_s", round(regimes)).put("noise_s", round(noise)).put("composition_s", round(composition))
                .put("sweep_point_s", round(sweepPoint)).put("sweep_points", delays.length)
                .put("estimated_total_s", round(regimes + noise + composition + delays.length * sweepPoint));
        System.out.println(result);
        return 0;
    }

    private static double seconds(Supplier<?> work) {
        long t0 = System.nanoTime();
        work.get();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
