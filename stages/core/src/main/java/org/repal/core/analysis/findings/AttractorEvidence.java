package org.repal.core.analysis.findings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repal.core.analysis.results.AttractorResults;
import org.repal.core.analysis.stats.MatrixPermutationTest;
import org.repal.core.analysis.stats.RankCorrelation;
import org.repal.core.analysis.stats.Regression;
import org.repal.core.analysis.stats.Summary;

/**
 * What the attractor bench shows per metric (spec §7): does the metric separate the dynamical regimes (Test 1), and
 * does it fall with the number of motifs two compositions share (Test 3)? The units are the simulated systems (9)
 * and the compositions (60); both tests shuffle the units' labels across the matrix rows
 * ({@link MatrixPermutationTest}), so pairs sharing a system are not taken as independent. Pairs are unordered and
 * never self-pairs.
 */
public final class AttractorEvidence {

    /**
     * Test 1 for one metric.
     *
     * @param regimes     regime names in row order of first appearance
     * @param sizes       systems per regime
     * @param within      within-regime pair values
     * @param across      across-regime pair values
     * @param test        permutation test of mean(across) − mean(within)
     */
    public record Regimes(String metric, List<String> regimes, int[] sizes, double[] within, double[] across,
                          MatrixPermutationTest.Result test) {

        public double withinMean() {
            return Arrays.stream(within).average().orElse(Double.NaN);
        }

        public double acrossMean() {
            return Arrays.stream(across).average().orElse(Double.NaN);
        }
    }

    /**
     * Test 3 for one metric (unordered grouping: motifs shared regardless of position).
     *
     * @param shared   the shared counts present, ascending
     * @param summary  values per shared count
     * @param fit      OLS of dissimilarity on the shared count over all pairs
     * @param spearman Spearman's ρ over all pairs
     * @param test     permutation test of −slope (one-sided: dissimilarity falls with shared motifs)
     */
    public record Composition(String metric, int[] shared, List<Summary> summary, Regression.Fit fit,
                              RankCorrelation spearman, MatrixPermutationTest.Result test) {
    }

    private AttractorEvidence() {
    }

    /** The regime of a system: its name before "_rho" (e.g. two_stable_attractors). */
    public static String regime(String system) {
        int i = system.indexOf("_rho");
        return i < 0 ? system : system.substring(0, i);
    }

    /** Test 1 per metric. */
    public static Map<String, Regimes> regimes(AttractorResults a, long seed, int permutations) {
        List<String> names = new ArrayList<>();
        int[] labels = new int[a.systems().size()];
        for (int i = 0; i < labels.length; i++) {
            String r = regime(a.systems().get(i));
            if (!names.contains(r)) {
                names.add(r);
            }
            labels[i] = names.indexOf(r);
        }
        int[] sizes = new int[names.size()];
        for (int l : labels) {
            sizes[l]++;
        }
        Map<String, Regimes> out = new LinkedHashMap<>();
        a.regimes().forEach((metric, d) -> {
            List<Double> within = new ArrayList<>();
            List<Double> across = new ArrayList<>();
            for (int i = 0; i < d.length; i++) {
                for (int j = i + 1; j < d.length; j++) {
                    (labels[i] == labels[j] ? within : across).add(d[i][j]);
                }
            }
            MatrixPermutationTest.Result t = names.size() < 2 ? null : MatrixPermutationTest.greater(d, labels,
                    AttractorEvidence::acrossMinusWithin, permutations, Seeds.of(seed, "regimes", metric));
            out.put(metric, new Regimes(metric, List.copyOf(names), sizes, unbox(within), unbox(across), t));
        });
        return out;
    }

    /** Test 3 per metric. */
    public static Map<String, Composition> composition(AttractorResults a, long seed, int permutations) {
        List<Set<String>> motifs = a.compositions().stream().map(n -> Set.of(n.split("-"))).toList();
        int n = motifs.size();
        int[] own = new int[n];
        for (int i = 0; i < n; i++) {
            own[i] = i;
        }
        int[][] sharedCount = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sharedCount[i][j] = shared(motifs.get(i), motifs.get(j));
            }
        }
        Map<String, Composition> out = new LinkedHashMap<>();
        a.composition().forEach((metric, d) -> {
            MatrixPermutationTest.Statistic negSlope = (m, labels) -> -slope(m, labels, sharedCount);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    xs.add((double) sharedCount[i][j]);
                    ys.add(d[i][j]);
                }
            }
            double[] x = unbox(xs);
            double[] y = unbox(ys);
            int[] counts = Arrays.stream(x).mapToInt(v -> (int) v).distinct().sorted().toArray();
            List<Summary> summaries = new ArrayList<>();
            for (int c : counts) {
                List<Double> v = new ArrayList<>();
                for (int k = 0; k < x.length; k++) {
                    if ((int) x[k] == c) {
                        v.add(y[k]);
                    }
                }
                summaries.add(Summary.of(unbox(v)));
            }
            boolean varies = counts.length >= 2;
            out.put(metric, new Composition(metric, counts, List.copyOf(summaries),
                    varies ? Regression.ols(x, y) : null, varies ? RankCorrelation.spearman(x, y) : null,
                    varies ? MatrixPermutationTest.greater(d, own, negSlope, permutations,
                            Seeds.of(seed, "composition", metric)) : null));
        });
        return out;
    }

    private static int shared(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.retainAll(b);
        return s.size();
    }

    /** Mean of across-label pairs minus mean of same-label pairs. */
    static double acrossMinusWithin(double[][] d, int[] labels) {
        double within = 0;
        double across = 0;
        int nw = 0;
        int na = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = i + 1; j < d.length; j++) {
                if (labels[i] == labels[j]) {
                    within += d[i][j];
                    nw++;
                } else {
                    across += d[i][j];
                    na++;
                }
            }
        }
        return (nw == 0 || na == 0) ? 0 : across / na - within / nw;
    }

    /** OLS slope of d over pairs against the shared-motif count, unit i carrying composition labels[i]. */
    private static double slope(double[][] d, int[] labels, int[][] sharedCount) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = i + 1; j < d.length; j++) {
                double x = sharedCount[labels[i]][labels[j]];
                double y = d[i][j];
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                n++;
            }
        }
        double den = sxx - sx * sx / n;
        return den == 0 ? 0 : (sxy - sx * sy / n) / den;
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
