package org.repal.core.activity;

import org.bytedeco.javacpp.DoublePointer;
import org.repal.core.linalg.NativeBlas;

/**
 * Centred PCA (no whitening) of a row-major (samples × features) matrix, deterministic: the top-k eigenpairs of
 * the feature covariance XᶜᵀXᶜ/(n−1) from LAPACK dsyevr, instead of the reference's randomized SVD (sklearn
 * picks it at these sizes and its results vary from call to call). Each component's sign is fixed so that its
 * largest-|loading| entry (the first one on ties) is positive. The covariance is accumulated in row blocks with
 * dsyrk, so memory beyond the data stays O(features² + block·features).
 *
 * @param mean       the feature means (length p)
 * @param loadings   the components as columns of a row-major p × k matrix, by descending variance
 * @param variances  the variance along each component (eigenvalues clipped at 0), length k
 * @param totalVariance the trace of the covariance: the sum over all p components
 */
public record Pca(int features, int components, double[] mean, double[] loadings, double[] variances,
                  double totalVariance) {
    private static final int BLOCK = 2048;

    /**
     * Fits {@code k} components to {@code x} (rows × features, row-major); the values must be finite.
     *
     * @throws IllegalArgumentException for k outside 1..features or a size mismatch
     */
    public static Pca fit(double[] x, int rows, int features, int k) {
        if (rows < 1 || features < 1 || (long) rows * features != x.length) {
            throw new IllegalArgumentException("PCA input holds " + x.length + " values, not " + rows + " × "
                    + features);
        }
        if (k < 1 || k > features) {
            throw new IllegalArgumentException("PCA to " + k + " components of " + features + " features");
        }
        double[] mean = new double[features];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < features; j++) {
                mean[j] += x[r * features + j];
            }
        }
        for (int j = 0; j < features; j++) {
            mean[j] /= rows;
        }
        double[] cov = new double[features * features];
        try (DoublePointer c = NativeBlas.alloc((long) features * features);
             DoublePointer block = NativeBlas.alloc((long) features * Math.min(BLOCK, rows))) {
            double[] t = new double[features * Math.min(BLOCK, rows)];
            for (int first = 0; first < rows; first += BLOCK) {
                int m = Math.min(BLOCK, rows - first);
                for (int r = 0; r < m; r++) {
                    int row = (first + r) * features;
                    for (int j = 0; j < features; j++) {
                        t[r * features + j] = x[row + j] - mean[j];
                    }
                }
                block.put(t, 0, m * features);
                NativeBlas.syrkUpperTransposed(features, m, 1.0 / Math.max(1, rows - 1), block, features, 1.0, c,
                        features);
            }
            NativeBlas.mirrorUpper(c, features);
            c.get(cov);
        }
        return fromCovariance(mean, cov, features, k);
    }

    /**
     * The same PCA from a data set's {@link Moments} (covariance = scatter / (rows − 1)): no pass over the data,
     * so a PCA of pooled data sets costs one eigen-decomposition of the features × features covariance. Equal to
     * {@link #fit(double[], int, int, int)} on the data up to rounding (the covariance is summed in another order).
     *
     * @throws IllegalArgumentException for k outside 1..features
     */
    public static Pca fit(Moments m, int k) {
        int features = m.features();
        if (k < 1 || k > features) {
            throw new IllegalArgumentException("PCA to " + k + " components of " + features + " features");
        }
        double scale = 1.0 / Math.max(1, m.rows() - 1);
        double[] cov = new double[features * features];
        for (int i = 0; i < cov.length; i++) {
            cov[i] = m.scatter()[i] * scale;
        }
        return fromCovariance(m.mean().clone(), cov, features, k);
    }

    /** Top-k eigenpairs of the (full, row-major) covariance, by descending variance, signs fixed. */
    private static Pca fromCovariance(double[] mean, double[] cov, int features, int k) {
        double total = 0;
        for (int j = 0; j < features; j++) {
            total += cov[j * features + j];
        }
        double[] values = new double[k];
        double[] vectors = new double[features * k];
        try (DoublePointer a = NativeBlas.alloc((long) features * features);
             DoublePointer w = NativeBlas.alloc(features);
             DoublePointer z = NativeBlas.alloc((long) features * k)) {
            a.put(cov);
            NativeBlas.symmetricEigenRange(a, features, features - k + 1, features, w, z);
            double[] wa = new double[k];
            double[] za = new double[features * k];
            w.get(wa);
            z.get(za);
            for (int i = 0; i < k; i++) { // LAPACK ascends: reverse so that component 0 has the largest variance
                values[i] = Math.max(0, wa[k - 1 - i]);
                for (int row = 0; row < features; row++) {
                    vectors[row * k + i] = za[row * k + (k - 1 - i)];
                }
            }
        }
        fixSigns(vectors, features, k);
        return new Pca(features, k, mean, vectors, values, total);
    }

    /** Flips each column so that its largest-|entry| (the first on ties) is positive. */
    private static void fixSigns(double[] v, int p, int k) {
        for (int i = 0; i < k; i++) {
            int arg = 0;
            for (int row = 1; row < p; row++) {
                if (Math.abs(v[row * k + i]) > Math.abs(v[arg * k + i])) {
                    arg = row;
                }
            }
            if (v[arg * k + i] < 0) {
                for (int row = 0; row < p; row++) {
                    v[row * k + i] = -v[row * k + i];
                }
            }
        }
    }

    /** (x − mean)·loadings for x (rows × features): rows × components, row-major. */
    public double[] project(double[] x, int rows) {
        if ((long) rows * features != x.length) {
            throw new IllegalArgumentException("projecting " + x.length + " values as " + rows + " × " + features);
        }
        int k = components;
        double[] out = new double[rows * k];
        int cap = Math.min(BLOCK, rows);
        try (DoublePointer v = NativeBlas.alloc((long) features * k);
             DoublePointer block = NativeBlas.alloc((long) cap * features);
             DoublePointer y = NativeBlas.alloc((long) cap * k)) {
            v.put(loadings);
            double[] t = new double[cap * features];
            for (int first = 0; first < rows; first += BLOCK) {
                int m = Math.min(BLOCK, rows - first);
                for (int r = 0; r < m; r++) {
                    int row = (first + r) * features;
                    for (int j = 0; j < features; j++) {
                        t[r * features + j] = x[row + j] - mean[j];
                    }
                }
                block.put(t, 0, m * features);
                NativeBlas.gemm(false, false, m, k, features, 1.0, block, 0, features, v, 0, k, 0.0, y, 0, k);
                y.get(out, first * k, m * k);
            }
        }
        return out;
    }

    /**
     * Each component's share of the total variance (sklearn's {@code explained_variance_ratio_}); they sum to 1
     * when every component is kept, and are all 0 for constant data.
     */
    public double[] explainedVarianceRatio() {
        double[] r = new double[components];
        if (totalVariance > 0) {
            for (int i = 0; i < components; i++) {
                r[i] = variances[i] / totalVariance;
            }
        }
        return r;
    }

    /**
     * What a PCA needs of a data set, and what two data sets' pooled PCA needs: the row count, the feature means
     * and the centred scatter S = Σ (x − mean)(x − mean)ᵀ (features × features, row-major, full). Memory:
     * features² + features doubles (512 KB at 256 features), whatever the row count.
     */
    public record Moments(long rows, int features, double[] mean, double[] scatter) {
        public Moments {
            if (rows < 1 || features < 1 || mean.length != features || scatter.length != (long) features * features) {
                throw new IllegalArgumentException("moments of " + rows + " rows × " + features + " features do not match "
                        + mean.length + " means and " + scatter.length + " scatter entries");
            }
        }

        /** The moments of {@code x} (rows × features, row-major); the values must be finite. */
        public static Moments of(double[] x, int rows, int features) {
            if (rows < 1 || features < 1 || (long) rows * features != x.length) {
                throw new IllegalArgumentException("moments of " + x.length + " values as " + rows + " × " + features);
            }
            double[] mean = new double[features];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < features; j++) {
                    mean[j] += x[r * features + j];
                }
            }
            for (int j = 0; j < features; j++) {
                mean[j] /= rows;
            }
            double[] scatter = new double[features * features];
            try (DoublePointer c = NativeBlas.alloc((long) features * features);
                 DoublePointer block = NativeBlas.alloc((long) features * Math.min(BLOCK, rows))) {
                double[] t = new double[features * Math.min(BLOCK, rows)];
                for (int first = 0; first < rows; first += BLOCK) {
                    int m = Math.min(BLOCK, rows - first);
                    for (int r = 0; r < m; r++) {
                        int row = (first + r) * features;
                        for (int j = 0; j < features; j++) {
                            t[r * features + j] = x[row + j] - mean[j];
                        }
                    }
                    block.put(t, 0, m * features);
                    NativeBlas.syrkUpperTransposed(features, m, 1.0, block, features, 1.0, c, features);
                }
                NativeBlas.mirrorUpper(c, features);
                c.get(scatter);
            }
            return new Moments(rows, features, mean, scatter);
        }

        /**
         * The moments of the two data sets stacked (Chan, Golub and LeVeque's pairwise update): mean = weighted mean,
         * S = S_a + S_b + (n_a·n_b / n)·δδᵀ with δ = mean_b − mean_a; no cancellation, unlike uncentred sums.
         */
        public static Moments pooled(Moments a, Moments b) {
            if (a.features != b.features) {
                throw new IllegalArgumentException("pooling moments of " + a.features + " and " + b.features + " features");
            }
            int p = a.features;
            long n = a.rows + b.rows;
            double wb = (double) b.rows / n;
            double w = (double) a.rows * b.rows / n;
            double[] delta = new double[p];
            double[] mean = new double[p];
            for (int j = 0; j < p; j++) {
                delta[j] = b.mean[j] - a.mean[j];
                mean[j] = a.mean[j] + delta[j] * wb;
            }
            double[] s = new double[p * p];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    s[i * p + j] = a.scatter[i * p + j] + b.scatter[i * p + j] + w * delta[i] * delta[j];
                }
            }
            return new Moments(n, p, mean, s);
        }

        /** Approximate heap size of the arrays. */
        public long bytes() {
            return 8L * (mean.length + scatter.length);
        }
    }
}
