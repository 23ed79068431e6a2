package org.repal.stages.dissimilarity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.repal.core.activity.Activity;
import org.repal.core.activity.CommonPca;
import org.repal.core.analysis.ComparisonSettings;
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
 * 175 steps × 256 units, PCA-20, DSA 33 delays × 6 capped to the window, rank 50): per prepared activity (z-score,
 * cached per model), per common PCA of a pair, per DMD fit, per alignment, per full comparison (one core), per
 * 10×10 group matrix (all threads), and the paper run's estimate in core-hours. Nothing is written.
 */
@Command(name = "dissimilarity", mixinStandardHelpOptions = true,
        description = "Time the dissimilarity stage's parts on synthetic paper-shaped activity; prints one JSON object.")
public final class DissimilarityBench implements Callable<Integer> {
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
    @Option(names = "--over-learning", defaultValue = "28800", description = "Over-learning comparisons per architecture.")
    long overLearning;
    @Option(names = "--threads", description = "Java threads for the matrix (default: all cores).") Integer threads;
    @Option(names = "--seed", defaultValue = "0") long seed;

    @Override
    public Integer call() {
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (cores < 1 || trials < 2 || steps < 2 || units < 1 || components < 1 || groups < 2 || repeats < 1) {
            throw new IllegalArgumentException("sizes, --groups, --repeats and --threads must be positive");
        }
        ComparisonSettings s = new ComparisonSettings(new CommonPca.Options(components, true),
                new DmdParams(nDelays, delayInterval, rank, 0), false, 1000);
        List<Activity> raw = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            raw.add(synthetic(new SplittableRandom(seed * 1000 + g)));
        }
        return BlasThreads.with(1, () -> {
            List<Activity> prepared = new ArrayList<>();
            double prepareS = time(() -> prepared.add(CommonPca.prepare(raw.get(0), units, true)));
            for (int g = 1; g < groups; g++) {
                prepared.add(CommonPca.prepare(raw.get(g), units, true));
            }
            double pca = 0;
            double fit = 0;
            double align = 0;
            double sampleMetrics = 0;
            double pair = 0;
            DmdParams used = null;
            for (int r = 0; r < repeats; r++) {
                Activity x = prepared.get(r % groups);
                Activity y = prepared.get((r + 1) % groups);
                CommonPca.Result[] res = new CommonPca.Result[1];
                pca += time(() -> res[0] = CommonPca.joint(x, y, components));
                Activity a = res[0].first();
                Activity b = res[0].second();
                Trajectories ta = new Trajectories(a.values(), a.trials(), a.steps(), a.units());
                Trajectories tb = new Trajectories(b.values(), b.trials(), b.steps(), b.units());
                DmdParams p = DsaShape.capped(s.dmd(), a.trials(), a.steps(), a.units());
                used = p;
                HavokDmd.Fit[] f = new HavokDmd.Fit[2];
                fit += time(() -> f[0] = HavokDmd.fit(ta, p)) / 2;
                fit += time(() -> f[1] = HavokDmd.fit(tb, p)) / 2;
                align += time(() -> DsaComparison.compare(f[0], f[1], new FastAligner(1000, 0, 0L), ScoreMethod.ANGULAR));
                Samples sa = new Samples(a.values(), a.trials() * a.steps(), a.units());
                Samples sb = new Samples(b.values(), b.trials() * b.steps(), b.units());
                sampleMetrics += time(() -> {
                    Procrustes.compare(sa, sb);
                    Cka.compare(sa, sb);
                });
                pair += time(() -> PairMetrics.compare(x, y, s));
            }
            GroupMatrix.Matrices[] m = new GroupMatrix.Matrices[1];
            double matrix = time(() -> m[0] = GroupMatrix.symmetric(prepared, s, cores));
            int pairs = m[0].pairs();
            double perComparison = matrix / pairs;
            double coreHours = (pairwise + overLearning) * pair / 3600.0;
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("shape", trials + "x" + steps + "x" + units).put("components", components)
                    .put("n_delays", used.nDelays()).put("delay_interval", used.delayInterval()).put("rank", used.rank())
                    .put("threads", cores)
                    .put("prepare_s", round(prepareS))
                    .put("pca_pair_s", round(pca / repeats))
                    .put("fit_s", round(fit / repeats))
                    .put("align_s", round(align / repeats))
                    .put("procrustes_cka_s", round(sampleMetrics / repeats))
                    .put("pair_core_s", round(pair / repeats))
                    .put("matrix_s", round(matrix)).put("matrix_pairs", pairs)
                    .put("per_comparison_s", round(perComparison))
                    .put("target_per_comparison_s", 0.3)
                    .put("paper_comparisons_per_arch", pairwise + overLearning)
                    .put("paper_core_hours_per_arch", round(coreHours))
                    .put("paper_hours_per_arch_on_these_threads", round((pairwise + overLearning) * perComparison / 3600.0))
                    .put("note", "comparisons only: recording activity (once per model and checkpoint) and the "
                            + "z-scoring (prepare_s, once per activity) come on top");
            System.out.println(o);
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
