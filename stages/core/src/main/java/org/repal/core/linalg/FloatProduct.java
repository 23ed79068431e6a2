package org.repal.core.linalg;

/**
 * C = A·B or C += A·B for small row-major float matrices on the Java heap: the products a float32 recurrent network
 * repeats at every time step (a lane's states times the transposed weights forward, its pre-activation gradients
 * times W_hh backward), with B the same for a whole pass.
 *
 * <p>At these shapes (32–128 rows, a few hundred columns) OpenBLAS's {@code sgemm} ran at 86 GFLOP/s on one
 * AVX-512 core here with its Haswell kernels and 147 with its Cooperlake ones; the vector-API kernel
 * ({@link VectorFloatProduct}) at 180–215, and its result does not depend on the CPU's vector width nor on the
 * kernel OpenBLAS picks (each element is one fused multiply-add chain in a fixed order).
 *
 * <p>Available under the same conditions as {@link VectorApi}: the JVM loaded {@code jdk.incubator.vector}, the
 * JIT uses hardware FMA, and vectors hold at least four floats. Otherwise callers use OpenBLAS.
 */
public final class FloatProduct {

    private static final boolean AVAILABLE = VectorApi.lanes() >= 2 && VectorFloatProduct.lanes() >= 4;

    private FloatProduct() {
    }

    /** Bits per vector register of the kernel (128, 256 or 512), or 0 when it is not {@link #available}. */
    public static int vectorBits() {
        return AVAILABLE ? VectorFloatProduct.lanes() * Float.SIZE : 0;
    }

    /** "vector API, 16 floats per register" or "OpenBLAS sgemm (start the JVM with --add-modules …)". */
    public static String describe() {
        return AVAILABLE ? "vector API, " + VectorFloatProduct.lanes() + " floats per register"
                : "OpenBLAS sgemm (" + VectorApi.describe() + ")";
    }

    /** Whether the vector kernel can run here. */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * C[m×n] = A[m×k]·B[k×n] ({@code accumulate} false) or C += A·B, all row-major from index 0 with leading
     * dimensions lda ≥ k, ldb ≥ n, ldc ≥ n.
     *
     * @throws IllegalStateException if {@link #available} is false
     * @throws IllegalArgumentException if a shape is negative, a leading dimension too small or an array too short
     */
    public static void multiply(int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc,
            boolean accumulate) {
        requireAvailable();
        if (m < 0 || n < 0 || k < 0 || lda < k || ldb < n || ldc < n) {
            throw new IllegalArgumentException("bad shape m=" + m + ", n=" + n + ", k=" + k + ", lda=" + lda
                    + ", ldb=" + ldb + ", ldc=" + ldc);
        }
        if (needed(m, k, lda) > a.length || needed(k, n, ldb) > b.length || needed(m, n, ldc) > c.length) {
            throw new IllegalArgumentException("arrays too short for m=" + m + ", n=" + n + ", k=" + k);
        }
        VectorFloatProduct.multiply(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
    }

    /**
     * C (+)= A[:, aCol … aCol + m − 1]ᵀ·B[:, bCol … bCol + n − 1] with A stored k × lda and B k × ldb; C is
     * m × n from element cOff with leading dimension ldc: a weight gradient Xᵀ·Δ over a block of time steps. Each
     * element is the same chain over p = 0 … k − 1 as in {@link #multiply}, so a sum over consecutive blocks
     * (accumulating) equals one product over all of them.
     *
     * @throws IllegalStateException if {@link #available} is false
     * @throws IllegalArgumentException if a shape or offset is out of range or an array too short
     */
    public static void multiplyTransposed(int m, int n, int k, float[] a, int aCol, int lda, float[] b, int bCol,
            int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        requireAvailable();
        if (m < 0 || n < 0 || k < 0 || aCol < 0 || lda < aCol + m || bCol < 0 || ldb < bCol + n || ldc < n
                || cOff < 0) {
            throw new IllegalArgumentException("bad shape m=" + m + ", n=" + n + ", k=" + k + ", aCol=" + aCol
                    + ", lda=" + lda + ", bCol=" + bCol + ", ldb=" + ldb + ", ldc=" + ldc + ", cOff=" + cOff);
        }
        if (needed(k, aCol + m, lda) > a.length || needed(k, bCol + n, ldb) > b.length
                || cOff + needed(m, n, ldc) > c.length) {
            throw new IllegalArgumentException("arrays too short for m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m > 0 && n > 0) {
            VectorFloatProduct.multiplyTransposed(m, n, k, a, aCol, lda, b, bCol, ldb, c, cOff, ldc, accumulate);
        }
    }

    private static void requireAvailable() {
        if (!AVAILABLE) {
            throw new IllegalStateException("vector kernel unavailable (" + VectorApi.describe() + ")");
        }
    }

    /** Elements a rows × cols block with leading dimension ld spans. */
    private static long needed(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols;
    }
}
