package org.repal.core.linalg;

import java.util.SplittableRandom;

/**
 * Plain-Java arithmetic for {@link NumericsSelfCheck}: the references it compares BLAS/LAPACK results with must
 * not themselves go through the library under test.
 */
final class ReferenceMath {

    private ReferenceMath() {
    }

    static double[] matVec(double[] a, int rows, int cols, double[] x) {
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += a[i * cols + j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    static double[] matTransVec(double[] a, int rows, int cols, double[] x) {
        double[] y = new double[cols];
        for (int i = 0; i < rows; i++) {
            double xi = x[i];
            for (int j = 0; j < cols; j++) {
                y[j] += a[i * cols + j] * xi;
            }
        }
        return y;
    }

    static double[] abs(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return y;
    }

    static double[] javaProduct(double[] a, double[] b, int m, int p, int k) {
        double[] c = new double[m * p];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < k; l++) {
                double ail = a[i * k + l];
                int bRow = l * p;
                int cRow = i * p;
                for (int j = 0; j < p; j++) {
                    c[cRow + j] += ail * b[bRow + j];
                }
            }
        }
        return c;
    }

    static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    static double[] gaussian(SplittableRandom rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            // Box–Muller from the seeded stream: the same matrices on every JVM.
            double u = 1.0 - rng.nextDouble();
            x[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return x;
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    static double maxAbsDiff(double[] x, double[] y) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    static double frobenius(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    static double normInf(double[] a, int rows, int cols) {
        double best = 0;
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += Math.abs(a[i * cols + j]);
            }
            best = Math.max(best, s);
        }
        return best;
    }
}
