package org.repal.core.task;

import java.util.SplittableRandom;

/**
 * Standard normal draws from a {@link SplittableRandom} by Marsaglia's polar method (the rejection form of
 * Box–Muller): u, v = 2·nextDouble() − 1 until 0 < s = u² + v² < 1, then u·f and v·f with
 * f = √(−2 ln s / s), returned in that order (the second is kept for the next call). Only {@code StrictMath.log}
 * and the exactly rounded {@code Math.sqrt} are used, so the values are the same on every JVM.
 */
public final class Gaussian {
    private final SplittableRandom rng;
    private double spare;
    private boolean hasSpare;

    public Gaussian(SplittableRandom rng) {
        this.rng = rng;
    }

    public double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * StrictMath.log(s) / s);
        spare = v * f;
        hasSpare = true;
        return u * f;
    }
}
