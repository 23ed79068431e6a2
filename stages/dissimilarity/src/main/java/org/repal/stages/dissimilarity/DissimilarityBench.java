package org.repal.stages.dissimilarity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.repal.core.activity.Activity;
import org.repal.core.activity.CommonPca;
import org.repal.core.activity.Pca;
import org.repal.core.analysis.ActivityFits;
import org.repal.core.analysis.ComparisonSettings;
import org.repal.core.analysis.DsaBasis;
import org.repal.core.analysis.DsaShape;
import org.repal.core.analysis.GroupMatrix;
import org.repal.core.analysis.PairMetrics;
import org.repal.core.linalg.BlasThreads;
import org.repal.core.metric.Cka;
import org.repal.core.metric.DmdParams;
import org.repal.core.metric.DsaComparison;
import org.repal.core.metric.FastAligner;
import org.repal.core.metric.HavokDmd;
import org.repal.core.metric.Procrustes;
import org.repal.core.metric.Samples;
import org.repal.core.metric.ScoreMethod;
import org.repal.core.metric.Trajectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repal bench dissimilarity}: the stage's costs on synthetic activity of the paper's shape (200 trials ×
 * 175 steps × 256 units, PCA-20, DSA 33 delays × 6 capped to the window, rank 50), in both DSA bases
 * ({@link DsaBasis}). Single-core parts: per activity (z-scoring, moments, own PCA, DMD fit), per pair (common PCA
 * from the data or from cached moments, Procrustes + CKA, alignment), per comparison in each basis (pair: both fits
 * inside; own: fits cached); then one 10×10 group matrix per basis on all threads (own: fits included, once per
 * activity), and the paper run's estimate in core-hours per basis, with the ratio to the 0.3 s-per-comparison
 * target. Timings only — nothing is written, nothing is asserted.
 */
@Command(name = "dissimilarity", mixinStandardHelpOptions = true,
        description = "Time the dissimilarity stage's parts in both DSA bases on synthetic paper-shaped activity; "
                + "prints one JSON object.")
public final class DissimilarityBench implements Callable<Integer> {
    static final double TARGET_S = 0.3;

    @Option(names = "--trials", defaultValue = "200") int trials;
    @Option(names = "--steps", defaultValue = "175") int steps;
    @Option(names = "--units", defaultValue = "256") int units;
    @Option(names = "--components", defaultValue = "20") int components;
    @Option(names = "--n-delays", defaultValue = "33") int nDelays;
    @Option(names = "--delay-interval", defaultValue = "6") int delayInterval;
    @Option(names = "--rank", defaultValue = "50") int rank;
    @Option(names = "--groups", defaultValue = "10", description = "Models in the group matrix.") int groups;
    @Option(names = "--repeats", defaultValue = "3", description = "Pairs timed one by one.") int repeats;
    @Option(names = "--pairwise", defaultValue = "3520", description = "Pairwise comparisons per architecture.") long pairwise;
    @Option(names = "--pairwise-activities", defaultValue = "640",
            description = "Activities behind them (64 configs × 10 groups).") long pairwiseActivities;
    @Option(names = "--over-learning", defaultValue = "28800", description = "Over-learning comparisons per architecture.")
    long overLearning;
    @Option(names = "--over-learning-activities", defaultValue = "32640",
            description = "Snapshots behind them (64 configs × 10 runs × 51 snapshots; master's serve all 9 groups).")
    long overLearningActivities;
    @Option(names = "--threads", description = "Java threads for the matrices (default: all cores).") Integer threads;
    @Option(names = "--seed", defaultValue = "0") long seed;

