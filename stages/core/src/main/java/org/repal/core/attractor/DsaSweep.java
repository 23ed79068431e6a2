package org.repal.core.attractor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.repal.core.metric.DmdParams;
import org.repal.core.metric.Trajectories;

/**
 * Stage 8 (spec §7.5): DSA on the composition test for each (n_delays, delay_interval) of a grid. The score of a
 * setting is the gap d(1 shared) − d(3 shared) of the unordered grouping and the Pearson r of its per-count means
 * against the count; settings are ranked by gap, then by |r| (the reference sorted by gap, then r).
 */
public final class DsaSweep {

    public record Point(int nDelays, int delayInterval, int rank, double gap, double r, double[] mean) {
    }

    private DsaSweep() {
    }

    /** The reference's earlier sweeps paired each n_delays with delay_interval = ⌊steps/n_delays⌋. */
    public static List<int[]> paired(int[] nDelays, int steps) {
        List<int[]> grid = new ArrayList<>();
        for (int d : nDelays) {
            grid.add(new int[] {d, Math.max(1, steps / d)});
        }
        return grid;
    }

    /** All points, best first. Settings too long for the data are rejected before anything runs. */
    public static List<Point> run(AttractorBench bench, List<int[]> grid) {
        AttractorBench.Settings s = bench.settings();
        for (int[] g : grid) {
            DmdParams p = new DmdParams(g[0], g[1], s.dmd().rank(), s.dmd().ridge());
            if (p.embeddedLength(s.steps()) < 2) {
                throw new IllegalArgumentException("sweep setting n_delays " + g[0] + " × delay_interval " + g[1]
                        + " is too long for " + s.steps() + " steps");
            }
        }
        List<Trajectories> systems = bench.compositions();
        List<int[]> triples = AttractorBench.triples(AttractorBench.MOTIFS.size());
        List<Point> points = new ArrayList<>();
        for (int[] g : grid) {
            BenchMetrics metrics = new BenchMetrics(new DmdParams(g[0], g[1], s.dmd().rank(), s.dmd().ridge()),
                    s.threads());
            int rank = metrics.capped(systems).dmd().rank();
            AttractorBench.Grouping grouping = AttractorBench.group(metrics.dsaMatrix(systems), triples, false, false);
            double[] mean = grouping.mean();
            points.add(new Point(g[0], g[1], rank, mean[0] - mean[mean.length - 1], grouping.fit().r(), mean));
        }
        points.sort(Comparator.comparingDouble((Point p) -> -p.gap()).thenComparingDouble(p -> -Math.abs(p.r())));
        return points;
    }
}
