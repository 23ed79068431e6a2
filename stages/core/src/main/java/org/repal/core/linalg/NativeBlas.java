package org.repal.core.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Row-major BLAS/LAPACK calls on off-heap buffers with element offsets. Large matrices live off-heap so
 * that no call copies them through JNI; offsets let contiguous row blocks be used without copying.
 */
public final class NativeBlas {

    private NativeBlas() {
    }

    /** Allocates a zeroed off-heap buffer of {@code n} doubles. */
    public static DoublePointer alloc(long n) {
        DoublePointer p = new DoublePointer(Math.max(1, n));
        p.fill(0);
        return p;
    }

    /**
     * An off-heap buffer of {@code n} doubles left as malloc returns it, for work space of which only the part that
     * is written first is ever read. Memory is charged page by page on first touch, and on these virtual machines a
     * first touch of a 4 KB page costs ≈ 10 µs (zeroing a 52 MB Gram costs more than a 2560-wide GEMM): a solver
     * that sizes its buffers for the worst case but stops early then never pays for the rest.
     */
    public static DoublePointer allocUninitialized(long n) {
        return new DoublePointer(Math.max(1, n));
    }

    /** A view of {@code base} starting {@code offset} elements in. */
    public static DoublePointer at(DoublePointer base, long offset) {
        return new DoublePointer(base).position(base.position() + offset);
    }

    /**
     * Copies {@code count} doubles between offsets. (JavaCPP's Pointer.memcpy takes untyped pointers and
     * would read a DoublePointer's position as bytes, so copies go through BLAS instead.)
     */
    public static void copy(DoublePointer src, long srcOff, DoublePointer dst, long dstOff, long count) {
        long done = 0;
        while (done < count) {
            int chunk = (int) Math.min(count - done, Integer.MAX_VALUE);
            openblas.cblas_dcopy(chunk, at(src, srcOff + done), 1, at(dst, dstOff + done), 1);
            done += chunk;
        }
    }

    /**
     * Copies a rows×cols block between two row-major matrices (offsets of the blocks' first elements, leading
     * dimensions given) through a heap row: one bulk read and one bulk write per row, no native call per row.
     */
    public static void copyBlock(DoublePointer src, long srcOff, int srcLd, DoublePointer dst, long dstOff, int dstLd,
                                 int rows, int cols) {
        java.nio.DoubleBuffer s = src.asBuffer();
        java.nio.DoubleBuffer d = dst.asBuffer();
        double[] row = new double[cols];
        for (int i = 0; i < rows; i++) {
            s.get((int) (srcOff + (long) i * srcLd), row, 0, cols);
            d.put((int) (dstOff + (long) i * dstLd), row, 0, cols);
        }
    }

    /** C[m×n] = alpha·op(A)·op(B) + beta·C, all row-major with the given leading dimensions. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            DoublePointer a, long aOff, int lda, DoublePointer b, long bOff, int ldb,
                            double beta, DoublePointer c, long cOff, int ldc) {
        openblas.cblas_dgemm(openblas.CblasRowMajor,
                transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans,
                m, n, k, alpha, at(a, aOff), lda, at(b, bOff), ldb, beta, at(c, cOff), ldc);
    }

    /**
     * C[n×cols] = alpha·A·B + beta·C for a symmetric A[n×n] of which only the upper triangle is read (row-major,
     * offsets and leading dimensions as in {@link #gemm}).
     */
    public static void symmUpper(int n, int cols, double alpha, DoublePointer a, long aOff, int lda,
                                 DoublePointer b, long bOff, int ldb, double beta, DoublePointer c, long cOff, int ldc) {
        openblas.cblas_dsymm(openblas.CblasRowMajor, openblas.CblasLeft, openblas.CblasUpper, n, cols, alpha,
                at(a, aOff), lda, at(b, bOff), ldb, beta, at(c, cOff), ldc);
    }

