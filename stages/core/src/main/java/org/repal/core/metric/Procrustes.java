package org.repal.core.metric;

import org.bytedeco.openblas.global.openblas;

/**
 * Angular Procrustes shape distance (Williams et al. 2021; netrep LinearMetric with alpha=1, centred
 * columns, zero-padding to equal width): θ = arccos(‖XᵀY‖_* / (‖X‖_F‖Y‖_F)) on centred X, Y, and the RepAL
 * dissimilarity 2θ/π.
 */
public final class Procrustes {

    /** Angle θ (radians, [0, π/2]), RepAL dissimilarity 2θ/π and the unnormalised distance ‖XU − YV‖_F. */
    public record Result(double angle, double dissimilarity, double euclidean) {
    }

    private Procrustes() {
    }

    public static Result compare(Samples x, Samples y) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("Procrustes needs the same number of samples (trials*time): "
                    + x.rows() + " vs " + y.rows());
        }
        if (x.rows() < 2) {
            throw new IllegalArgumentException("Procrustes needs at least 2 samples, got " + x.rows());
        }
        int width = Math.max(x.cols(), y.cols());
        Samples xc = x.centered().paddedTo(width);
        Samples yc = y.centered().paddedTo(width);
        double nx = Math.sqrt(xc.squaredNorm());
        double ny = Math.sqrt(yc.squaredNorm());
        if (nx == 0 || ny == 0) {
            throw new IllegalArgumentException("Procrustes is undefined for data with zero variance ("
                    + (nx == 0 ? "first" : "second") + " array is constant over samples)");
        }
        // Optimal rotation R = V·Uᵀ from the SVD XᵀY = U·Σ·Vᵀ; then X and Y·R are compared directly, which
        // stays accurate near θ = 0 where arccos of the nuclear-norm ratio would lose half the digits.
        double[] m = xc.crossProduct(yc);
        double[] s = new double[width];
        double[] u = new double[width * width];
        double[] vt = new double[width * width];
        int info = openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, (byte) 'A', width, width, m, width, s, u, width,
                vt, width);
        if (info != 0) {
            throw new ArithmeticException("SVD of the cross-covariance failed (dgesdd info " + info + ")");
        }
        double[] rotation = new double[width * width];
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasTrans, width, width, width,
                1.0, vt, width, u, width, 0.0, rotation, width);
        double[] yr = new double[xc.rows() * width];
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, xc.rows(), width,
                width, 1.0, yc.data(), width, rotation, width, 0.0, yr, width);
        double raw = 0;
        double normalised = 0;
        double[] xd = xc.data();
        for (int i = 0; i < yr.length; i++) {
            double d = xd[i] - yr[i];
            raw += d * d;
            double e = xd[i] / nx - yr[i] / ny;
            normalised += e * e;
        }
        double angle = 2.0 * Math.asin(Math.min(1.0, Math.sqrt(normalised) / 2.0));
        return new Result(angle, 2.0 * angle / Math.PI, Math.sqrt(raw));
    }
}
