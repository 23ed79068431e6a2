package org.repal.core.analysis.findings;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.repal.core.analysis.results.ActivityMean;

/**
 * Trial-averaged trajectories of several models of one config in one common 3-D principal-component space: the
 * models' time × unit means are stacked, centred on their pooled mean, and projected on the three leading
 * eigenvectors of the pooled covariance (the reference's common PCA, without per-trial z-scoring). Each component's
 * sign is chosen so that its largest-magnitude loading is positive, so the projection is deterministic.
 */
public final class TrajectoryProjection {

    /**
     * The projection.
     *
     * @param points    per model, points[t] = {pc1, pc2, pc3}
     * @param explained fraction of the pooled variance each component carries
     */
    public record Result(List<double[][]> points, double[] explained) {
    }

    private TrajectoryProjection() {
    }

    /** Projects models that share their unit count (all of one config). */
    public static Result project(List<ActivityMean> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no trajectories to project");
        }
        int units = models.get(0).mean()[0].length;
        int rows = 0;
        for (ActivityMean m : models) {
            if (m.mean()[0].length != units) {
                throw new IllegalArgumentException(m.key() + ": " + m.mean()[0].length + " units, expected " + units);
            }
            rows += m.mean().length;
        }
        double[] centre = new double[units];
        for (ActivityMean m : models) {
            for (double[] row : m.mean()) {
                for (int u = 0; u < units; u++) {
                    centre[u] += row[u] / rows;
                }
            }
        }
        double[][] cov = new double[units][units];
        for (ActivityMean m : models) {
            for (double[] row : m.mean()) {
                for (int a = 0; a < units; a++) {
                    double da = row[a] - centre[a];
                    for (int b = a; b < units; b++) {
                        cov[a][b] += da * (row[b] - centre[b]);
                    }
                }
            }
        }
        for (int a = 0; a < units; a++) {
            for (int b = a; b < units; b++) {
                cov[a][b] /= Math.max(1, rows - 1);
                cov[b][a] = cov[a][b];
            }
        }
        RealMatrix c = new Array2DRowRealMatrix(cov, false);
        EigenDecomposition eig = new EigenDecomposition(c);
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[units];
        for (int i = 0; i < units; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(values[j], values[i]));
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
        }
        double[][] axes = new double[3][units];
        double[] explained = new double[3];
        for (int k = 0; k < 3 && k < units; k++) {
            double[] v = eig.getEigenvector(order[k]).toArray();
            int big = 0;
            for (int u = 1; u < units; u++) {
                if (Math.abs(v[u]) > Math.abs(v[big])) {
                    big = u;
                }
            }
            double sign = v[big] < 0 ? -1 : 1;
            for (int u = 0; u < units; u++) {
                axes[k][u] = sign * v[u];
            }
            explained[k] = total > 0 ? Math.max(0, values[order[k]]) / total : 0;
        }
        List<double[][]> out = new ArrayList<>();
        for (ActivityMean m : models) {
            double[][] p = new double[m.mean().length][3];
            for (int t = 0; t < p.length; t++) {
                for (int k = 0; k < 3; k++) {
                    double s = 0;
                    for (int u = 0; u < units; u++) {
                        s += (m.mean()[t][u] - centre[u]) * axes[k][u];
                    }
                    p[t][k] = s;
                }
            }
            out.add(p);
        }
        return new Result(List.copyOf(out), explained);
    }
}
