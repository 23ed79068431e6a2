package org.repal.core.metric;

import java.util.SplittableRandom;

/** Haar-distributed random orthogonal matrices: Gram–Schmidt on Gaussian columns (row-major n×n). */
final class RandomOrthogonal {

    private RandomOrthogonal() {
    }

    static double[] haar(int n, SplittableRandom random) {
        double[] q = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            q[i] = gaussian(random);
        }
        // Modified Gram–Schmidt on columns, twice for orthogonality to working precision.
        for (int pass = 0; pass < 2; pass++) {
            for (int col = 0; col < n; col++) {
                for (int prev = 0; prev < col; prev++) {
                    double dot = 0;
                    for (int row = 0; row < n; row++) {
                        dot += q[row * n + col] * q[row * n + prev];
                    }
                    for (int row = 0; row < n; row++) {
                        q[row * n + col] -= dot * q[row * n + prev];
                    }
                }
                double norm = 0;
                for (int row = 0; row < n; row++) {
                    norm += q[row * n + col] * q[row * n + col];
                }
                norm = Math.sqrt(norm);
                for (int row = 0; row < n; row++) {
                    q[row * n + col] /= norm;
                }
            }
        }
        return q;
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
