package org.repal.stages.attractors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.repal.core.attractor.AttractorBench;
import org.repal.core.metric.DmdParams;
import org.repal.core.metric.DsaComparison;
import org.repal.core.metric.FastAligner;
import org.repal.core.metric.HavokDmd;
import org.repal.core.metric.OrthogonalAligner;
import org.repal.core.metric.ReferenceAligner;
import org.repal.core.metric.ScoreMethod;
import org.repal.core.metric.Trajectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repal bench attractors-composition}: composition-test DSA on a fixed, seeded sample of pairs per shared
 * count, for several ranks and either optimiser — a cheap way to see which setting moves the numbers (the full
 * 60 × 60 matrix at rank 50 takes ~15 min on 2 cores). The compositions are exactly those of
 * {@code repal attractors} with the same seed and samples.
 */
@Command(name = "attractors-composition", mixinStandardHelpOptions = true,
        description = "Composition-test DSA per shared count on sampled pairs, per rank; prints one JSON object.")
public final class CompositionProbe implements Callable<Integer> {

    @Option(names = "--samples", defaultValue = "200") int samples;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--reference-line", description = "The reference's degenerate line motif.") boolean referenceLine;
    @Option(names = "--ranks", split = ",", defaultValue = "20,50") int[] ranks;
    @Option(names = "--pairs", defaultValue = "20", description = "Pairs sampled per shared count.") int pairs;
    @Option(names = "--aligner", defaultValue = "fast", paramLabel = "fast|reference",
            description = "fast, or the reference's Adam (1000 iterations × 2 runs, seeded per pair).")
    String aligner;
    @Option(names = "--threads", description = "Threads (default: all cores).") Integer threads;

    @Override
    public Integer call() throws Exception {
        if (!aligner.equals("fast") && !aligner.equals("reference")) {
            throw new IllegalArgumentException("--aligner must be fast or reference, got '" + aligner + "'");
        }
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        AttractorBench.Settings base = AttractorBench.Settings.paper(seed, cores);
        AttractorBench.Settings s = new AttractorBench.Settings(samples, base.steps(), base.dt(), base.integrator(),
                base.burnIn(), base.dmd(), cores, seed, base.noise(), base.mixing(),
                new AttractorBench.Variant(referenceLine, 0, 0));
        List<Trajectories> systems = new AttractorBench(s).compositions();
        List<List<int[]>> sampled = samplePairs();
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode().put("samples", samples).put("seed", seed)
                .put("reference_line", referenceLine).put("aligner", aligner).put("pairs_per_count", pairs);
        ArrayNode rows = out.putArray("ranks");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(cores);
        try {
            for (int rank : ranks) {
                DmdParams p = new DmdParams(base.dmd().nDelays(), base.dmd().delayInterval(), rank, 0);
                List<HavokDmd.Fit> fits = new ArrayList<>();
                double worst = Double.POSITIVE_INFINITY;
                for (Trajectories x : systems) {
                    HavokDmd.Fit f = HavokDmd.fit(x, p);
                    fits.add(f);
                    worst = Math.min(worst, f.singularValues()[rank - 1] / f.singularValues()[0]);
                }
                ObjectNode row = rows.addObject().put("rank", rank).put("min_sr_over_s0", worst);
                for (int k = 1; k <= 3; k++) {
                    List<Callable<Double>> tasks = new ArrayList<>();
                    int index = 0;
                    for (int[] pq : sampled.get(k - 1)) {
                        long pairSeed = index++;
                        tasks.add(() -> DsaComparison.compare(fits.get(pq[0]), fits.get(pq[1]), optimiser(pairSeed),
                                ScoreMethod.ANGULAR).score());
                    }
                    double sum = 0;
                    for (var f : pool.invokeAll(tasks)) {
                        sum += f.get();
                    }
                    row.put(Integer.toString(k), sum / tasks.size());
                }
            }
        } finally {
            pool.shutdown();
        }
        System.out.println(out);
        return 0;
    }

    private OrthogonalAligner optimiser(long pairSeed) {
        return aligner.equals("fast") ? new FastAligner() : new ReferenceAligner(pairSeed);
    }

    /** Per shared count 1, 2, 3: the first {@code pairs} unordered pairs after a shuffle seeded by the count. */
    private List<List<int[]>> samplePairs() {
        List<int[]> triples = AttractorBench.triples(AttractorBench.MOTIFS.size());
        List<List<int[]>> out = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            List<int[]> all = new ArrayList<>();
            for (int i = 0; i < triples.size(); i++) {
                for (int j = i + 1; j < triples.size(); j++) {
                    if (AttractorBench.shared(triples.get(i), triples.get(j), false) == k) {
                        all.add(new int[] {i, j});
                    }
                }
            }
            Collections.shuffle(all, new Random(k));
            out.add(all.subList(0, Math.min(pairs, all.size())));
        }
        return out;
    }
}
