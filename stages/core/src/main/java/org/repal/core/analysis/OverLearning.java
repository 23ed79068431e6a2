package org.repal.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.repal.core.linalg.ParallelJobs;

/**
 * Dissimilarity over learning (spec §6.7): two runs' {@link TrainingSeries#overLearning} series compared at equal
 * fractions of training. Pair 0 is step 0 with step 0 (fraction 0); then the training checkpoints aligned by
 * {@link TrainingProgress#align} — every checkpoint of the shorter series (n of them) with its corresponding one
 * of the longer, at fraction (i + 1) / n, the shorter series' share of its training done after checkpoint i. So a
 * series holds min(n₁, n₂) + 1 pairs, the last at fraction 1. Each pair: common PCA, Procrustes, CKA, DSA
 * ({@link PairMetrics}). In the own basis the snapshots' fits come from {@code fits} — each snapshot fitted once,
 * before the pairs, and kept there for the owner's next series (master's snapshots are in every group's series) —
 * else each pair fits both sides. Fits and pairs spread over {@code threads} threads, values independent of the
 * count.
 */
public final class OverLearning {

    /** Per aligned pair: fraction of training, the three metrics, the DSA rank used and both snapshots' accuracies. */
    public record Result(double[] fraction, double[] dsa, double[] procrustes, double[] cka, int[] dsaRank,
                         double[] accuracy1, double[] accuracy2, List<int[]> pairs) {
        public int size() {
            return fraction.length;
        }
    }

    private OverLearning() {
    }

    /** The aligned (index in series 1, index in series 2) pairs of series of n1 and n2 entries (step 0 included). */
    public static List<int[]> pairs(int n1, int n2) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[] {0, 0});
        for (int[] p : TrainingProgress.align(n1 - 1, n2 - 1)) {
            out.add(new int[] {p[0] + 1, p[1] + 1});
        }
        return out;
    }

    /** The fraction of training of each pair of {@link #pairs}. */
    public static double[] fractions(int n1, int n2) {
        int n = Math.min(n1, n2) - 1;
        double[] f = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            f[i] = (double) i / n;
        }
        return f;
    }

    public static Result compute(TrainingSeries s1, TrainingSeries s2, SnapshotActivities activities,
                                 ComparisonSettings settings, ActivityFits fits, int threads) {
        List<int[]> pairs = pairs(s1.size(), s2.size());
        int units = Math.min(activities.width(s1.model()), activities.width(s2.model()));
        List<Callable<PairMetrics.Result>> jobs = new ArrayList<>();
        List<PairMetrics.Side> used = new ArrayList<>();
        for (int[] p : pairs) {
            PairMetrics.Side x = activities.side(s1.model(), s1.snapshots().get(p[0]), units);
            PairMetrics.Side y = activities.side(s2.model(), s2.snapshots().get(p[1]), units);
            used.add(x);
            used.add(y);
            jobs.add(() -> PairMetrics.compare(x, y, settings, fits));
        }
        if (settings.dsaBasis() == DsaBasis.OWN) {
            fits.fitAll(used, threads);
        }
        List<PairMetrics.Result> r = ParallelJobs.run(jobs, threads);
        int n = pairs.size();
        double[] dsa = new double[n];
        double[] pro = new double[n];
        double[] cka = new double[n];
        int[] rank = new int[n];
        double[] a1 = new double[n];
        double[] a2 = new double[n];
        for (int k = 0; k < n; k++) {
            dsa[k] = r.get(k).dsa();
            pro[k] = r.get(k).procrustes();
            cka[k] = r.get(k).cka();
            rank[k] = r.get(k).dsaRank();
            a1[k] = s1.accuracy()[pairs.get(k)[0]];
            a2[k] = s2.accuracy()[pairs.get(k)[1]];
        }
        return new Result(fractions(s1.size(), s2.size()), dsa, pro, cka, rank, a1, a2, pairs);
    }
}
