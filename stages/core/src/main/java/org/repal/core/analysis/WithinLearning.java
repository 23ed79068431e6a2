package org.repal.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.repal.core.linalg.ParallelJobs;

/**
 * Dissimilarity within learning (spec §6.8): a run's {@link TrainingSeries#withinLearning} snapshots split into
 * {@link QuartileBins}; for bins i ≤ j, entry [i, j] = [j, i] = the mean over m₁ ≤ m₂ &lt; min(|bin_i|, |bin_j|)
 * of the dissimilarity between bin_i[m₁] and bin_j[m₂] (the reference's pairs). A snapshot with itself (the same
 * snapshot on both sides) counts as 0 without being computed, as the group matrices' diagonal. A bin whose range is
 * empty borrows the nearest snapshot ({@link QuartileBins#members}; {@code borrowed} says which), so every entry is
 * defined, never uninitialised (the reference's {@code np.empty}); a bin's accuracy is the mean accuracy of its
 * snapshots (the reference's was shifted by one when the pretrained model was prepended). In the own
 * basis every snapshot is fitted once (into {@code fits}) before the pairs run, instead of twice per pair.
 */
public final class WithinLearning {

    /** 4×4 matrices, bin accuracies and sizes, and the number of computed pairs. */
    /** {@code binSizes}: each bin's own snapshots (0 for a borrowing bin); {@code borrowed}: bins that borrowed. */
    public record Result(double[][] dsa, double[][] procrustes, double[][] cka, double[] accuracy, int[] binSizes,
                         boolean[] borrowed, int pairs) {
    }

    private WithinLearning() {
    }

    /** The (bin i, bin j, m₁, m₂) tuples averaged into entry [i, j], i ≤ j. */
    public static List<int[]> terms(int[] binSizes, int i, int j) {
        List<int[]> out = new ArrayList<>();
        int p = Math.min(binSizes[i], binSizes[j]);
        for (int m1 = 0; m1 < p; m1++) {
            for (int m2 = m1; m2 < p; m2++) {
                out.add(new int[] {i, j, m1, m2});
            }
        }
        return out;
    }

    public static Result compute(TrainingSeries s, SnapshotActivities activities, ComparisonSettings settings,
                                 ActivityFits fits, int threads) {
        int b = QuartileBins.BINS;
        int[] edges = QuartileBins.edges(s.size());
        int[][] members = QuartileBins.members(s.size());
        int[] own = new int[b];
        int[] sizes = new int[b];
        boolean[] borrowed = new boolean[b];
        double[] accuracy = new double[b];
        for (int k = 0; k < b; k++) {
            own[k] = edges[k + 1] - edges[k];
            borrowed[k] = own[k] == 0;
            sizes[k] = members[k].length;
            accuracy[k] = Arrays.stream(members[k]).mapToDouble(m -> s.accuracy()[m]).average().orElseThrow();
        }
        int units = activities.width(s.model());
        List<int[]> computed = new ArrayList<>();
        List<Callable<PairMetrics.Result>> jobs = new ArrayList<>();
        List<PairMetrics.Side> used = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            for (int j = i; j < b; j++) {
                for (int[] t : terms(sizes, i, j)) {
                    int x = members[i][t[2]];
                    int y = members[j][t[3]];
                    if (x != y) {
                        computed.add(t);
                        PairMetrics.Side sx = activities.side(s.model(), s.snapshots().get(x), units);
                        PairMetrics.Side sy = activities.side(s.model(), s.snapshots().get(y), units);
                        used.add(sx);
                        used.add(sy);
                        jobs.add(() -> PairMetrics.compare(sx, sy, settings, fits));
                    }
                }
            }
        }
        if (settings.dsaBasis() == DsaBasis.OWN) {
            fits.fitAll(used, threads);
        }
        List<PairMetrics.Result> r = ParallelJobs.run(jobs, threads);
        double[][][] sum = new double[3][b][b];
        for (int k = 0; k < r.size(); k++) {
            int i = computed.get(k)[0];
            int j = computed.get(k)[1];
            sum[0][i][j] += r.get(k).dsa();
            sum[1][i][j] += r.get(k).procrustes();
            sum[2][i][j] += r.get(k).cka();
        }
        double[][][] mean = new double[3][b][b];
        for (int i = 0; i < b; i++) {
            for (int j = i; j < b; j++) {
                int count = terms(sizes, i, j).size();
                for (int m = 0; m < 3; m++) {
                    double v = sum[m][i][j] / count; // count >= 1: every bin has a snapshot
                    mean[m][i][j] = v;
                    mean[m][j][i] = v;
                }
            }
        }
        return new Result(mean[0], mean[1], mean[2], accuracy, own, borrowed, r.size());
    }
}
