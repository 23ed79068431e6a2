package org.repal.core.model;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The kernels of the forward and backward passes. Matrix products, axpy and scaling go straight to OpenBLAS
 * on the arrays' memory: on 64×256 blocks {@code Nd4j.gemm} measured 2–4× slower than the same cblas call
 * (it builds and validates a custom op per call), and ND4J's Axpy/scalar ops cost 15–50 µs against a few
 * µs for saxpy/sscal. Non-linear element-wise work uses ND4J's ops with explicit outputs (no allocation).
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

    /** z = x ⊙ y. */
    static void mul(Mat x, Mat y, Mat z) {
        Nd4j.exec(new MulOp(x.array(), y.array(), z.array()));
    }

    /** z = x − y. */
    static void sub(Mat x, Mat y, Mat z) {
        Nd4j.exec(new SubOp(x.array(), y.array(), z.array()));
    }

    /** z = σ(x). */
    static void sigmoid(Mat x, Mat z) {
        Nd4j.exec(new Sigmoid(x.array(), z.array()));
    }

    /** z = x·(1 − x). */
    static void timesOneMinus(Mat x, Mat z) {
        Nd4j.exec(new TimesOneMinus(x.array(), z.array()));
    }

    /** z = x². */
    static void square(Mat x, Mat z) {
        Nd4j.exec(new Square(x.array(), z.array()));
    }

    /** x += c. */
    static void addScalar(Mat x, double c) {
        Nd4j.exec(new ScalarAdd(x.array(), null, x.array(), c));
    }

    /** z = min(x, c). */
    static void minScalar(Mat x, double c, Mat z) {
        Nd4j.exec(new ScalarMin(x.array(), null, z.array(), c));
    }

    private static int sameSize(Mat x, Mat y) {
        if (x.size() != y.size() || x.isDouble() != y.isDouble()) {
            throw new IllegalArgumentException("sizes differ: " + x.size() + " vs " + y.size());
        }
        return Math.toIntExact(x.size());
    }
}
