package org.repal.core.linalg;

import java.util.SplittableRandom;

/** Seeded test operands for the kernel tests. */
final class RandomArrays {

    private RandomArrays() {
    }

    /** {@code length} values uniform in [−1, 1) from {@code seed}. */
    static double[] uniform(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[length];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble() * 2 - 1;
        }
        return a;
    }
}
