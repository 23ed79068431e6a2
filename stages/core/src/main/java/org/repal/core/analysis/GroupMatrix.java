package org.repal.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.activity.Activity;
import org.repal.core.linalg.ParallelJobs;

/**
 * Group matrices of DSA, Procrustes and CKA dissimilarities between lists of activities indexed like
 * {@link AnalysisGroups#ORDER} (null = the group is absent: its row and column are NaN).
 *
 * <ul>
 *   <li>{@link #symmetric}: one model config against itself; each unordered pair i &lt; j is computed once and
 *       mirrored, the diagonal of a present group is 0 (a model compared with itself);</li>
 *   <li>{@link #full}: two configs (RNN rows, Mamba columns); every (i, j) is computed.</li>
 * </ul>
 * In the {@link DsaBasis#OWN own} basis the DMD of every present activity not yet in the cache is fitted first
 * (each once, in parallel), then the pairs run (in parallel) on the cached fits; in the pair basis the pairs fit
 * their own. Both phases spread over {@code threads} threads ({@link ParallelJobs}); the values do not depend on the
 * count.
 */
public final class GroupMatrix {

    /** The three matrices, the DSA rank used per entry (0 where nothing was computed) and the pairs computed. */
    public record Matrices(double[][] dsa, double[][] procrustes, double[][] cka, int[][] dsaRank, int pairs) {
    }

    private GroupMatrix() {
    }

    /** Prepared activities without artifact keys, with a cache for this call only (the same object = the same key). */
    public static Matrices symmetric(List<Activity> groups, ComparisonSettings s, int threads) {
        List<PairMetrics.Side> sides = sides(groups, new IdentityHashMap<>());
        return compute(sides, sides, true, s, new ActivityFits(s), threads);
    }

    /** As {@link #symmetric(List, ComparisonSettings, int)}, for two lists. */
    public static Matrices full(List<Activity> rows, List<Activity> cols, ComparisonSettings s, int threads) {
        Map<Activity, String> keys = new IdentityHashMap<>();
        return compute(sides(rows, keys), sides(cols, keys), false, s, new ActivityFits(s), threads);
    }

    public static Matrices symmetric(List<PairMetrics.Side> groups, ComparisonSettings s, ActivityFits fits,
                                     int threads) {
        return compute(groups, groups, true, s, fits, threads);
    }

    public static Matrices full(List<PairMetrics.Side> rows, List<PairMetrics.Side> cols, ComparisonSettings s,
                                ActivityFits fits, int threads) {
        return compute(rows, cols, false, s, fits, threads);
    }

    private static List<PairMetrics.Side> sides(List<Activity> list, Map<Activity, String> keys) {
        List<PairMetrics.Side> out = new ArrayList<>();
        for (Activity a : list) {
            out.add(a == null ? null : PairMetrics.Side.of(keys.computeIfAbsent(a, x -> "activity-" + keys.size()), a));
        }
        return out;
    }

    private static Matrices compute(List<PairMetrics.Side> rows, List<PairMetrics.Side> cols, boolean symmetric,
                                    ComparisonSettings s, ActivityFits fits, int threads) {
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
                PairMetrics.Side x = rows.get(i);
                PairMetrics.Side y = cols.get(j);
                if (x != null && y != null) {
                    index.add(new int[] {i, j});
                    jobs.add(() -> PairMetrics.compare(x, y, s, fits));
                }
            }
            if (symmetric && rows.get(i) != null) {
                dsa[i][i] = 0;
                pro[i][i] = 0;
                cka[i][i] = 0;
            }
        }
        if (s.dsaBasis() == DsaBasis.OWN && !jobs.isEmpty()) {
            List<PairMetrics.Side> used = new ArrayList<>();
            for (int[] ij : index) {
                used.add(rows.get(ij[0]));
                used.add(cols.get(ij[1]));
            }
            fits.fitAll(used, threads);
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
