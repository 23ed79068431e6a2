package org.repal.core.attractor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repal.core.metric.Cka;
import org.repal.core.metric.DmdParams;
import org.repal.core.metric.Dsa;
import org.repal.core.metric.FastAligner;
import org.repal.core.metric.HavokDmd;
import org.repal.core.metric.Procrustes;
import org.repal.core.metric.Samples;
import org.repal.core.metric.ScoreMethod;
import org.repal.core.metric.Trajectories;

/**
 * The three dissimilarities of the bench: DSA (angular, radians, the deterministic fast optimiser), and
 * 1 − angular score for Procrustes and CKA (both in [0, 1]) on the reshaped (samples·time, 3) arrays.
 */
public final class BenchMetrics {

    /** Metric names in output order. */
    public static final List<String> NAMES = List.of("dsa", "procrustes", "cka");

    private final Dsa.Settings dsa;

    public BenchMetrics(DmdParams dmd, int threads) {
        this.dsa = new Dsa.Settings(dmd, ScoreMethod.ANGULAR, pair -> new FastAligner(), threads);
    }

    public DmdParams dmd() {
        return dsa.dmd();
    }

    /** One dissimilarity of x and y per metric, keyed by {@link #NAMES}. */
    public Map<String, Double> pair(Trajectories x, Trajectories y) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("dsa", Dsa.compare(x, y, capped(List.of(x, y))).score());
        out.put("procrustes", Procrustes.compare(Samples.of(x), Samples.of(y)).dissimilarity());
        out.put("cka", Cka.compare(Samples.of(x), Samples.of(y)).dissimilarity());
        return out;
    }

    /** The symmetric pairwise matrices (zero diagonal) per metric. */
    public Map<String, double[][]> matrices(List<Trajectories> systems) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        out.put("dsa", dsaMatrix(systems));
        int n = systems.size();
        List<Samples> samples = new ArrayList<>();
        for (Trajectories x : systems) {
            samples.add(Samples.of(x));
        }
        double[][] proc = new double[n][n];
        double[][] cka = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                proc[i][j] = Procrustes.compare(samples.get(i), samples.get(j)).dissimilarity();
                proc[j][i] = proc[i][j];
                cka[i][j] = Cka.compare(samples.get(i), samples.get(j)).dissimilarity();
                cka[j][i] = cka[i][j];
            }
        }
        out.put("procrustes", proc);
        out.put("cka", cka);
        return out;
    }

    /** The DSA matrix alone (the parameter sweep needs only this one). */
    public double[][] dsaMatrix(List<Trajectories> systems) {
        return Dsa.pairwise(systems, capped(systems)).scores();
    }

    /**
     * The requested rank, lowered to the smallest numerical rank among the systems. Near-linear systems (ρ &lt; 1
     * decaying to the origin) have delay embeddings of low numerical rank; the reference's float32 SVD then
     * silently regressed on noise directions, here the rank of the whole comparison is capped instead.
     */
    public Dsa.Settings capped(List<Trajectories> systems) {
        int rank = dsa.dmd().rank();
        for (Trajectories x : systems) {
            int available = HavokDmd.numericalRank(x, dsa.dmd());
            rank = rank == 0 ? available : Math.min(rank, available);
        }
        DmdParams p = dsa.dmd();
        return new Dsa.Settings(new DmdParams(p.nDelays(), p.delayInterval(), rank, p.ridge()), dsa.score(),
                dsa.aligners(), dsa.threads());
    }
}
