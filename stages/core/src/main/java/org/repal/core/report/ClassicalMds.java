package org.repal.core.report;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Classical (Torgerson) multidimensional scaling: points in a few dimensions whose Euclidean distances
 * approximate a symmetric dissimilarity matrix D. With B = −½·J·D⁽²⁾·J (D⁽²⁾ the element-wise squares,
 * J = I − 11ᵀ/n the centring matrix), the coordinates along dimension k are √λₖ·vₖ for the k-th largest
 * eigenpair (λₖ, vₖ) of B. When D holds the distances of points that truly lie in that many dimensions, the
 * embedding reproduces them exactly, up to rotation, reflection and translation (it is centred at the origin).
 *
 * <p>Conventions: the diagonal of D is taken as 0 whatever it holds, D is symmetrised as (D + Dᵀ)/2, negative
 * eigenvalues (D not Euclidean) give coordinate 0 in their dimension, and each dimension's sign is chosen so that
 * its largest-magnitude coordinate (the first, on ties) is positive, so the output is deterministic.
 */
public final class ClassicalMds {

    /**
     * An embedding.
     *
     * @param coordinates coordinates[i][k] of point i in dimension k
     * @param eigenvalues all n eigenvalues of B, largest first (their positive part measures how much of the
     *                    configuration each dimension carries)
     */
    public record Result(double[][] coordinates, double[] eigenvalues) {
    }

    private ClassicalMds() {
    }

    /** The 2-D embedding of {@code dissimilarities} (n × n): coordinates[i] = {x, y}. */
    public static double[][] embed(double[][] dissimilarities) {
        return embed(dissimilarities, 2).coordinates();
    }

    /** The embedding in {@code dims} dimensions (dims ≥ 1; dimensions beyond n − 1 are all zero). */
    public static Result embed(double[][] dissimilarities, int dims) {
        if (dims < 1) {
            throw new IllegalArgumentException("MDS needs at least one dimension, got " + dims);
        }
        int n = dissimilarities.length;
        for (int i = 0; i < n; i++) {
            if (dissimilarities[i].length != n) {
                throw new IllegalArgumentException("MDS needs a square matrix, row " + i + " has "
                        + dissimilarities[i].length + " entries for " + n + " rows");
            }
            for (int j = 0; j < n; j++) {
                if (i != j && !Double.isFinite(dissimilarities[i][j])) {
                    throw new IllegalArgumentException("MDS needs finite dissimilarities, entry (" + i + ", " + j
                            + ") is " + dissimilarities[i][j]);
                }
            }
        }
        double[][] coordinates = new double[n][dims];
        if (n == 0) {
            return new Result(coordinates, new double[0]);
        }
        double[][] b = centredGram(dissimilarities);
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(b, false));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i]).thenComparingInt(i -> i));
        RealMatrix vectors = eigen.getV();
        double[] sorted = new double[n];
        for (int k = 0; k < n; k++) {
            sorted[k] = values[order[k]];
        }
        for (int k = 0; k < Math.min(dims, n); k++) {
            double lambda = sorted[k];
            if (!(lambda > 0)) {
                continue;
            }
            double[] v = vectors.getColumn(order[k]);
            double scale = Math.sqrt(lambda) * sign(v);
            for (int i = 0; i < n; i++) {
                coordinates[i][k] = scale * v[i];
            }
        }
        return new Result(coordinates, sorted);
    }

    /** B = −½·J·D⁽²⁾·J of the symmetrised matrix with a zero diagonal, exactly symmetric. */
    static double[][] centredGram(double[][] d) {
        int n = d.length;
        double[][] sq = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (d[i][j] + d[j][i]);
                sq[i][j] = v * v;
                sq[j][i] = v * v;
            }
        }
        double[] rowMean = new double[n];
        double grand = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += sq[i][j];
            }
            rowMean[i] = s / n;
            grand += s;
        }
        grand /= (double) n * n;
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = -0.5 * (sq[i][j] - (rowMean[i] + rowMean[j]) + grand);
                b[i][j] = v;
                b[j][i] = v;
            }
        }
        return b;
    }

    /** +1 if the largest-magnitude entry (first on ties) is positive, else −1. */
    private static double sign(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[best])) {
                best = i;
            }
        }
        return v[best] < 0 ? -1.0 : 1.0;
    }
}
