package org.repal.core.linalg;

/**
 * The two products a block Krylov solver builds its basis with, on the Java heap, for blocks of {@link #WIDTH}
 * columns stored one after another (block j of a basis is the row-major n×8 matrix at offset j·n·8):
 * <ul>
 * <li>{@link #crossProducts}: P = [Q_j; …]ᵀ·W, every block's 8×8 product with one block W, stacked;</li>
 * <li>{@link #multiplyAdd}: C += Σ_j Q_j·P_j, a run of blocks times the matching rows of a thin matrix.</li>
 * </ul>
 * Together they are a classical Gram–Schmidt pass, the three-term Lanczos step and the Ritz vectors. OpenBLAS takes
 * these shapes (an 8-column operand against a long one) at 5–20 GFLOP/s once its call and packing costs are paid per
 * block; the vector kernels ({@link VectorBlockKernels}) keep the small operand in registers and stream the long one.
 * Without the vector API the same loops run in plain Java.
 *
 * <p>Each output element is one fixed chain of fused multiply-adds (over rows t ascending for cross products; over
 * blocks, then columns, ascending for multiplyAdd), so results do not depend on the vector width.
 */
final class BlockKernels {

    /** Columns per block. */
    static final int WIDTH = 8;

    private static final boolean VECTOR = VectorApi.lanes() >= 2 && WIDTH % VectorApi.lanes() == 0;

    private BlockKernels() {
    }

    /**
     * out[(j·8 + c)·8 + w] = Σ_t Q_j[t][c]·W[t][w] for the {@code blocks} blocks of {@code q} starting at block
     * {@code first}, with W the n×8 block of {@code w} at {@code wOff}.
     */
    static void crossProducts(double[] q, int first, int blocks, double[] w, int wOff, int n, double[] out) {
        if (VECTOR) {
            VectorBlockKernels.crossProducts(q, first, blocks, w, wOff, n, out);
            return;
        }
        // Plain loops ordered so that the JIT can vectorise the innermost one (contiguous columns).
        double[] acc = new double[WIDTH * WIDTH];
        for (int j = 0; j < blocks; j++) {
            java.util.Arrays.fill(acc, 0.0);
            int qOff = (first + j) * n * WIDTH;
            for (int t = 0; t < n; t++) {
                int wRow = wOff + t * WIDTH;
                for (int c = 0; c < WIDTH; c++) {
                    double qc = q[qOff + t * WIDTH + c];
                    for (int col = 0; col < WIDTH; col++) {
                        acc[c * WIDTH + col] += qc * w[wRow + col];
                    }
                }
            }
            System.arraycopy(acc, 0, out, j * WIDTH * WIDTH, WIDTH * WIDTH);
        }
    }

    /**
     * C[t][col] += Σ_j Σ_c Q_j[t][c]·P[(j·8 + c)·width + col] for the {@code blocks} blocks of {@code q} starting at
     * block {@code first}; C is n×width (row-major, from {@code cOff}), width a multiple of 8.
     */
    static void multiplyAdd(double[] q, int first, int blocks, double[] p, int width, int n, double[] c, int cOff) {
        if (VECTOR) {
            VectorBlockKernels.multiplyAdd(q, first, blocks, p, width, n, c, cOff);
            return;
        }
        for (int t = 0; t < n; t++) {
            int cRow = cOff + t * width;
            for (int j = 0; j < blocks; j++) {
                int qRow = (first + j) * n * WIDTH + t * WIDTH;
                for (int k = 0; k < WIDTH; k++) {
                    double qk = q[qRow + k];
                    int pRow = (j * WIDTH + k) * width;
                    for (int col = 0; col < width; col++) {
                        c[cRow + col] += qk * p[pRow + col];
                    }
                }
            }
        }
    }
}
