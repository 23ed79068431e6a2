package org.repal.stages.dissimilarity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.lang.management.ManagementFactory;
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
            throw new IllegalArgumentException("sizes, --groups, --repeats and --threads must be positive");
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
            List<Activity> prepared = new ArrayList<>();
            double prepareS = 0;
            for (int g = 0; g < groups; g++) {
                Activity a = raw.get(g);
                double t = time(() -> prepared.add(CommonPca.prepare(a, units, true)));
                prepareS += g == 0 ? 0 : t / (groups - 1); // the first call warms the code up
            }
            List<PairMetrics.Side> sides = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                sides.add(PairMetrics.Side.of("g" + g, prepared.get(g)));
            }
            double moments = 0;
            double ownPca = 0;
            double fit = 0;
            double ownActivity = 0;
            double pca = 0;
            double pcaMoments = 0;
            double align = 0;
            double sampleMetrics = 0;
            double pairCore = 0;
            double ownCore = 0;
            DmdParams used = null;
            ActivityFits warm = new ActivityFits(own);
            for (int r = 0; r < repeats; r++) {
                Activity x = prepared.get(r % groups);
                Activity y = prepared.get((r + 1) % groups);
                Pca.Moments[] m = new Pca.Moments[2];
                moments += time(() -> m[0] = CommonPca.moments(x)) / 2;
                moments += time(() -> m[1] = CommonPca.moments(y)) / 2;
                Activity[] o = new Activity[1];
                ownPca += time(() -> o[0] = CommonPca.own(x, m[0], components));
                Trajectories to = new Trajectories(o[0].values(), o[0].trials(), o[0].steps(), o[0].units());
                DmdParams p = DsaShape.capped(own.dmd(), to.trials(), to.time(), to.neurons());
                used = p;
                HavokDmd.Fit[] f = new HavokDmd.Fit[2];
                fit += time(() -> f[0] = HavokDmd.fit(to, p)) / 2;
                CommonPca.Result[] res = new CommonPca.Result[1];
                pca += time(() -> res[0] = CommonPca.joint(x, y, components));
                pcaMoments += time(() -> CommonPca.joint(x, m[0], y, m[1], components));
                Activity a = res[0].first();
                Activity b = res[0].second();
                Trajectories tb = new Trajectories(b.values(), b.trials(), b.steps(), b.units());
                fit += time(() -> f[1] = HavokDmd.fit(tb, p)) / 2;
                HavokDmd.Fit fa = HavokDmd.fit(new Trajectories(a.values(), a.trials(), a.steps(), a.units()), p);
                align += time(() -> DsaComparison.compare(fa, f[1], new FastAligner(1000, 0, 0L), ScoreMethod.ANGULAR));
                Samples sa = new Samples(a.values(), a.trials() * a.steps(), a.units());
                Samples sb = new Samples(b.values(), b.trials() * b.steps(), b.units());
                sampleMetrics += time(() -> {
                    Procrustes.compare(sa, sb);
                    Cka.compare(sa, sb);
                });
                pairCore += time(() -> PairMetrics.compare(x, y, pair));
                PairMetrics.Side sx = sides.get(r % groups);
                PairMetrics.Side sy = sides.get((r + 1) % groups);
                ActivityFits fresh = new ActivityFits(own);
                ownActivity += time(() -> fresh.fit(sx)); // moments + own PCA + fit, as the fit phase does
                warm.fit(sx);
                warm.fit(sy);
                ownCore += time(() -> PairMetrics.compare(sx, sy, own, warm));
            }
            GroupMatrix.Matrices[] m = new GroupMatrix.Matrices[1];
            double pairMatrix = time(() -> m[0] = GroupMatrix.symmetric(sides, pair, new ActivityFits(pair), cores));
            int pairs = m[0].pairs();
            ActivityFits cache = new ActivityFits(own);
            double ownMatrix = time(() -> m[0] = GroupMatrix.symmetric(sides, own, cache, cores));
            long comparisons = pairwise + overLearning;
            double pairComparison = pairCore / repeats;
            double ownComparison = ownCore / repeats;
            double ownPerActivity = ownActivity / repeats;
            double pairHours = comparisons * pairComparison / 3600.0;
            double ownHours = (comparisons * ownComparison + (pairwiseActivities + overLearningActivities) * ownPerActivity)
                    / 3600.0;
            ObjectMapper json = new ObjectMapper();
            ObjectNode out = json.createObjectNode();
            out.put("shape", trials + "x" + steps + "x" + units).put("components", components)
                    .put("n_delays", used.nDelays()).put("delay_interval", used.delayInterval()).put("rank", used.rank())
                    .put("threads", cores).put("load_average_at_start", round(load));
            out.putObject("per_activity_core_s")
                    .put("prepare", round(prepareS))
                    .put("moments", round(moments / repeats))
                    .put("own_pca", round(ownPca / repeats))
                    .put("dmd_fit", round(fit / repeats));
            out.putObject("per_pair_core_s")
                    .put("common_pca_from_data", round(pca / repeats))
                    .put("common_pca_from_moments", round(pcaMoments / repeats))
                    .put("procrustes_cka", round(sampleMetrics / repeats))
                    .put("align", round(align / repeats));
            ObjectNode pn = out.putObject("pair");
            pn.put("comparison_core_s", round(pairComparison)).put("fits_per_comparison", 2)
                    .put("matrix_s", round(pairMatrix)).put("matrix_pairs", pairs).put("matrix_fits", 2 * pairs)
                    .put("per_comparison_s", round(pairMatrix / pairs))
                    .put("ratio_to_target", round(pairMatrix / pairs / TARGET_S))
                    .put("paper_core_hours_per_arch", round(pairHours))
                    .put("paper_hours_per_arch_on_these_threads", round(pairHours / cores))
                    .put("paper_s_per_comparison_on_these_threads", round(pairHours * 3600 / comparisons / cores));
            ObjectNode on = out.putObject("own");
            on.put("activity_core_s", round(ownPerActivity)).put("comparison_core_s", round(ownComparison))
                    .put("matrix_s", round(ownMatrix)).put("matrix_pairs", m[0].pairs())
                    .put("matrix_fits", cache.fitsComputed())
                    .put("per_comparison_s", round(ownMatrix / m[0].pairs()))
                    .put("ratio_to_target", round(ownMatrix / m[0].pairs() / TARGET_S))
                    .put("paper_core_hours_per_arch", round(ownHours))
                    .put("paper_hours_per_arch_on_these_threads", round(ownHours / cores))
                    .put("paper_s_per_comparison_on_these_threads", round(ownHours * 3600 / comparisons / cores));
            out.put("target_per_comparison_s", TARGET_S)
                    .put("paper_comparisons_per_arch", comparisons)
                    .put("paper_activities_per_arch", pairwiseActivities + overLearningActivities)
                    .put("note", "per_comparison_s = a group matrix's wall time / its pairs on these threads (own: its "
                            + "fits included, once per activity); paper estimate: pair = comparisons x comparison_core_s, "
                            + "own = comparisons x comparison_core_s + activities x activity_core_s, on these threads "
                            + "assuming perfect scaling; recording activity and z-scoring (prepare) come on top in both");
            System.out.println(out);
            return 0;
        });
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

    private static double time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
