package org.repal.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.repal.core.activity.Activity;
import org.repal.core.linalg.ParallelJobs;

/**
 * Group matrices of DSA, Procrustes and CKA dissimilarities between lists of prepared activities indexed like
 * {@link AnalysisGroups#ORDER} (null = the group is absent: its row and column are NaN).
 *
 * <ul>
 *   <li>{@link #symmetric}: one model config against itself; each unordered pair i &lt; j is computed once and
 *       mirrored, the diagonal of a present group is 0 (a model compared with itself);</li>
 *   <li>{@link #full}: two configs (RNN rows, Mamba columns); every (i, j) is computed.</li>
 * </ul>
 * Pairs are spread over {@code threads} threads ({@link PairPool}); the values do not depend on the count.
 */
public final class GroupMatrix {

    /** The three matrices, the DSA rank used per entry (0 where nothing was computed) and the pairs computed. */
    public record Matrices(double[][] dsa, double[][] procrustes, double[][] cka, int[][] dsaRank, int pairs) {
    }

    private GroupMatrix() {
    }

    public static Matrices symmetric(List<Activity> groups, ComparisonSettings s, int threads) {
        return compute(groups, groups, true, s, threads);
    }

    public static Matrices full(List<Activity> rows, List<Activity> cols, ComparisonSettings s, int threads) {
        return compute(rows, cols, false, s, threads);
    }

    private static Matrices compute(List<Activity> rows, List<Activity> cols, boolean symmetric, ComparisonSettings s,
                                    int threads) {
        int n = rows.size();
        int m = cols.size();
        double[][] dsa = nan(n, m);
        double[][] pro = nan(n, m);
        double[][] cka = nan(n, m);
        int[][] rank = new int[n][m];
        List<int[]> index = new ArrayList<>();
        List<Callable<PairMetrics.Result>> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = symmetric ? i + 1 : 0; j < m; j++) {
                Activity x = rows.get(i);
                Activity y = cols.get(j);
                if (x != null && y != null) {
                    index.add(new int[] {i, j});
                    jobs.add(() -> PairMetrics.compare(x, y, s));
                }
            }
            if (symmetric && rows.get(i) != null) {
                dsa[i][i] = 0;
                pro[i][i] = 0;
                cka[i][i] = 0;
            }
        }
        List<PairMetrics.Result> results = ParallelJobs.run(jobs, threads);
        for (int k = 0; k < results.size(); k++) {
            int i = index.get(k)[0];
            int j = index.get(k)[1];
            PairMetrics.Result r = results.get(k);
            dsa[i][j] = r.dsa();
            pro[i][j] = r.procrustes();
            cka[i][j] = r.cka();
            rank[i][j] = r.dsaRank();
            if (symmetric) {
                dsa[j][i] = r.dsa();
                pro[j][i] = r.procrustes();
                cka[j][i] = r.cka();
                rank[j][i] = r.dsaRank();
            }
        }
        return new Matrices(dsa, pro, cka, rank, results.size());
    }

    private static double[][] nan(int n, int m) {
        double[][] a = new double[n][m];
        for (double[] row : a) {
            Arrays.fill(row, Double.NaN);
        }
        return a;
    }
}
