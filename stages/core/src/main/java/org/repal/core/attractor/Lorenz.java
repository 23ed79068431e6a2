package org.repal.core.attractor;

import java.util.SplittableRandom;
import org.repal.core.metric.Trajectories;

/**
 * Lorenz system dx = σ(y−x), dy = x(ρ−z) − y, dz = xy − βz integrated with fixed-step RK4. Trials start
 * from seeded random initial conditions and discard a burn-in so that they sit on the attractor (or at its
 * fixed points for small ρ).
 */
public final class Lorenz {

    /** σ, ρ, β; the classic chaotic regime is (10, 28, 8/3). */
    public record Params(double sigma, double rho, double beta) {
        public static Params classic(double rho) {
            return new Params(10.0, rho, 8.0 / 3.0);
        }

        /** The reference bench's parameters: σ 10, β 2.667 (rounded 8/3, as its notebooks wrote it). */
        public static Params reference(double rho) {
            return new Params(10.0, rho, 2.667);
        }
    }

    private Lorenz() {
    }

    /**
     * @param dt       integration step
     * @param burnIn   steps discarded before recording
     * @param initScale initial conditions drawn uniformly from [−initScale, initScale]³
     */
    public static Trajectories simulate(Params p, int trials, int steps, double dt, int burnIn, double initScale,
                                        long seed) {
        if (trials < 1 || steps < 1 || burnIn < 0 || !(dt > 0)) {
            throw new IllegalArgumentException("trials, steps >= 1, burn-in >= 0 and dt > 0 are required");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[trials * steps * 3];
        double[] s = new double[3];
        for (int k = 0; k < trials; k++) {
            for (int i = 0; i < 3; i++) {
                s[i] = (2 * random.nextDouble() - 1) * initScale;
            }
            for (int t = 0; t < burnIn; t++) {
                step(p, s, dt);
            }
            for (int t = 0; t < steps; t++) {
                System.arraycopy(s, 0, out, (k * steps + t) * 3, 3);
                step(p, s, dt);
            }
        }
        return new Trajectories(out, trials, steps, 3);
    }

    /** How {@link #bench} advances the state. */
    public enum Integrator { EULER, RK4 }

    /**
     * The attractor bench's Lorenz samples (spec §7.1), shaped (samples, steps, 3): each sample starts at a
     * uniform point of [0, 1)³ drawn from {@code random} (three draws per sample, in sample order), runs
     * {@code burnIn} unrecorded steps, then records {@code steps} points including the start, and is min–max
     * normalised over all its coordinates and times ({@link Motifs#normalise}). The reference is
     * {@code EULER}, dt 0.01, 200 steps, no burn-in: two time units, mostly transient (spec §10 item 25);
     * {@code RK4} with a burn-in gives trajectories on the attractor.
     */
    public static Trajectories bench(Params p, int samples, int steps, double dt, Integrator integrator, int burnIn,
                                     SplittableRandom random) {
        if (samples < 1 || steps < 2 || burnIn < 0 || !(dt > 0)) {
            throw new IllegalArgumentException("samples >= 1, steps >= 2, burn-in >= 0 and dt > 0 are required");
        }
        double[] out = new double[samples * steps * 3];
        double[] s = new double[3];
        for (int k = 0; k < samples; k++) {
            for (int i = 0; i < 3; i++) {
                s[i] = random.nextDouble();
            }
            for (int t = 0; t < burnIn + steps; t++) {
                if (t >= burnIn) {
                    System.arraycopy(s, 0, out, (k * steps + t - burnIn) * 3, 3);
                }
                if (integrator == Integrator.EULER) {
                    eulerStep(p, s, dt);
                } else {
                    step(p, s, dt);
                }
            }
            Motifs.normaliseInPlace(out, k * steps * 3, steps * 3);
        }
        return new Trajectories(out, samples, steps, 3);
    }

    /** One explicit Euler step x ← x + dt·f(x), in place (the reference's {@code lorenz_step}). */
    public static void eulerStep(Params p, double[] s, double dt) {
        double[] d = new double[3];
        derivative(p, s, d);
        for (int i = 0; i < 3; i++) {
            s[i] += dt * d[i];
        }
    }

    private static void derivative(Params p, double[] s, double[] d) {
        d[0] = p.sigma() * (s[1] - s[0]);
        d[1] = s[0] * (p.rho() - s[2]) - s[1];
        d[2] = s[0] * s[1] - p.beta() * s[2];
    }

    private static void step(Params p, double[] s, double dt) {
        double[] k1 = new double[3];
        double[] k2 = new double[3];
        double[] k3 = new double[3];
        double[] k4 = new double[3];
        double[] tmp = new double[3];
        derivative(p, s, k1);
        for (int i = 0; i < 3; i++) {
            tmp[i] = s[i] + 0.5 * dt * k1[i];
        }
        derivative(p, tmp, k2);
        for (int i = 0; i < 3; i++) {
            tmp[i] = s[i] + 0.5 * dt * k2[i];
        }
        derivative(p, tmp, k3);
        for (int i = 0; i < 3; i++) {
            tmp[i] = s[i] + dt * k3[i];
        }
        derivative(p, tmp, k4);
        for (int i = 0; i < 3; i++) {
            s[i] += dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }
}
