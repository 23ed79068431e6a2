package org.repal.core.linalg;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * C = G·Q for a symmetric n×n G kept as its packed upper triangle on the Java heap (row i holds G[i][i..n−1]) and a
 * thin row-major n×b block Q: the product a block Krylov eigensolver repeats hundreds of times ({@link TopEigen}).
 *
 * <p>At the widths the solver uses (a 2560-wide Gram matrix, blocks of 8 columns) the product is limited by reading G
 * from memory, not by arithmetic: a dense 52 MB G streamed once per block ran at 2.3–2.5 ms on one AVX-512 core (≈ 20
 * GB/s). Each packed element serves both G[i][j] and G[j][i], so half the bytes are read: 1.7–1.9 ms for the same
 * product ({@link VectorSymmetricProduct}). Packing also replaces the mirror copy of the full matrix (≈ 10 ms per
 * solve) with one contiguous copy per row.
 *
 * <p>Every output element is one fixed sequence of fused multiply-adds, independent of the CPU's vector width (the
 * kernel's tiles are counted in rows, not lanes): see {@link VectorSymmetricProduct} for the order. The kernel needs
 * the JDK's vector API ({@link VectorApi#lanes()}); without it {@link #available} is false and callers use OpenBLAS.
 */
public final class SymmetricProduct {

    private SymmetricProduct() {
    }

    /** Whether the kernel can take a block of {@code b} columns of an n×n G. */
    public static boolean available(int n, int b) {
        int lanes = VectorApi.lanes();
        return lanes >= 2 && b >= lanes && b % lanes == 0 && packedLength(n) <= Integer.MAX_VALUE - 8;
    }

    /** Doubles in the packed upper triangle of an n×n matrix: n(n+1)/2. */
    public static long packedLength(int n) {
        return (long) n * (n + 1) / 2;
    }

    /** Start of row i in the packed upper triangle. */
    static int rowStart(int n, int i) {
        return (int) ((long) i * n - (long) i * (i - 1) / 2);
    }

    /** Packs the upper triangle of the off-heap row-major n×n {@code upper} (its lower triangle is not read). */
    public static void pack(DoublePointer upper, int n, double[] packed) {
        checkPacked(n, packed);
        DoubleBuffer buffer = new DoublePointer(upper).position(0).limit((long) n * n).capacity((long) n * n)
                .asBuffer();
        for (int i = 0; i < n; i++) {
            buffer.get(i * n + i, packed, rowStart(n, i), n - i);
        }
    }

    /** Packs the upper triangle of the heap row-major n×n {@code g} (for tests and callers with G on the heap). */
    public static void pack(double[] g, int n, double[] packed) {
        checkPacked(n, packed);
        for (int i = 0; i < n; i++) {
            System.arraycopy(g, i * n + i, packed, rowStart(n, i), n - i);
        }
    }

    /**
     * C = G·Q with G packed by {@link #pack}; {@code c} (n×b) is overwritten.
     *
     * @throws IllegalStateException if {@link #available}(n, b) is false
     * @throws IllegalArgumentException if an array is shorter than its shape needs
     */
    public static void multiply(double[] packed, int n, double[] q, int b, double[] c) {
        multiply(packed, n, q, c, 0, b);
    }

    /**
     * As above for the n×b blocks of {@code q} and {@code c} that start at {@code offset} (a Krylov basis and its
     * products kept block after block in two arrays); the rest of {@code c} is not touched.
     */
    public static void multiply(double[] packed, int n, double[] q, double[] c, int offset, int b) {
        if (!available(n, b)) {
            throw new IllegalStateException("vector kernel unavailable for n=" + n + ", b=" + b + " ("
                    + VectorApi.describe() + ")");
        }
        checkPacked(n, packed);
        long end = offset + (long) n * b;
        if (offset < 0 || q.length < end || c.length < end) {
            throw new IllegalArgumentException("arrays too short for n=" + n + ", b=" + b + " from offset " + offset);
        }
        VectorSymmetricProduct.multiply(packed, n, q, c, offset, b);
    }

    private static void checkPacked(int n, double[] packed) {
        if (packed.length < packedLength(n)) {
            throw new IllegalArgumentException("packed array of " + packed.length + " doubles is shorter than "
                    + packedLength(n) + " = n(n+1)/2 for n=" + n);
        }
    }
}
