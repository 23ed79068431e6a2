package org.repal.core.linalg;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgesv;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgetrf_work;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgetrs_work;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;

/**
 * Dense row-major double matrices of modest size (a few hundred at most), with OpenBLAS underneath.
 *
 * <p>Conventions: a matrix with {@code m} rows and {@code n} columns is stored row-major in a {@code double[]}
 * (or a direct {@link DoubleBuffer}) of length at least {@code m*n}, element (i, j) at {@code i*n + j}; leading
 * dimensions are always the natural ones. Methods whose name does not say otherwise write into an output array
 * supplied by the caller and allocate nothing, so they can be used inside time-stepping loops.
 *
 * <p>Buffers passed to the buffer overloads must be direct, in native order and at position 0 (use
 * {@link DoubleBuffer#slice(int, int)} for sub-blocks). Two flavours of BLAS call exist. The {@code double[]} overloads pass Java arrays through JavaCPP, which
 * copies every array argument into native memory and back on each call (about 2–3 µs extra per 50×50 GEMM).
 * The {@link DoubleBuffer} overloads take direct buffers (see {@link #allocateDirect}) and copy nothing; use them
 * for chains of BLAS/LAPACK calls whose intermediate results Java code does not touch element by element. Java
 * loops over direct buffers are about 4× slower than over arrays, so element-wise work belongs in arrays, moved
 * with the bulk {@link DoubleBuffer#get(int, double[])} / {@link DoubleBuffer#put(int, double[])} (a memcpy).
 *
 * <p>Very small products (m·n·k ≤ {@value #JAVA_GEMM_MAX_WORK}) on arrays are done by a Java loop, which is
 * faster than the JNI round trip at that size.
 */
public final class SmallMatrices {

    /** Largest m·n·k for which the {@code double[]} GEMM uses the Java loop instead of OpenBLAS. */
    public static final int JAVA_GEMM_MAX_WORK = 256;

    private SmallMatrices() {
    }