    @Override
    public Integer call() {
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (cores < 1 || trials < 2 || steps < 2 || units < 1 || components < 1 || groups < 2 || repeats < 1) {
            throw new IllegalArgumentException("--trials >= 2, --steps >= 2, --units >= 1, --components >= 1, --groups"
                    + " >= 2, --repeats >= 1 and --threads >= 1 expected, got " + trials + ", " + steps + ", " + units
                    + ", " + components + ", " + groups + ", " + repeats + ", " + cores);
        }
        ComparisonSettings own = new ComparisonSettings(new CommonPca.Options(components, true),
                new DmdParams(nDelays, delayInterval, rank, 0), false, 1000, DsaBasis.OWN);
        ComparisonSettings pair = own.withDsaBasis(DsaBasis.PAIR);
        List<Activity> raw = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            raw.add(synthetic(new SplittableRandom(seed * 1000 + g)));
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return BlasThreads.with(1, () -> {
            Clock clock = new Clock();
            List<Activity> prepared = new ArrayList<>();
            prepared.add(CommonPca.prepare(raw.get(0), units, true)); // warms the code up
            for (int g = 1; g < groups; g++) {
                Activity a = raw.get(g);
                clock.time("prepare", 1.0 / (groups - 1), () -> prepared.add(CommonPca.prepare(a, units, true)));
            }
            List<PairMetrics.Side> sides = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                sides.add(PairMetrics.Side.of("g" + g, prepared.get(g)));
            }
            double per = 1.0 / repeats;
            DmdParams used = null;
            ActivityFits warm = new ActivityFits(own);
            for (int r = 0; r < repeats; r++) {
                Activity x = prepared.get(r % groups);
                Activity y = prepared.get((r + 1) % groups);
                Pca.Moments[] m = new Pca.Moments[2];
                clock.time("moments", per / 2, () -> m[0] = CommonPca.moments(x));
                clock.time("moments", per / 2, () -> m[1] = CommonPca.moments(y));
                Activity[] o = new Activity[1];
                clock.time("own_pca", per, () -> o[0] = CommonPca.own(x, m[0], components));
                Trajectories to = new Trajectories(o[0].values(), o[0].trials(), o[0].steps(), o[0].units());
                DmdParams p = DsaShape.capped(own.dmd(), to.trials(), to.time(), to.neurons());
                used = p;
                HavokDmd.Fit[] f = new HavokDmd.Fit[2];
                clock.time("dmd_fit", per / 2, () -> f[0] = HavokDmd.fit(to, p));
                CommonPca.Result[] res = new CommonPca.Result[1];
                clock.time("common_pca_from_data", per, () -> res[0] = CommonPca.joint(x, y, components));
                clock.time("common_pca_from_moments", per, () -> CommonPca.joint(x, m[0], y, m[1], components));
                Activity a = res[0].first();
                Activity b = res[0].second();
                Trajectories tb = new Trajectories(b.values(), b.trials(), b.steps(), b.units());
                clock.time("dmd_fit", per / 2, () -> f[1] = HavokDmd.fit(tb, p));
                HavokDmd.Fit fa = HavokDmd.fit(new Trajectories(a.values(), a.trials(), a.steps(), a.units()), p);
                clock.time("align", per, () -> DsaComparison.compare(fa, f[1], new FastAligner(1000, 0, 0L),
                        ScoreMethod.ANGULAR));
                Samples sa = new Samples(a.values(), a.trials() * a.steps(), a.units());
                Samples sb = new Samples(b.values(), b.trials() * b.steps(), b.units());
                clock.time("procrustes_cka", per, () -> {
                    Procrustes.compare(sa, sb);
                    Cka.compare(sa, sb);
                });
                clock.time("pair_comparison", per, () -> PairMetrics.compare(x, y, pair));
                PairMetrics.Side sx = sides.get(r % groups);
                PairMetrics.Side sy = sides.get((r + 1) % groups);
                ActivityFits fresh = new ActivityFits(own);
                clock.time("own_activity", per, () -> fresh.fit(sx)); // moments + own PCA + fit, as the fit phase
                warm.fit(sx);
                warm.fit(sy);
                clock.time("own_comparison", per, () -> PairMetrics.compare(sx, sy, own, warm));
            }
            GroupMatrix.Matrices[] m = new GroupMatrix.Matrices[1];
            double[] pairMatrix = Clock.matrix(() -> m[0] = GroupMatrix.symmetric(sides, pair, new ActivityFits(pair),
                    cores));
            int pairs = m[0].pairs();
            ActivityFits cache = new ActivityFits(own);
            double[] ownMatrix = Clock.matrix(() -> m[0] = GroupMatrix.symmetric(sides, own, cache, cores));
            long comparisons = pairwise + overLearning;
            long activities = pairwiseActivities + overLearningActivities;
            ObjectMapper json = new ObjectMapper();
            ObjectNode out = json.createObjectNode();
            out.put("shape", trials + "x" + steps + "x" + units).put("components", components)
                    .put("n_delays", used.nDelays()).put("delay_interval", used.delayInterval()).put("rank", used.rank())
                    .put("threads", cores).put("load_average_at_start", round(load))
                    .put("cpus", Runtime.getRuntime().availableProcessors());
            ObjectNode parts = out.putObject("per_activity");
            for (String k : List.of("prepare", "moments", "own_pca", "dmd_fit")) {
                parts.set(k, clock.json(json, k));
            }
            parts = out.putObject("per_pair");
            for (String k : List.of("common_pca_from_data", "common_pca_from_moments", "procrustes_cka", "align")) {
                parts.set(k, clock.json(json, k));
            }
            ObjectNode pn = out.putObject("pair");
            pn.set("comparison", clock.json(json, "pair_comparison"));
            pn.put("fits_per_comparison", 2);
            matrix(pn, pairMatrix, pairs, 2 * pairs, cores);
            paper(pn, clock.cpu("pair_comparison") * comparisons, comparisons, cores);
            ObjectNode on = out.putObject("own");
            on.set("activity", clock.json(json, "own_activity"));
            on.set("comparison", clock.json(json, "own_comparison"));
            matrix(on, ownMatrix, m[0].pairs(), cache.fitsComputed(), cores);
            paper(on, clock.cpu("own_comparison") * comparisons + clock.cpu("own_activity") * activities, comparisons,
                    cores);
            out.put("target_per_comparison_s", TARGET_S)
                    .put("paper_comparisons_per_arch", comparisons)
                    .put("paper_activities_per_arch", activities)
                    .put("note", "{wall_s, cpu_s}: wall clock and the process's CPU time (core-seconds, JIT and GC "
                            + "included), single-core parts at one BLAS thread. per_comparison: a group "
                            + "matrix's time / its pairs on these threads (own: its fits included, once per activity); "
                            + "idle_s = cpu_s / threads, what it takes on an idle machine with perfect scaling, "
                            + "compared with the target. Paper estimate from cpu_s: pair = comparisons x comparison, "
                            + "own = comparisons x comparison + activities x activity; recording activity and "
                            + "z-scoring (prepare) come on top in both.");
            System.out.println(out);
            return 0;
        });
    }

    /** A group matrix's wall and CPU time in total and per pair, and its idle-machine estimate against the target. */
    private static void matrix(ObjectNode o, double[] wallCpu, int pairs, int fits, int cores) {
        double idle = wallCpu[1] / pairs / cores;
        o.put("matrix_pairs", pairs).put("matrix_fits", fits);
        o.putObject("matrix").put("wall_s", round(wallCpu[0])).put("cpu_s", round(wallCpu[1]));
        o.putObject("per_comparison").put("wall_s", round(wallCpu[0] / pairs)).put("cpu_s", round(wallCpu[1] / pairs))
                .put("idle_s", round(idle));
        o.put("ratio_to_target_wall", round(wallCpu[0] / pairs / TARGET_S)).put("ratio_to_target_idle",
                round(idle / TARGET_S));
    }

    /** The paper run's estimate from {@code cpuSeconds} of comparisons (and fits). */
    private static void paper(ObjectNode o, double cpuSeconds, long comparisons, int cores) {
        o.put("paper_core_hours_per_arch", round(cpuSeconds / 3600.0))
                .put("paper_hours_per_arch_on_these_threads", round(cpuSeconds / 3600.0 / cores))
                .put("paper_s_per_comparison_on_these_threads", round(cpuSeconds / comparisons / cores));
    }

    /**
     * Wall-clock and CPU time accumulated per part (weighted: a per-item share of each timed call). CPU time is the
     * process's (all threads: the aligner runs its starts on a pool thread even when there is one), so it also
     * counts the JIT and GC threads' work; on a shared machine it is the load-independent measure of core-seconds.
     */
    private static final class Clock {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final Map<String, double[]> sums = new LinkedHashMap<>();

        void time(String key, double weight, Runnable r) {
            double[] t = matrix(r);
            double[] s = sums.computeIfAbsent(key, k -> new double[2]);
            s[0] += weight * t[0];
            s[1] += weight * t[1];
        }

        double cpu(String key) {
            return sums.get(key)[1];
        }

        ObjectNode json(ObjectMapper m, String key) {
            double[] s = sums.get(key);
            return m.createObjectNode().put("wall_s", round(s[0])).put("cpu_s", round(s[1]));
        }

        /** Wall time and the process's CPU time of a run. */
        static double[] matrix(Runnable r) {
            long cpu = OS.getProcessCpuTime();
            long wall = System.nanoTime();
            r.run();
            return new double[] {(System.nanoTime() - wall) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9};
        }
    }

    /** Smooth, trial-varying dynamics: 6 damped oscillators seen through a random 256-unit tanh read-out, plus noise. */
    private Activity synthetic(SplittableRandom rng) {
        int latent = 12;
        double[] freq = new double[latent / 2];
        for (int i = 0; i < freq.length; i++) {
            freq[i] = 0.02 + 0.2 * rng.nextDouble();
        }
        double[] mix = new double[latent * units];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = rng.nextGaussian() / Math.sqrt(latent);
        }
        double[] v = new double[trials * steps * units];
        double[] z = new double[latent];
        for (int tr = 0; tr < trials; tr++) {
            for (int i = 0; i < latent; i++) {
                z[i] = rng.nextGaussian();
            }
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < latent; i += 2) {
                    double c = Math.cos(freq[i / 2]) * 0.995;
                    double sn = Math.sin(freq[i / 2]) * 0.995;
                    double a = z[i];
                    z[i] = c * a - sn * z[i + 1] + 0.05 * rng.nextGaussian();
                    z[i + 1] = sn * a + c * z[i + 1] + 0.05 * rng.nextGaussian();
                }
                int base = (tr * steps + t) * units;
                for (int u = 0; u < units; u++) {
                    double h = 0;
                    for (int i = 0; i < latent; i++) {
                        h += mix[i * units + u] * z[i];
                    }
                    v[base + u] = Math.tanh(h) + 0.01 * rng.nextGaussian();
                }
            }
        }
        return new Activity(trials, steps, units, v);
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
