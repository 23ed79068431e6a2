package org.repal.core.model.mamba;

/**
 * The kernel's matrix products in plain Java: T rows (the time steps) by at most a few dozen columns. At these
 * shapes OpenBLAS through JavaCPP spent more time on the JNI call and on copying every array in and out than on
 * arithmetic (17–78 µs per product at T = 400, about a third of training time at D = 8). The loops are scalar,
 * so each keeps four independent sums to hide the multiply-add latency. Row-major; results depend only on the
 * inputs, never on the machine or thread count.
 */
final class MambaProducts {
    private MambaProducts() {
    }

    /** out[m × n] (+)= a[m × k] · bᵀ, b stored n × k (a projection by a PyTorch-shaped weight). */
    static void timesTransposed(double[] a, double[] b, int m, int n, int k, boolean accumulate, double[] out) {
        int t = 0;
        for (; t + 4 <= m; t += 4) {
            int a0 = t * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            for (int j = 0; j < n; j++) {
                int bo = j * k;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double bv = b[bo + p];
                    s0 += a[a0 + p] * bv;
                    s1 += a[a1 + p] * bv;
                    s2 += a[a2 + p] * bv;
                    s3 += a[a3 + p] * bv;
                }
                store(out, t * n + j, n, s0, s1, s2, s3, accumulate);
            }
        }
        for (; t < m; t++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[t * k + p] * b[j * k + p];
                }
                out[t * n + j] = accumulate ? out[t * n + j] + s : s;
            }
        }
    }

    /** out[m × n] (+)= a[m × k] · b, b stored k × n (the input side's gradient of a projection). */
    static void times(double[] a, double[] b, int m, int n, int k, boolean accumulate, double[] out) {
        int t = 0;
        for (; t + 4 <= m; t += 4) {
            int a0 = t * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            for (int j = 0; j < n; j++) {
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double bv = b[p * n + j];
                    s0 += a[a0 + p] * bv;
                    s1 += a[a1 + p] * bv;
                    s2 += a[a2 + p] * bv;
                    s3 += a[a3 + p] * bv;
                }
                store(out, t * n + j, n, s0, s1, s2, s3, accumulate);
            }
        }
        for (; t < m; t++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[t * k + p] * b[p * n + j];
                }
                out[t * n + j] = accumulate ? out[t * n + j] + s : s;
            }
        }
    }

    /** out[m × n] = aᵀ · b for a stored k × m and b k × n (a weight's gradient summed over the k steps). */
    static void transposedTimes(double[] a, double[] b, int m, int n, int k, double[] out) {
        for (int i = 0; i < m; i++) {
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double av = a[p * m + i];
                    int bo = p * n + j;
                    s0 += av * b[bo];
                    s1 += av * b[bo + 1];
                    s2 += av * b[bo + 2];
                    s3 += av * b[bo + 3];
                }
                out[i * n + j] = s0;
                out[i * n + j + 1] = s1;
                out[i * n + j + 2] = s2;
                out[i * n + j + 3] = s3;
            }
            for (; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[p * m + i] * b[p * n + j];
                }
                out[i * n + j] = s;
            }
        }
    }

    /** Four results of one column, rows apart by {@code n}. */
    private static void store(double[] out, int o, int n, double s0, double s1, double s2, double s3,
            boolean accumulate) {
        if (accumulate) {
            out[o] += s0;
            out[o + n] += s1;
            out[o + 2 * n] += s2;
            out[o + 3 * n] += s3;
        } else {
            out[o] = s0;
            out[o + n] = s1;
            out[o + 2 * n] = s2;
            out[o + 3 * n] = s3;
        }
    }
}