    // ------------------------------------------------------------------ GEMM

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with op(A) m×k, op(B) k×n, C m×n, all row-major. A is stored
     * m×k (k×m if {@code transA}), B k×n (n×k if {@code transB}). When {@code beta == 0} the old content of C is
     * ignored (NaNs in it do not propagate). C must not alias A or B.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
            double[] b, double beta, double[] c) {
        checkDims(m, n, k);
        checkLength("A", a, (long) m * k);
        checkLength("B", b, (long) k * n);
        checkLength("C", c, (long) m * n);
        if (m == 0 || n == 0) {
            return;
        }
        if ((long) m * n * k <= JAVA_GEMM_MAX_WORK) {
            javaGemm(transA, transB, m, n, k, alpha, a, b, beta, c);
            return;
        }
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n,
                k, alpha, a, transA ? m : k, b, transB ? k : n, beta, c, n);
    }

    /** Square form of {@link #gemm(boolean, boolean, int, int, int, double, double[], double[], double, double[])}. */
    public static void gemm(boolean transA, boolean transB, double alpha, double[] a, double[] b, double beta,
            double[] c, int n) {
        gemm(transA, transB, n, n, n, alpha, a, b, beta, c);
    }

    /**
     * Same as the array form on direct buffers (element 0 of each matrix at the buffer's index 0, i.e. pass
     * {@link DoubleBuffer#slice(int, int)} views for sub-blocks of a larger buffer). No copies, always OpenBLAS.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DoubleBuffer a,
            DoubleBuffer b, double beta, DoubleBuffer c) {
        checkDims(m, n, k);
        checkBuffer("A", a, (long) m * k);
        checkBuffer("B", b, (long) k * n);
        checkBuffer("C", c, (long) m * n);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) { // BLAS would do this too, but some builds reject lda = 0
            scale(c, m * n, beta);
            return;
        }
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n,
                k, alpha, a, transA ? m : k, b, transB ? k : n, beta, c, n);
    }

    /** Square form of the buffer GEMM. */
    public static void gemm(boolean transA, boolean transB, double alpha, DoubleBuffer a, DoubleBuffer b,
            double beta, DoubleBuffer c, int n) {
        gemm(transA, transB, n, n, n, alpha, a, b, beta, c);
    }

    /** Allocating convenience: returns A·B for A m×k, B k×n. */
    public static double[] multiply(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        gemm(false, false, m, n, k, 1.0, a, b, 0.0, c);
        return c;
    }

    private static void javaGemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
            double[] b, double beta, double[] c) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[p * m + i] : a[i * k + p];
                    double bpj = transB ? b[j * k + p] : b[p * n + j];
                    s += aip * bpj;
                }
                c[ci + j] = beta == 0.0 ? alpha * s : alpha * s + beta * c[ci + j];
            }
        }
    }

    private static void scale(DoubleBuffer c, int len, double beta) {
        for (int i = 0; i < len; i++) {
            c.put(i, beta == 0.0 ? 0.0 : beta * c.get(i));
        }
    }

    // ------------------------------------------------------------------ LU / solve

    /**
     * Solves A X = B for X (A n×n, B n×nrhs, both row-major) with partial-pivoting LU ({@code LAPACKE_dgesv}).
     * A is overwritten by its LU factors, B by X; {@code ipiv} (length ≥ n) receives the pivots.
     *
     * @throws ArithmeticException if A is exactly singular
     */
    public static void solve(double[] a, double[] b, int n, int nrhs, int[] ipiv) {
        checkLength("A", a, (long) n * n);
        checkLength("B", b, (long) n * nrhs);
        checkLength("ipiv", ipiv, n);
        if (n == 0 || nrhs == 0) {
            return;
        }
        int info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, n, nrhs, a, n, ipiv, b, nrhs);
        checkInfo("dgesv", info);
    }

    /**
     * LU factorisation with partial pivoting of the n×n matrix whose <em>column-major</em> content is the buffer
     * (equivalently: of the transpose of the row-major matrix stored there). Column-major calls skip LAPACKE's
     * row-major transposition copies, and the {@code _work} entry point skips its NaN scan (a NaN input gives
     * NaN factors, not an error). Pair with {@link #luSolveColMajor}.
     */
    public static void luFactorColMajor(DoubleBuffer a, int n, IntBuffer ipiv) {
        checkBuffer("A", a, (long) n * n);
        checkPivots(ipiv, n);
        if (n == 0) {
            return;
        }
        checkInfo("dgetrf", LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n, n, a, n, ipiv));
    }

    /**
     * With {@code lu}/{@code ipiv} from {@link #luFactorColMajor} for a matrix F (F = the column-major view of
     * the factored buffer), solves F Y = R ({@code transpose == false}) or Fᵀ Y = R ({@code transpose == true})
     * in place, where R and Y are the column-major n×nrhs views of {@code b}.
     *
     * <p>Row-major reading: if the factored buffer held the row-major matrix L (so F = Lᵀ) and {@code b} holds
     * the row-major nrhs×n matrix G (column-major view Gᵀ), then afterwards {@code b} holds, row-major,
     * G L⁻¹ ({@code transpose == false}) or G L⁻ᵀ ({@code transpose == true}).
     */
    public static void luSolveColMajor(DoubleBuffer lu, IntBuffer ipiv, boolean transpose, DoubleBuffer b, int n,
            int nrhs) {
        checkBuffer("LU", lu, (long) n * n);
        checkBuffer("B", b, (long) n * nrhs);
        checkPivots(ipiv, n);
        if (n == 0 || nrhs == 0) {
            return;
        }
        checkInfo("dgetrs", LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, (byte) (transpose ? 'T' : 'N'), n, nrhs, lu, n, ipiv,
                b, n));
    }

    private static void checkInfo(String routine, int info) {
        if (info > 0) {
            throw new ArithmeticException(routine + ": matrix is exactly singular (U(" + info + "," + info
                    + ") = 0)");
        }
        if (info < 0) {
            throw new IllegalArgumentException(routine + ": illegal argument " + (-info));
        }
    }

    // ------------------------------------------------------------------ element-wise helpers

    /** {@code out} (n×m) = aᵀ for a row-major m×n {@code a}. {@code out} must not be {@code a}. */
    public static void transpose(double[] a, int m, int n, double[] out) {
        checkLength("A", a, (long) m * n);
        checkLength("out", out, (long) m * n);
        if (a == out) {
            throw new IllegalArgumentException("transpose: in-place not supported, use transposeSquareInPlace");
        }
        for (int i = 0; i < m; i++) {
            int ai = i * n;
            for (int j = 0; j < n; j++) {
                out[j * m + i] = a[ai + j];
            }
        }
    }

    /** Transposes a square n×n matrix in place. */
    public static void transposeSquareInPlace(double[] a, int n) {
        checkLength("A", a, (long) n * n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double t = a[i * n + j];
                a[i * n + j] = a[j * n + i];
                a[j * n + i] = t;
            }
        }
    }

    /** Allocating transpose of a m×n matrix. */
    public static double[] transpose(double[] a, int m, int n) {
        double[] out = new double[m * n];
        transpose(a, m, n, out);
        return out;
    }

    /** Overwrites the first n*n entries of {@code out} with the identity. */
    public static void setIdentity(double[] out, int n) {
        checkLength("out", out, (long) n * n);
        java.util.Arrays.fill(out, 0, n * n, 0.0);
        for (int i = 0; i < n; i++) {
            out[i * n + i] = 1.0;
        }
    }

    /** A new n×n identity. */
    public static double[] identity(int n) {
        double[] out = new double[n * n];
        setIdentity(out, n);
        return out;
    }

    /** Σ a_i² over the whole array. */
    public static double frobeniusNormSquared(double[] a) {
        double s = 0.0;
        for (double v : a) {
            s += v * v;
        }
        return s;
    }

    /** √(Σ a_i²) over the whole array (scaled, so no overflow for huge entries). */
    public static double frobeniusNorm(double[] a) {
        double max = 0.0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        if (max == 0.0 || !Double.isFinite(max)) {
            return max;
        }
        double s = 0.0;
        for (double v : a) {
            double r = v / max;
            s += r * r;
        }
        return max * Math.sqrt(s);
    }

    /** Σ (a_i − b_i)² over the whole (equal-length) arrays. */
    public static double squaredDistance(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length mismatch " + a.length + " vs " + b.length);
        }
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /** max_ij |(CᵀC − I)_ij| for a square n×n C (allocates; not for hot loops). */
    public static double orthogonalityError(double[] c, int n) {
        checkLength("C", c, (long) n * n);
        double[] ctc = new double[n * n];
        gemm(true, false, n, n, n, 1.0, c, c, 0.0, ctc);
        double err = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                err = Math.max(err, Math.abs(ctc[i * n + j] - (i == j ? 1.0 : 0.0)));
            }
        }
        return err;
    }

    /** ‖A − C B Cᵀ‖_F² for n×n row-major matrices (allocates; not for hot loops). */
    public static double similarityResidualSquared(double[] a, double[] b, double[] c, int n) {
        double[] cb = multiply(c, b, n, n, n);
        double[] cbct = new double[n * n];
        gemm(false, true, n, n, n, 1.0, cb, c, 0.0, cbct);
        return squaredDistance(java.util.Arrays.copyOf(a, n * n), cbct);
    }

    // ------------------------------------------------------------------ direct buffers

    /** A zeroed direct buffer of {@code len} doubles in native byte order (usable by the buffer overloads). */
    public static DoubleBuffer allocateDirect(int len) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(len, Double.BYTES)).order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
    }

    /** A zeroed direct buffer of {@code len} ints in native byte order (pivot vectors). */
    public static IntBuffer allocateDirectInts(int len) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(Math.max(len, 1), Integer.BYTES))
                .order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    // ------------------------------------------------------------------ checks

    private static void checkDims(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative dimension m=" + m + " n=" + n + " k=" + k);
        }
    }

    private static void checkLength(String what, double[] a, long need) {
        if (a.length < need) {
            throw new IllegalArgumentException(what + " has " + a.length + " elements, need " + need);
        }
    }

    private static void checkLength(String what, int[] a, long need) {
        if (a.length < need) {
            throw new IllegalArgumentException(what + " has " + a.length + " elements, need " + need);
        }
    }

    private static void checkPivots(IntBuffer ipiv, int n) {
        if (!ipiv.isDirect() || ipiv.position() != 0 || ipiv.capacity() < n) {
            throw new IllegalArgumentException("ipiv must be a direct buffer at position 0 with capacity >= " + n);
        }
    }

    private static void checkBuffer(String what, DoubleBuffer b, long need) {
        if (!b.isDirect()) {
            throw new IllegalArgumentException(what + " must be a direct buffer");
        }
        if (b.position() != 0) {
            throw new IllegalArgumentException(what + " must have position 0 (pass a slice)");
        }
        if (b.capacity() < need) {
            throw new IllegalArgumentException(what + " has capacity " + b.capacity() + ", need " + need);
        }
    }
}
