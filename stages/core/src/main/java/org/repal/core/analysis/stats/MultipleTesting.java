package org.repal.core.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Corrections of a family of p-values for multiple testing. */
public final class MultipleTesting {

    private MultipleTesting() {
    }

    /**
     * Benjamini–Hochberg adjusted p-values (false discovery rate, step-up), as statsmodels
     * {@code multipletests(p, method="fdr_bh")[1]}: with p sorted ascending and ranks i = 1..m, the adjusted value at
     * rank i is min over ranks j ≥ i of p₍ⱼ₎ · m / j, capped at 1; results come back in the input order. Taking the
     * minimum from the largest rank down is what makes the adjusted values monotone in p.
     *
     * <p>Rejecting H₀ where the adjusted value is ≤ q controls the FDR at q for independent or positively dependent
     * tests. The family is exactly the array given: pass each test once (the reference ran every unordered pair twice,
     * spec §10.29, which changes m).
     *
     * @param p raw p-values, each in [0, 1] (NaN rejected: drop untestable entries before adjusting)
     * @return adjusted p-values, same length and order as {@code p}
     */
    public static double[] benjaminiHochberg(double[] p) {
        Checks.finite(p, "p-values", 0);
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0 || p[i] > 1) {
                throw new IllegalArgumentException("p-value at index " + i + " is outside [0, 1]: " + p[i]);
            }
        }
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 1.0; // the cap, and the minimum over the ranks seen so far (from the top)
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            // p / (rank / m), the same operations as statsmodels (p / ecdf factor), so values match to the last bit
            running = Math.min(running, p[i] / ((double) rank / m));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
