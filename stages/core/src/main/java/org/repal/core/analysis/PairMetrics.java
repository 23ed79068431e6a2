package org.repal.core.analysis;

import org.repal.core.activity.Activity;
import org.repal.core.activity.CommonPca;
import org.repal.core.metric.Cka;
import org.repal.core.metric.DmdParams;
import org.repal.core.metric.DsaComparison;
import org.repal.core.metric.FastAligner;
import org.repal.core.metric.HavokDmd;
import org.repal.core.metric.Procrustes;
import org.repal.core.metric.Samples;
import org.repal.core.metric.ScoreMethod;
import org.repal.core.metric.Trajectories;

/**
 * One compared pair: the common PCA of two {@link CommonPca#prepare prepared} activities, then Procrustes and CKA
 * dissimilarities on the (trials·time, k) samples and DSA (radians) on the (trials, time, k) arrays — or on the
 * reference's (time, trials, k) reading with {@link ComparisonSettings#referenceAxes()}. Each side's DMD is fitted
 * here: the PCA basis belongs to the pair, so a fit cannot be shared between pairs. Single-threaded and
 * deterministic (the aligner starts from fixed points), so a pair's values do not depend on which thread runs it.
 */
public final class PairMetrics {

    /**
     * @param dsaRank the DMD rank used (below the shape's cap when a side's delay embedding has a lower numerical
     *                rank)
     */
    public record Result(double dsa, double procrustes, double cka, int dsaRank, DmdParams dmd) {
    }

    private PairMetrics() {
    }

    public static Result compare(Activity x, Activity y, ComparisonSettings s) {
        CommonPca.Result pca = CommonPca.joint(x, y, s.pca().components());
        Activity a = pca.first();
        Activity b = pca.second();
        Samples sa = new Samples(a.values(), a.trials() * a.steps(), a.units());
        Samples sb = new Samples(b.values(), b.trials() * b.steps(), b.units());
        double procrustes = Procrustes.compare(sa, sb).dissimilarity();
        double cka = Cka.compare(sa, sb).dissimilarity();
        Trajectories ta = trajectories(a, s.referenceAxes());
        Trajectories tb = trajectories(b, s.referenceAxes());
        DmdParams p = DsaShape.capped(s.dmd(), ta.trials(), ta.time(), ta.neurons());
        HavokDmd.Fit fa;
        HavokDmd.Fit fb;
        try {
            fa = HavokDmd.fit(ta, p);
            fb = HavokDmd.fit(tb, p);
        } catch (IllegalArgumentException e) {
            // A side whose embedding has fewer numerical directions than the rank: both at the lower rank.
            int r = Math.min(HavokDmd.numericalRank(ta, p), HavokDmd.numericalRank(tb, p));
            if (r >= p.rank() || r < 1) {
                throw e;
            }
            p = new DmdParams(p.nDelays(), p.delayInterval(), r, p.ridge());
            fa = HavokDmd.fit(ta, p);
            fb = HavokDmd.fit(tb, p);
        }
        double dsa = DsaComparison.compare(fa, fb, new FastAligner(s.alignerIterations(), 0, 0L), ScoreMethod.ANGULAR)
                .score();
        return new Result(dsa, procrustes, cka, p.rank(), p);
    }

    /** (trials, time, k) as DSA reads it, or transposed to the reference's (time, trials, k). */
    static Trajectories trajectories(Activity a, boolean referenceAxes) {
        if (!referenceAxes) {
            return new Trajectories(a.values(), a.trials(), a.steps(), a.units());
        }
        int n = a.trials();
        int t = a.steps();
        int u = a.units();
        double[] v = new double[a.values().length];
        for (int tr = 0; tr < n; tr++) {
            for (int step = 0; step < t; step++) {
                System.arraycopy(a.values(), (tr * t + step) * u, v, (step * n + tr) * u, u);
            }
        }
        return new Trajectories(v, t, n, u);
    }
}
