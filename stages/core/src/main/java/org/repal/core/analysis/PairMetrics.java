package org.repal.core.analysis;

import java.util.Objects;
import java.util.function.Supplier;
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
 * One compared pair of {@link CommonPca#prepare prepared} activities: Procrustes and CKA dissimilarities on the
 * (trials·time, k) samples of the pair's common PCA, and DSA (radians) on (trials, time, k) arrays — or on the
 * reference's (time, trials, k) reading with {@link ComparisonSettings#referenceAxes()} — in the basis the settings
 * name ({@link DsaBasis}):
 * <ul>
 *   <li>{@link DsaBasis#PAIR pair}: both sides' DMDs are fitted here on the common PCA, whose basis belongs to the
 *       pair, so a fit cannot be shared between pairs (the reference's procedure; the same bytes as before the own
 *       basis existed);</li>
 *   <li>{@link DsaBasis#OWN own}: each side's DMD is its own-PCA fit from {@link ActivityFits}, fitted once per
 *       activity; the pair only aligns the two operators (at the lower of the two sides' ranks). The common PCA for
 *       Procrustes and CKA comes from the sides' cached moments: the same components up to rounding.</li>
 * </ul>
 * Single-threaded and deterministic (the aligner starts from fixed points), so a pair's values do not depend on
 * which thread runs it.
 */
public final class PairMetrics {

    /**
     * @param dsaRank the DMD rank used (below the shape's cap when a side's delay embedding has a lower numerical
     *                rank)
     */
    public record Result(double dsa, double procrustes, double cka, int dsaRank, DmdParams dmd) {
    }

    /**
     * One side of a pair: the activity artifact's identity (the cache key: equal keys must mean the same activity)
     * and its prepared halves — {@code prepared}, reduced to the pair's width as {@link CommonPca#prepare} does, and
     * {@code fullWidth}, prepared at the activity's own width, the input of its own-basis fit. They are the same
     * array when the pair's width is the activity's. Suppliers, so that a stage can load a recording only when a job
     * needs it (each is called at most once per pair, and {@code fullWidth} once per fit).
     */
    public record Side(String key, Supplier<Activity> prepared, Supplier<Activity> fullWidth) {
        public Side {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(prepared, "prepared");
            Objects.requireNonNull(fullWidth, "fullWidth");
        }

        /** An activity prepared at its own width, compared at that width. */
        public static Side of(String key, Activity prepared) {
            return new Side(key, () -> prepared, () -> prepared);
        }

        /** An activity prepared at the pair's width and at its own. */
        public static Side of(String key, Activity prepared, Activity fullWidth) {
            return new Side(key, () -> prepared, () -> fullWidth);
        }
    }

    private PairMetrics() {
    }

    /**
     * One pair on its own, without a cache (in the own basis both fits are computed for this pair alone): for single
     * comparisons and tests. A stage uses {@link #compare(Side, Side, ComparisonSettings, ActivityFits)}.
     */
    public static Result compare(Activity x, Activity y, ComparisonSettings s) {
        if (s.dsaBasis() == DsaBasis.PAIR) {
            return pairBasis(x, y, s);
        }
        return ownBasis(Side.of("x", x), Side.of(x == y ? "x" : "y", y), new ActivityFits(s));
    }

    /**
     * One pair, the own basis's fits and moments from (and into) {@code fits}, which must have been made for the
     * same settings.
     */
    public static Result compare(Side x, Side y, ComparisonSettings s, ActivityFits fits) {
        if (s.dsaBasis() == DsaBasis.PAIR) {
            return pairBasis(x.prepared().get(), y.prepared().get(), s);
        }
        if (!fits.settings().equals(s)) {
            throw new IllegalArgumentException("the fit cache was made for other settings: " + fits.settings());
        }
        return ownBasis(x, y, fits);
    }

    private static Result ownBasis(Side x, Side y, ActivityFits fits) {
        ComparisonSettings s = fits.settings();
        Activity a = x.prepared().get();
        Activity b = y.prepared().get();
        CommonPca.Result pca = CommonPca.joint(a, fits.moments(x.key(), a), b, fits.moments(y.key(), b),
                s.pca().components());
        double[] pc = sampleMetrics(pca);
        ActivityFits.OwnFit fx = fits.fit(x);
        ActivityFits.OwnFit fy = fits.fit(y);
        int r = Math.min(fx.rank(), fy.rank());
        double dsa = DsaComparison.compare(fits.atRank(fx, r), fits.atRank(fy, r),
                new FastAligner(s.alignerIterations(), 0, 0L), ScoreMethod.ANGULAR).score();
        DmdParams p = fx.params();
        return new Result(dsa, pc[0], pc[1], r, new DmdParams(p.nDelays(), p.delayInterval(), r, p.ridge()));
    }

    /** Procrustes and CKA dissimilarities of the common PCA's two halves. */
    private static double[] sampleMetrics(CommonPca.Result pca) {
        Activity a = pca.first();
        Activity b = pca.second();
        Samples sa = new Samples(a.values(), a.trials() * a.steps(), a.units());
        Samples sb = new Samples(b.values(), b.trials() * b.steps(), b.units());
        return new double[] {Procrustes.compare(sa, sb).dissimilarity(), Cka.compare(sa, sb).dissimilarity()};
    }

    private static Result pairBasis(Activity x, Activity y, ComparisonSettings s) {
        CommonPca.Result pca = CommonPca.joint(x, y, s.pca().components());
        Activity a = pca.first();
        Activity b = pca.second();
        double[] pc = sampleMetrics(pca);
        double procrustes = pc[0];
        double cka = pc[1];
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
