package org.repal.core.metric;

/**
 * Searches min over C in O(n) of ||A - C B C^T||_F^2 for two square matrices of equal size.
 * Inputs are row-major n x n arrays that the caller has already Frobenius-normalised; implementations
 * must not modify them.
 */
public interface OrthogonalAligner {

    /** A short name used in reports ("fast", "reference"). */
    String name();

    Alignment align(double[] a, double[] b, int n);

    /**
     * This optimiser, allowed to use {@code threads} threads for one alignment (used when a single pair is
     * compared and the cores would otherwise idle). The result must not depend on the thread count.
     */
    default OrthogonalAligner withThreads(int threads) {
        return this;
    }

    /**
     * The best orthogonal matrix found (row-major n x n), the objective ||A - C B C^T||_F^2 there and the
     * number of optimiser iterations spent over all starts.
     */
    record Alignment(double[] c, double loss, int iterations) {
    }
}
