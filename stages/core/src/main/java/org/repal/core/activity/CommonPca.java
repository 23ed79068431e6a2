package org.repal.core.activity;

import java.util.Arrays;

/**
 * The common PCA of a compared pair (spec §5 "Common PCA", {@code compute_common_pca([a, b], k)}), on
 * (trials, time, units) arrays:
 * <ol>
 *   <li>if the unit counts differ, the wider array is first PCA-reduced to the narrower one's count, fitted on its
 *       own flattened (trials·time, units) data, centred but not standardised;</li>
 *   <li>the two are concatenated along trials;</li>
 *   <li>z-score over time, separately for each (trial, unit): mean and unbiased (n−1) std over the steps, std 0 → 1
 *       (on by default, {@link Options#withoutZscore()} turns it off);</li>
 *   <li>flattened to (trials·time, units), centred PCA to k components ({@link Pca}, deterministic, fixed signs),
 *       projected, and split back into two (trials, time, k) arrays, with the explained-variance ratio.</li>
 * </ol>
 * k is clipped to the unit count; {@link Options#ALL} keeps every component (an orthogonal change of basis) and
 * {@link Options#NONE} skips the PCA (the arrays come back after steps 1–3, with an empty ratio). The reference
 * imputed NaNs with column means; here NaN or infinite inputs are rejected, and z-scoring cannot create any.
 */
public final class CommonPca {
    public static final int DEFAULT_COMPONENTS = 20;

    /** The pair after the common PCA; {@code explainedVarianceRatio} has one entry per kept component. */
    public record Result(Activity first, Activity second, double[] explainedVarianceRatio) {
        /** Components kept (the units of both outputs). */
        public int components() {
            return first.units();
        }
    }

    /**
     * @param components k ≥ 1 (clipped to the units), {@link #ALL} or {@link #NONE}
     * @param zscore     z-score each (trial, unit) over time before the PCA
     */
    public record Options(int components, boolean zscore) {
        /** Every component: the projection is a rotation and the ratios sum to 1. */
        public static final int ALL = Integer.MAX_VALUE;
        /** No PCA: only the unit-count equalisation and the z-scoring. */
        public static final int NONE = 0;

        public Options {
            if (components < 0) {
                throw new IllegalArgumentException("PCA components must be >= 1 (or ALL / NONE), got " + components);
            }
        }

        /** k = 20, z-scoring on: the reference pipeline's setting. */
        public static Options defaults() {
            return new Options(DEFAULT_COMPONENTS, true);
        }

        public Options withComponents(int k) {
            return new Options(k, zscore);
        }

        public Options withoutZscore() {
            return new Options(components, false);
        }
    }

    private CommonPca() {
    }

    /**
     * The common PCA of {@code a} and {@code b} (equal time lengths; trials and units may differ).
     *
     * @throws IllegalArgumentException for non-finite values, unequal time lengths, or z-scoring a single step
     */
    public static Result compute(Activity a, Activity b, Options options) {
        a.requireFinite("common PCA, first activity");
        b.requireFinite("common PCA, second activity");
        if (a.steps() != b.steps()) {
            throw new IllegalArgumentException("common PCA needs equal time lengths, got " + a.steps() + " and "
                    + b.steps() + " steps");
        }
        if (options.zscore() && a.steps() < 2) {
            throw new IllegalArgumentException("z-scoring over time needs at least 2 steps, got " + a.steps());
        }
        int units = Math.min(a.units(), b.units());
        return joint(prepare(a, units, options.zscore()), prepare(b, units, options.zscore()), options.components());
    }

    /**
     * Steps 1 and 3 for one array, the part of the common PCA that does not depend on the other array (z-scoring
     * is per (trial, unit), so it commutes with the concatenation): reduced to {@code units} by its own PCA when
     * wider, then z-scored over time when {@code zscore}. A stage comparing one activity with many others can
     * compute this once per (activity, units) and pass the results to {@link #joint}; the outcome is the same bytes
     * as {@link #compute}. The input is not modified.
     *
     * @throws IllegalArgumentException for non-finite values, fewer units than {@code units}, or z-scoring one step
     */
    public static Activity prepare(Activity a, int units, boolean zscore) {
        a.requireFinite("common PCA input");
        if (units < 1 || units > a.units()) {
            throw new IllegalArgumentException("cannot reduce " + a.units() + " units to " + units);
        }
        if (zscore && a.steps() < 2) {
            throw new IllegalArgumentException("z-scoring over time needs at least 2 steps, got " + a.steps());
        }
        Activity x = reduced(a, units);
        if (!zscore) {
            return x;
        }
        double[] v = x == a ? a.values().clone() : x.values();
        zscore(v, x.trials(), x.steps(), units);
        return new Activity(x.trials(), x.steps(), units, v);
    }