    /** Upper triangle of C[n×n] = alpha·A·Aᵀ + beta·C for A[n×k] row-major. */
    public static void syrkUpper(int n, int k, double alpha, DoublePointer a, int lda, double beta,
                                 DoublePointer c, int ldc) {
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasNoTrans,
                n, k, alpha, a, lda, beta, c, ldc);
    }

    /** Upper triangle of C[n×n] = alpha·Aᵀ·A + beta·C for A[k×n] row-major (e.g. a block of samples × features). */
    public static void syrkUpperTransposed(int n, int k, double alpha, DoublePointer a, int lda, double beta,
                                           DoublePointer c, int ldc) {
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans,
                n, k, alpha, a, lda, beta, c, ldc);
    }

    /**
     * Copies the upper triangle of a row-major n×n matrix into its lower triangle: mirrored on the heap by
     * {@link #upperToFull} and written back in one bulk copy (for the small covariance matrices that need it whole).
     */
    public static void mirrorUpper(DoublePointer c, int n) {
        double[] full = new double[n * n];
        upperToFull(c, n, full);
        new DoublePointer(c).position(0).put(full, 0, n * n);
    }

    /**
     * The full symmetric matrix whose upper triangle is that of the off-heap row-major n×n {@code upper} (its lower
     * triangle is not read), written to the heap array {@code full}: each row's upper part in one bulk read, then the
     * lower triangle mirrored on the heap, tile by tile.
     */
    public static void upperToFull(DoublePointer upper, int n, double[] full) {
        java.nio.DoubleBuffer buf = new DoublePointer(upper).position(0).limit((long) n * n).capacity((long) n * n)
                .asBuffer();
        for (int i = 0; i < n; i++) {
            buf.get(i * n + i, full, i * n + i, n - i);
        }
        final int tile = 64;
        for (int bi = 0; bi < n; bi += tile) {
            int iEnd = Math.min(n, bi + tile);
            for (int bj = 0; bj <= bi; bj += tile) {
                int jEnd = Math.min(n, bj + tile);
                for (int i = bi; i < iEnd; i++) {
                    int rowStart = i * n;
                    for (int j = bj; j < Math.min(jEnd, i); j++) {
                        full[rowStart + j] = full[j * n + i];
                    }
                }
            }
        }
    }

    /**
     * Orthonormalises the columns of the row-major m×n matrix Q (m ≥ n) in place with a Householder QR.
     * Returns false if LAPACK reports a failure.
     */
    public static boolean orthonormalizeColumns(DoublePointer q, int m, int n) {
        return orthonormalizeColumns(q, m, n, n);
    }

    /** As above for an m×n block of a row-major matrix with leading dimension {@code ld}. */
    public static boolean orthonormalizeColumns(DoublePointer q, int m, int n, int ld) {
        return orthonormalizeColumns(q, m, n, ld, null);
    }

    /**
     * As above, also returning the triangular factor: on success {@code r} (row-major n×n, if not null) holds R with
     * Q_before = Q_after·R, zeros below its diagonal.
     */
    public static boolean orthonormalizeColumns(DoublePointer q, int m, int n, int ld, double[] r) {
        try (DoublePointer tau = alloc(n)) {
            int info = openblas.LAPACKE_dgeqrf(openblas.LAPACK_ROW_MAJOR, m, n, q, ld, tau);
            if (info != 0) {
                return false;
            }
            if (r != null) {
                java.util.Arrays.fill(r, 0, n * n, 0.0);
                for (int row = 0; row < n; row++) { // R is the upper triangle of the first n rows
                    at(q, (long) row * ld + row).get(r, row * n + row, n - row);
                }
            }
            return openblas.LAPACKE_dorgqr(openblas.LAPACK_ROW_MAJOR, m, n, n, q, ld, tau) == 0;
        }
    }

    /**
     * Selected eigenpairs of a symmetric row-major n×n matrix (its upper triangle is read, the matrix
     * is destroyed): indices {@code il..iu} counted from the smallest, 1-based as in LAPACK. Eigenvalues
     * ascend in {@code w}; eigenvectors are the columns of {@code z} (row-major n×(iu−il+1)).
     */
    public static void symmetricEigenRange(DoublePointer a, int n, int il, int iu, DoublePointer w,
                                           DoublePointer z) {
        int count = iu - il + 1;
        try (IntPointer found = new IntPointer(1); IntPointer support = new IntPointer(2L * Math.max(1, count))) {
            int info = openblas.LAPACKE_dsyevr(openblas.LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'I', (byte) 'U',
                    n, a, n, 0, 0, il, iu, 0.0, found, w, z, count, support);
            if (info != 0) {
                throw new ArithmeticException("LAPACKE_dsyevr failed (info " + info + ") on a " + n + "x" + n
                        + " matrix");
            }
        }
    }
}
