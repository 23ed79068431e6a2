package org.repal.core.model;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.repal.core.task.Gaussian;
import org.repal.core.task.Seeds;

/**
 * Seeded initial weights (see {@link InitType}). Each tensor draws from its own stream,
 * {@code Seeds.derive(seed, tensor name)}, so the values depend only on the seed, the tensor and its shape.
 */
public final class Initializer {
    private Initializer() {
    }

    /** New float32/float64 weights for the configuration, drawn from the seed. */
    public static RnnParameters initialize(RnnConfig config, org.nd4j.linalg.api.buffer.DataType type, long seed) {
        RnnParameters p = RnnParameters.zeros(config, type);
        double inBound = 1 / Math.sqrt(config.inputs());
        uniform(p.weightIh(), inBound, rng(seed, RnnParameters.WEIGHT_IH));
        recurrent(p.weightHh(), config, rng(seed, RnnParameters.WEIGHT_HH));
        uniform(p.bias(), inBound, rng(seed, RnnParameters.BIAS));
        uniform(p.readout(), 1 / Math.sqrt(config.hidden()), rng(seed, RnnParameters.READOUT));
        return p;
    }

    private static SplittableRandom rng(long seed, String tensor) {
        return new SplittableRandom(Seeds.derive(seed, "init/" + tensor));
    }

    private static void uniform(Mat m, double bound, SplittableRandom rng) {
        double[] v = new double[Math.toIntExact(m.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = bound * (2 * rng.nextDouble() - 1);
        }
        m.setAll(v);
    }

    private static void recurrent(Mat w, RnnConfig config, SplittableRandom rng) {
        int h = config.hidden();
        int g = config.gateRows();
        switch (config.init()) {
            case KAIMING:
                uniform(w, 1 / Math.sqrt(h), rng);
                break;
            case XAVIER:
                uniform(w, Math.sqrt(6.0 / (h + g)), rng);
                break;
            case RANDGAUSS: {
                Gaussian normal = new Gaussian(rng);
                double[] v = new double[g * h];
                for (int i = 0; i < v.length; i++) {
                    v[i] = InitType.GAUSS_SD * normal.next();
                }
                w.setAll(v);
                break;
            }
            case DIAG: {
                double[] v = new double[g * h];
                for (int b = 0; b < g / h; b++) {
                    for (int i = 0; i < h; i++) {
                        v[(b * h + i) * h + i] = 1;
                    }
                }
                w.setAll(v);
                break;
            }
            default: { // ORTHOGONAL, RANDORTHO
                double[] v = new double[g * h];
                for (int b = 0; b < g / h; b++) {
                    System.arraycopy(haarOrthogonal(h, rng), 0, v, b * h * h, h * h);
                }
                w.setAll(v);
            }
        }
    }

    /**
     * A Haar-distributed n×n orthogonal matrix, row-major: Q of the QR factorisation of a standard Gaussian
     * matrix, with column j multiplied by the sign of R_jj (without it Q would not be uniformly distributed).
     */
    static double[] haarOrthogonal(int n, SplittableRandom rng) {
        Gaussian normal = new Gaussian(rng);
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = normal.next();
        }
        try (DoublePointer m = new DoublePointer(a); DoublePointer tau = new DoublePointer(n)) {
            if (openblas.LAPACKE_dgeqrf(openblas.LAPACK_ROW_MAJOR, n, n, m, n, tau) != 0) {
                throw new ArithmeticException("QR factorisation failed for the orthogonal init");
            }
            double[] sign = new double[n];
            for (int j = 0; j < n; j++) {
                sign[j] = m.get((long) j * n + j) < 0 ? -1 : 1;
            }
            if (openblas.LAPACKE_dorgqr(openblas.LAPACK_ROW_MAJOR, n, n, n, m, n, tau) != 0) {
                throw new ArithmeticException("forming Q failed for the orthogonal init");
            }
            m.get(a);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i * n + j] *= sign[j];
                }
            }
            return a;
        }
    }
}
