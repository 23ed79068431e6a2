package org.repal.core.model;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The kernels of the forward and backward passes. Matrix products, axpy and scaling go straight to OpenBLAS
 * on the arrays' memory: on 64×256 blocks {@code Nd4j.gemm} measured 2–4× slower than the same cblas call
 * (it builds and validates a custom op per call), and ND4J's Axpy/scalar ops cost 15–50 µs against a few
 * µs for saxpy/sscal. Element-wise work is the cells' own fused loops ({@link Pointwise}, {@link Vec}).
 */
final class Ops {
    private Ops() {
    }

    /** C = alpha·op(A)·op(B) + beta·C. */
    static void gemm(Mat a, boolean transA, Mat b, boolean transB, Mat c, double alpha, double beta) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (m != c.rows() || n != c.cols() || k != kb || a.isDouble() != c.isDouble() || b.isDouble() != c.isDouble()) {
            throw new IllegalArgumentException("gemm shapes: " + shape(a, transA) + " · " + shape(b, transB)
                    + " → " + shape(c, false));
        }
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        if (c.isDouble()) {
            openblas.cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a.doublePointer(), a.cols(),
                    b.doublePointer(), b.cols(), beta, c.doublePointer(), c.cols());
        } else {
            openblas.cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, a.floatPointer(), a.cols(),
                    b.floatPointer(), b.cols(), (float) beta, c.floatPointer(), c.cols());
        }
    }

    /**
     * C = alpha·op(A)·op(B) + beta·C on raw row-major operands (pointers from {@link #at}, leading dimensions
     * given): for strided blocks such as the hidden-state columns of the cells' [h | x] rows. No checks.
     */
    static void gemm(boolean isDouble, boolean transA, boolean transB, int m, int n, int k, double alpha, Pointer a,
                     int lda, Pointer b, int ldb, double beta, Pointer c, int ldc) {
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        if (isDouble) {
            openblas.cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, (DoublePointer) a, lda, (DoublePointer) b, ldb,
                    beta, (DoublePointer) c, ldc);
        } else {
            openblas.cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, (FloatPointer) a, lda, (FloatPointer) b,
                    ldb, (float) beta, (FloatPointer) c, ldc);
        }
    }

    /** A pointer to element {@code offset} (row-major) of {@code m}; allocates, so build it outside time loops. */
    static Pointer at(Mat m, long offset) {
        if (offset < 0 || offset >= m.size()) {
            throw new IndexOutOfBoundsException("element " + offset + " of " + m.size());
        }
        return m.isDouble() ? new DoublePointer(m.doublePointer()).position(offset)
                : new FloatPointer(m.floatPointer()).position(offset);
    }

    /** y[i·incy] = x[i·incx], i < n, on raw pointers. */
    static void copy(boolean isDouble, int n, Pointer x, int incx, Pointer y, int incy) {
        if (isDouble) {
            openblas.cblas_dcopy(n, (DoublePointer) x, incx, (DoublePointer) y, incy);
        } else {
            openblas.cblas_scopy(n, (FloatPointer) x, incx, (FloatPointer) y, incy);
        }
    }

    private static String shape(Mat m, boolean t) {
        return t ? m.cols() + "x" + m.rows() : m.rows() + "x" + m.cols();
    }

    /** y += alpha·x. */
    static void axpy(double alpha, Mat x, Mat y) {
        int n = sameSize(x, y);
        if (y.isDouble()) {
            openblas.cblas_daxpy(n, alpha, x.doublePointer(), 1, y.doublePointer(), 1);
        } else {
            openblas.cblas_saxpy(n, (float) alpha, x.floatPointer(), 1, y.floatPointer(), 1);
        }
    }

    /** x *= alpha. */
    static void scal(double alpha, Mat x) {
        int n = Math.toIntExact(x.size());
        if (x.isDouble()) {
            openblas.cblas_dscal(n, alpha, x.doublePointer(), 1);
        } else {
            openblas.cblas_sscal(n, (float) alpha, x.floatPointer(), 1);
        }
    }

    /** y = x. */
    static void copy(Mat x, Mat y) {
        int n = sameSize(x, y);
        if (y.isDouble()) {
            openblas.cblas_dcopy(n, x.doublePointer(), 1, y.doublePointer(), 1);
        } else {
            openblas.cblas_scopy(n, x.floatPointer(), 1, y.floatPointer(), 1);
        }
    }

    /** Euclidean (Frobenius) norm. */
    static double norm(Mat x) {
        int n = Math.toIntExact(x.size());
        return x.isDouble() ? openblas.cblas_dnrm2(n, x.doublePointer(), 1) : openblas.cblas_snrm2(n, x.floatPointer(), 1);
    }

    static void zero(Mat x) {
        x.array().assign(0);
    }

    private static int sameSize(Mat x, Mat y) {
        if (x.size() != y.size() || x.isDouble() != y.isDouble()) {
            throw new IllegalArgumentException("sizes differ: " + x.size() + " vs " + y.size());
        }
        return Math.toIntExact(x.size());
    }
}
