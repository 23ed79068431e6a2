package org.repal.core.metric;

/**
 * A sign vector s maximising Σᵢⱼ Aᵢⱼ Bᵢⱼ sᵢ sⱼ, i.e. the signed identity D = diag(s) for which D·B·D best
 * matches A entry-wise. Found by a spectral relaxation (signs of the top eigenvector of the symmetrised
 * weight matrix) followed by single-flip local search, and compared with the all-ones start.
 */
final class SignAlignment {

    private SignAlignment() {
    }

    static double[] bestSigns(double[] a, double[] b, int n) {
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    w[i * n + j] = a[i * n + j] * b[i * n + j] + a[j * n + i] * b[j * n + i];
                }
            }
        }
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        double[] fromOnes = localSearch(w, n, ones);
        double[] fromSpectral = localSearch(w, n, topEigenvectorSigns(w, n));
        return value(w, n, fromSpectral) > value(w, n, fromOnes) + 1e-15 ? fromSpectral : fromOnes;
    }

    private static double value(double[] w, int n, double[] s) {
        double v = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v += w[i * n + j] * s[i] * s[j];
            }
        }
        return v;
    }

    /** Flips the single sign with the largest gain until no flip improves the objective. */
    private static double[] localSearch(double[] w, int n, double[] start) {
        double[] s = start.clone();
        double[] field = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                field[i] += w[i * n + j] * s[j];
            }
        }
        for (int pass = 0; pass < 4 * n; pass++) {
            int bestI = -1;
            double bestGain = 1e-15;
            for (int i = 0; i < n; i++) {
                double gain = -4.0 * s[i] * field[i];
                if (gain > bestGain) {
                    bestGain = gain;
                    bestI = i;
                }
            }
            if (bestI < 0) {
                break;
            }
            s[bestI] = -s[bestI];
            for (int j = 0; j < n; j++) {
                field[j] += 2.0 * w[j * n + bestI] * s[bestI];
            }
        }
        return s;
    }

    /** Signs of the leading eigenvector of the symmetric matrix w, by power iteration on w + c·I. */
    private static double[] topEigenvectorSigns(double[] w, int n) {
        double shift = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                row += Math.abs(w[i * n + j]);
            }
            shift = Math.max(shift, row);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1.0 + 0.01 * i;
        }
        double[] next = new double[n];
        for (int it = 0; it < 200; it++) {
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double s = shift * v[i];
                for (int j = 0; j < n; j++) {
                    s += w[i * n + j] * v[j];
                }
                next[i] = s;
                norm += s * s;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                v[i] = next[i] / norm;
            }
        }
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = v[i] >= 0 ? 1.0 : -1.0;
        }
        return s;
    }
}
