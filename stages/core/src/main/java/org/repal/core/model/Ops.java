package org.repal.core.model;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The BLAS calls of the forward and backward passes, straight to OpenBLAS on the arrays' memory: on 64×256
 * blocks {@code Nd4j.gemm} measured 2–4× slower than the same cblas call (it builds and validates a custom op
 * per call), and ND4J's element-wise ops cost 15–50 µs of set-up per call. Element-wise work is the cells' own
 * fused loops in Java ({@link Pointwise}, {@link Vec}).
 */
final class Ops {
    private Ops() {
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

    /** A pointer {@code offset} elements past {@code p}; allocates, so build it outside time loops. */
    static Pointer offset(Pointer p, long offset) {
        return p instanceof DoublePointer d ? new DoublePointer(d).position(d.position() + offset)
                : new FloatPointer((FloatPointer) p).position(p.position() + offset);
    }

    /** y[i·incy] = x[i·incx], i < n, on raw pointers. */
    static void copy(boolean isDouble, int n, Pointer x, int incx, Pointer y, int incy) {
        if (isDouble) {
            openblas.cblas_dcopy(n, (DoublePointer) x, incx, (DoublePointer) y, incy);
        } else {
            openblas.cblas_scopy(n, (FloatPointer) x, incx, (FloatPointer) y, incy);
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

    private static int sameSize(Mat x, Mat y) {
        if (x.size() != y.size() || x.isDouble() != y.isDouble()) {
            throw new IllegalArgumentException("sizes differ: " + x.size() + " vs " + y.size());
        }
        return Math.toIntExact(x.size());
    }
}
