package org.repal.core.attractor;

import java.util.List;
import java.util.SplittableRandom;
import org.repal.core.metric.Trajectories;

/**
 * Motifs and their composition for the attractor bench (spec §7.1). Arrays are (samples, time, 3).
 *
 * <p>The line motif: the reference ({@code lorenz.simulation_line}) scaled one direction vector, starting at
 * (1e-4, 1e-4, 1e-4), by a fresh N(0, 1) draw <em>in place</em> for every sample, so its length shrinks
 * geometrically (|ν| &lt; 1 most of the time) and, with seed 42, about 193 of its 200 "lines" move less than
 * 1e-3: near-static points (spec §10 item 26). Normalisation over all coordinates keeps them static: each becomes a
 * fixed point such as (0, 1, 0.4). {@link #referenceLine} reproduces it for comparison runs. Here every sample
 * gets its own direction: a uniform random unit vector, constant speed, p_t = p₀ + t·v, so the motion is a
 * straight line with non-vanishing speed before and after normalisation.
 */
public final class Motifs {

    /** The reference's offset factor for the join of two attached motifs. */
    public static final double JOIN = 1e-4;

    private Motifs() {
    }

    /**
     * Min–max normalisation of one trajectory in place: (x − min)/(max − min) over all its coordinates and
     * times. A constant trajectory becomes all zeros (the reference would divide by zero).
     */
    public static void normaliseInPlace(double[] data, int offset, int length) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + length; i++) {
            min = Math.min(min, data[i]);
            max = Math.max(max, data[i]);
        }
        double range = max - min;
        for (int i = offset; i < offset + length; i++) {
            data[i] = range > 0 ? (data[i] - min) / range : 0.0;
        }
    }

    /** A copy with every sample min–max normalised. */
    public static Trajectories normalise(Trajectories x) {
        double[] out = x.data().clone();
        int per = x.time() * x.neurons();
        for (int k = 0; k < x.trials(); k++) {
            normaliseInPlace(out, k * per, per);
        }
        return new Trajectories(out, x.trials(), x.time(), x.neurons());
    }

    /** Straight lines at constant speed from uniform starts in [0, 1)³, each normalised (see class note). */
    public static Trajectories line(int samples, int steps, SplittableRandom random) {
        double[] out = new double[samples * steps * 3];
        double[] start = new double[3];
        double[] v = new double[3];
        for (int k = 0; k < samples; k++) {
            for (int i = 0; i < 3; i++) {
                start[i] = random.nextDouble();
            }
            double norm;
            do {
                norm = 0;
                for (int i = 0; i < 3; i++) {
                    v[i] = random.nextGaussian();
                    norm += v[i] * v[i];
                }
                norm = Math.sqrt(norm);
            } while (norm < 1e-6);
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < 3; i++) {
                    out[(k * steps + t) * 3 + i] = start[i] + t * v[i] / (norm * steps);
                }
            }
            normaliseInPlace(out, k * steps * 3, steps * 3);
        }
        return new Trajectories(out, samples, steps, 3);
    }

    /**
     * The reference's degenerate line ({@code lorenz.simulation_line}), for comparison runs: one direction d,
     * starting at (1e-4, 1e-4, 1e-4), is updated in place per sample — ν ~ N(0, 1) and k uniform in {1, 2},
     * d_a ← ν·d_a for a ≠ k, d_k ← −ν·d_k — and the sample moves along ν·d as p_{i+1} = p_i + i·ν·d from a
     * uniform start in [0, 1)³, then is normalised. |d| shrinks geometrically, so all but the first few
     * samples are near-static points (normalised, a fixed point such as (0, 1, 0.4)).
     */
    public static Trajectories referenceLine(int samples, int steps, SplittableRandom random) {
        double[] out = new double[samples * steps * 3];
        double[][] starts = new double[samples][3];
        for (double[] p : starts) {
            for (int i = 0; i < 3; i++) {
                p[i] = random.nextDouble();
            }
        }
        double[] d = {1e-4, 1e-4, 1e-4};
        for (int k = 0; k < samples; k++) {
            double nu = random.nextGaussian();
            int flipped = 1 + random.nextInt(2);
            for (int i = 0; i < 3; i++) {
                d[i] = i == flipped ? -nu * d[i] : nu * d[i];
            }
            int base = k * steps * 3;
            System.arraycopy(starts[k], 0, out, base, 3);
            for (int t = 0; t + 1 < steps; t++) {
                for (int i = 0; i < 3; i++) {
                    out[base + (t + 1) * 3 + i] = out[base + t * 3 + i] + t * nu * d[i];
                }
            }
            normaliseInPlace(out, base, steps * 3);
        }
        return new Trajectories(out, samples, steps, 3);
    }

    /**
     * The reference's {@code attach_2_motifs} for every sample: A, then B continued from A's end — its first point
     * is A[−1] + 1e-4·(A[−1] − A[−2]), then B's successive increments. Length T_A + T_B, not normalised.
     */
    public static Trajectories attach(Trajectories a, Trajectories b) {
        sameSamples(a, b);
        int n = a.neurons();
        int ta = a.time();
        int tb = b.time();
        int t = ta + tb;
        double[] out = new double[a.trials() * t * n];
        for (int k = 0; k < a.trials(); k++) {
            System.arraycopy(a.data(), k * ta * n, out, k * t * n, ta * n);
            for (int i = 0; i < n; i++) {
                double last = a.get(k, ta - 1, i);
                double prev = ta > 1 ? a.get(k, ta - 2, i) : last;
                double value = last + JOIN * (last - prev);
                out[(k * t + ta) * n + i] = value;
                for (int s = 1; s < tb; s++) {
                    value += b.get(k, s, i) - b.get(k, s - 1, i);
                    out[(k * t + ta + s) * n + i] = value;
                }
            }
        }
        return new Trajectories(out, a.trials(), t, n);
    }

    /**
     * The reference's {@code combine_simulations(..., "attach")}: attach all k motifs per sample (length k·T),
     * keep every k-th point (points 0, k, 2k, …, back to k·T/k = T points when the motifs have equal length)
     * and normalise each sample.
     */
    public static Trajectories compose(List<Trajectories> motifs) {
        if (motifs.isEmpty()) {
            throw new IllegalArgumentException("at least one motif is required");
        }
        Trajectories joined = motifs.get(0);
        for (int m = 1; m < motifs.size(); m++) {
            joined = attach(joined, motifs.get(m));
        }
        return normalise(downsample(joined, motifs.size()));
    }

    /** Keeps time points 0, k, 2k, … of every sample. */
    public static Trajectories downsample(Trajectories x, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("down-sampling factor must be >= 1, got " + k);
        }
        int n = x.neurons();
        int t = (x.time() + k - 1) / k;
        double[] out = new double[x.trials() * t * n];
        for (int s = 0; s < x.trials(); s++) {
            for (int i = 0; i < t; i++) {
                System.arraycopy(x.data(), (s * x.time() + i * k) * n, out, (s * t + i) * n, n);
            }
        }
        return new Trajectories(out, x.trials(), t, n);
    }

    /** The reference's {@code combine_2_motifs(A, B, m)}: B[t] + m·(A[t] − A[0]) per sample, not normalised. */
    public static Trajectories mix(Trajectories a, Trajectories b, double m) {
        sameSamples(a, b);
        if (a.time() != b.time()) {
            throw new IllegalArgumentException("mixing needs equal lengths, got " + a.time() + " and " + b.time());
        }
        int n = a.neurons();
        double[] out = b.data().clone();
        for (int k = 0; k < a.trials(); k++) {
            for (int t = 0; t < a.time(); t++) {
                for (int i = 0; i < n; i++) {
                    out[(k * a.time() + t) * n + i] += m * (a.get(k, t, i) - a.get(k, 0, i));
                }
            }
        }
        return new Trajectories(out, a.trials(), a.time(), n);
    }

    /** The perturbation √(1 − s²)·x + s·ε with fresh ε ~ N(0, 1) per entry, drawn in row-major order. */
    public static Trajectories perturb(Trajectories x, double s, SplittableRandom random) {
        if (!(s >= 0 && s <= 1)) {
            throw new IllegalArgumentException("noise scale must be in [0, 1], got " + s);
        }
        double keep = Math.sqrt(1 - s * s);
        double[] out = x.data().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = keep * out[i] + s * random.nextGaussian();
        }
        return new Trajectories(out, x.trials(), x.time(), x.neurons());
    }

    /** Reverses the sample order (the reference's {@code np.flip(axis=0)} in Line-Curve-Line-Curve; not time). */
    public static Trajectories flipSamples(Trajectories x) {
        int per = x.time() * x.neurons();
        double[] out = new double[x.data().length];
        for (int k = 0; k < x.trials(); k++) {
            System.arraycopy(x.data(), k * per, out, (x.trials() - 1 - k) * per, per);
        }
        return new Trajectories(out, x.trials(), x.time(), x.neurons());
    }

    private static void sameSamples(Trajectories a, Trajectories b) {
        if (a.trials() != b.trials() || a.neurons() != b.neurons()) {
            throw new IllegalArgumentException("motifs must have the same samples and dimensions, got ("
                    + a.trials() + ", …, " + a.neurons() + ") and (" + b.trials() + ", …, " + b.neurons() + ")");
        }
    }
}