    /**
     * Steps 2 and 4 on two {@link #prepare prepared} arrays of equal units and time: concatenated along trials,
     * centred PCA to {@code components} (clipped to the units; {@link Options#ALL}, {@link Options#NONE}), split back.
     *
     * @throws IllegalArgumentException for unequal units or time lengths
     */
    public static Result joint(Activity x, Activity y, int components) {
        if (x.units() != y.units() || x.steps() != y.steps()) {
            throw new IllegalArgumentException("common PCA of prepared arrays needs equal units and steps, got "
                    + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape()));
        }
        if (components < 0) {
            throw new IllegalArgumentException("PCA components must be >= 1 (or ALL / NONE), got " + components);
        }
        int units = x.units();
        int trials = x.trials() + y.trials();
        int steps = x.steps();
        double[] joint = Arrays.copyOf(x.values(), trials * steps * units);
        System.arraycopy(y.values(), 0, joint, x.values().length, y.values().length);
        if (components == Options.NONE) {
            return split(joint, x.trials(), y.trials(), steps, units, new double[0]);
        }
        int k = Math.min(components, units);
        Pca pca = Pca.fit(joint, trials * steps, units, k);
        return split(pca.project(joint, trials * steps), x.trials(), y.trials(), steps, k,
                pca.explainedVarianceRatio());
    }

    /**
     * {@link #joint} from each prepared array's {@link Pca.Moments} (of its flattened (trials·time, units) values):
     * the pooled moments give the joint covariance without a pass over the joint data, and each array is projected
     * on its own. The same components as {@link #joint} up to rounding — the covariance is summed in another order,
     * so this is not the same bytes — at the cost of one features × features eigen-decomposition and the two
     * projections, when the moments are computed once per array and reused across its pairs.
     *
     * @throws IllegalArgumentException for unequal units or time lengths, or moments of another shape
     */
    public static Result joint(Activity x, Pca.Moments mx, Activity y, Pca.Moments my, int components) {
        if (x.units() != y.units() || x.steps() != y.steps()) {
            throw new IllegalArgumentException("common PCA of prepared arrays needs equal units and steps, got "
                    + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape()));
        }
        requireMoments(x, mx);
        requireMoments(y, my);
        if (components < 0) {
            throw new IllegalArgumentException("PCA components must be >= 1 (or ALL / NONE), got " + components);
        }
        if (components == Options.NONE) {
            return new Result(x, y, new double[0]);
        }
        int k = Math.min(components, x.units());
        Pca pca = Pca.fit(Pca.Moments.pooled(mx, my), k);
        return new Result(project(x, pca), project(y, pca), pca.explainedVarianceRatio());
    }

    /**
     * One prepared array on its own principal components: centred PCA of its flattened values, fitted from its
     * {@link Pca.Moments}, to {@code components} (clipped to the units; {@link Options#ALL} keeps every one,
     * {@link Options#NONE} returns the array itself). This is the per-activity basis of the DSA "own" mode.
     *
     * @throws IllegalArgumentException for moments of another shape
     */
    public static Activity own(Activity x, Pca.Moments mx, int components) {
        requireMoments(x, mx);
        if (components < 0) {
            throw new IllegalArgumentException("PCA components must be >= 1 (or ALL / NONE), got " + components);
        }
        if (components == Options.NONE) {
            return x;
        }
        return project(x, Pca.fit(mx, Math.min(components, x.units())));
    }

    /** The moments of an array's flattened (trials·time, units) values. */
    public static Pca.Moments moments(Activity x) {
        return Pca.Moments.of(x.values(), x.trials() * x.steps(), x.units());
    }

    private static void requireMoments(Activity x, Pca.Moments m) {
        if (m.features() != x.units() || m.rows() != (long) x.trials() * x.steps()) {
            throw new IllegalArgumentException("moments of " + m.rows() + " × " + m.features() + " do not describe "
                    + Arrays.toString(x.shape()));
        }
    }

    private static Activity project(Activity x, Pca pca) {
        int rows = x.trials() * x.steps();
        return new Activity(x.trials(), x.steps(), pca.components(), pca.project(x.values(), rows));
    }

    /** The activity PCA-reduced to {@code units} components if it has more (fitted on itself, not standardised). */
    private static Activity reduced(Activity a, int units) {
        if (a.units() == units) {
            return a;
        }
        int rows = a.trials() * a.steps();
        Pca pca = Pca.fit(a.values(), rows, a.units(), units);
        return new Activity(a.trials(), a.steps(), units, pca.project(a.values(), rows));
    }

    /** In place: each (trial, unit) series over time to mean 0 and unbiased std 1 (std 0 → divided by 1). */
    static void zscore(double[] v, int trials, int steps, int units) {
        double[] mean = new double[units];
        double[] ss = new double[units];
        for (int tr = 0; tr < trials; tr++) {
            int base = tr * steps * units;
            Arrays.fill(mean, 0);
            Arrays.fill(ss, 0);
            for (int t = 0; t < steps; t++) {
                for (int u = 0; u < units; u++) {
                    mean[u] += v[base + t * units + u];
                }
            }
            for (int u = 0; u < units; u++) {
                mean[u] /= steps;
            }
            for (int t = 0; t < steps; t++) {
                for (int u = 0; u < units; u++) {
                    double d = v[base + t * units + u] - mean[u];
                    ss[u] += d * d;
                }
            }
            for (int u = 0; u < units; u++) {
                double sd = Math.sqrt(ss[u] / (steps - 1));
                ss[u] = sd == 0 ? 1 : sd;
            }
            for (int t = 0; t < steps; t++) {
                for (int u = 0; u < units; u++) {
                    int i = base + t * units + u;
                    v[i] = (v[i] - mean[u]) / ss[u];
                }
            }
        }
    }

    private static Result split(double[] v, int trialsA, int trialsB, int steps, int k, double[] ratio) {
        int cut = trialsA * steps * k;
        return new Result(new Activity(trialsA, steps, k, Arrays.copyOfRange(v, 0, cut)),
                new Activity(trialsB, steps, k, Arrays.copyOfRange(v, cut, v.length)), ratio);
    }
}
