package org.repal.core.metric;

import org.bytedeco.openblas.global.openblas;

/**
 * Activity flattened to a samples × features matrix (row-major), as Procrustes and CKA see it: the
 * reference's reshape2d turns (trials, time, neurons) into (trials·time, neurons).
 */
public record Samples(double[] data, int rows, int cols) {

    public static Samples of(Trajectories x) {
        return new Samples(x.data(), x.samples(), x.neurons());
    }

    /** A copy with every column's mean removed. */
    public Samples centered() {
        double[] mean = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                mean[j] += data[i * cols + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            mean[j] /= rows;
        }
        double[] out = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = data[i * cols + j] - mean[j];
            }
        }
        return new Samples(out, rows, cols);
    }

    /** A copy widened to {@code width} columns with zeros (netrep's zero_pad). */
    public Samples paddedTo(int width) {
        if (width == cols) {
            return this;
        }
        double[] out = new double[rows * width];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, i * cols, out, i * width, cols);
        }
        return new Samples(out, rows, width);
    }

    public double squaredNorm() {
        double s = 0;
        for (double v : data) {
            s += v * v;
        }
        return s;
    }

    /** C = selfᵀ·other (cols × other.cols), through BLAS. */
    public double[] crossProduct(Samples other) {
        if (other.rows != rows) {
            throw new IllegalArgumentException("sample counts differ: " + rows + " vs " + other.rows);
        }
        double[] c = new double[cols * other.cols];
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans,
                cols, other.cols, rows, 1.0, data, cols, other.data, other.cols, 0.0, c, other.cols);
        return c;
    }
}
