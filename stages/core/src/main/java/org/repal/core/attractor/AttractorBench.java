package org.repal.core.attractor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.repal.core.metric.DmdParams;
import org.repal.core.metric.Trajectories;

/**
 * The attractor bench of spec §7: regime discrimination (Test 1), noise and mixing (Test 2) and
 * compositionality (Test 3), each returning its matrices or series for DSA, Procrustes and CKA.
 *
 * <p>Randomness: every simulation takes its own stream split, in program order, from one
 * {@code SplittableRandom(seed)} per test, so a test's data depend only on the seed and the sizes.
 */
public final class AttractorBench {

    /** ρ of the three regimes (spec §7.1): origin stable, two stable foci, chaotic. */
    public static final double[][] REGIMES = {{0.25, 0.5, 0.75}, {5, 10, 15}, {30, 40, 50}};
    public static final List<String> REGIME_NAMES = List.of("one_attractor", "two_stable_attractors",
            "two_unstable_attractors");
    /** Test 2's base patterns: the curve (ρ 0.5), then the stable and chaotic ρ. */
    public static final double[] NOISE_PATTERNS = {0.5, 5, 10, 15, 30, 40, 50};
    public static final List<String> MOTIFS = List.of("line", "curve", "pattern1", "pattern2", "lclc");

    /**
     * @param noise  perturbation scale per epoch (HEAD: 0.004, 0.002, 0.001)
     * @param mixing weight of the contaminating pattern per epoch (1, 0.5, 0.25)
     */
    public record Settings(int samples, int steps, double dt, Lorenz.Integrator integrator, int burnIn,
                           DmdParams dmd, int threads, long seed, double[] noise, double[] mixing, Variant variant) {
        public Settings {
            if (samples < 2 || steps < 2) {
                throw new IllegalArgumentException("samples and steps must be >= 2");
            }
            if (noise.length != mixing.length || noise.length < 2) {
                throw new IllegalArgumentException("noise and mixing need the same number (>= 2) of epochs");
            }
            if (variant.noiseRank() < 0 || variant.compositionRank() < 0) {
                throw new IllegalArgumentException("DSA ranks must be >= 1 (or 0 for the settings' rank)");
            }
        }

        /** The reference bench: 200 samples × 200 Euler steps of 0.01, DSA 33 delays × 6, rank 20. */
        public static Settings paper(long seed, int threads) {
            return new Settings(200, 200, 0.01, Lorenz.Integrator.EULER, 0, new DmdParams(33, 6, 20, 0), threads,
                    seed, new double[] {0.004, 0.002, 0.001}, new double[] {1, 0.5, 0.25}, Variant.DEFAULT);
        }

        /** Small enough for tests: 12 samples, the reference's time axis and DSA parameters. */
        public static Settings quick(long seed, int threads) {
            return new Settings(12, 200, 0.01, Lorenz.Integrator.EULER, 0, new DmdParams(33, 6, 20, 0), threads,
                    seed, new double[] {0.004, 0.002, 0.001}, new double[] {1, 0.5, 0.25}, Variant.DEFAULT);
        }

        public Settings withDmd(DmdParams other) {
            return new Settings(samples, steps, dt, integrator, burnIn, other, threads, seed, noise, mixing, variant);
        }

        public Settings withVariant(Variant other) {
            return new Settings(samples, steps, dt, integrator, burnIn, dmd, threads, seed, noise, mixing, other);
        }
    }

    /**
     * Switches that reproduce the reference rather than the intended bench: its degenerate line motif
     * ({@link Motifs#referenceLine}) and the DSA rank of Test 2 and Test 3 (0: the settings' rank). The reference
     * ran Test 1 at rank 20 but Tests 2 and 3 at its config rank, 50 (see stages/attractors/README.md).
     */
    public record Variant(boolean referenceLine, int noiseRank, int compositionRank) {
        public static final Variant DEFAULT = new Variant(false, 0, 0);
        public static final Variant REFERENCE = new Variant(true, 50, 50);
    }

    /** Within-regime (diagonal blocks) vs across-regime (off-diagonal) values, unordered pairs only. */
    public record Separation(double[] within, double[] across, double withinMean, double acrossMean, double pValue) {
    }

    /** {@code dsaRank}: the DSA rank used, the requested one capped at the systems' numerical rank. */
    public record Regimes(List<String> names, Map<String, double[][]> matrices, Map<String, Separation> separation,
                          int dsaRank) {
    }

    /** values[pair][epoch] for one comparison; means, SEMs, the fit against epoch 1, 2, 3… and d(last) − d(first). */
    public record Series(double[][] values, double[] mean, double[] sem, double r2, double gap) {
    }

    /** Per metric: "model12" (same pattern, independent noise) and "model23" (pattern vs pattern + mixed). */
    public record Noise(List<String> pairs, Map<String, Map<String, Series>> series) {
    }

    /** Mean ± SEM per shared count, and the line through the per-count means. */
    public record Grouping(int[] shared, double[] mean, double[] sem, int[] count, BenchStats.Fit fit) {
    }

    /**
     * {@code unorderedWithSelf}: the reference toolkit's grouping, which also counts the 60 self-pairs
     * (dissimilarity 0) at 3 shared motifs.
     */
    public record Composition(List<String> names, Map<String, double[][]> matrices, Map<String, Grouping> unordered,
                              Map<String, Grouping> unorderedWithSelf, Map<String, Grouping> ordered, int dsaRank) {
    }

    private final Settings settings;
    private final BenchMetrics metrics;

    public AttractorBench(Settings settings) {
        this.settings = settings;
        this.metrics = new BenchMetrics(settings.dmd(), settings.threads());
    }

    /** The metrics at another DSA rank (0: the settings' own). */
    private BenchMetrics metricsAt(int rank) {
        if (rank == 0 || rank == settings.dmd().rank()) {
            return metrics;
        }
        DmdParams p = settings.dmd();
        return new BenchMetrics(new DmdParams(p.nDelays(), p.delayInterval(), rank, p.ridge()), settings.threads());
    }

    public Settings settings() {
        return settings;
    }

    Trajectories lorenz(double rho, SplittableRandom random) {
        return Lorenz.bench(Lorenz.Params.reference(rho), settings.samples(), settings.steps(), settings.dt(),
                settings.integrator(), settings.burnIn(), random.split());
    }

    /** Test 1: the 9 systems (3 regimes × 3 ρ), 9×9 matrices, within vs across with a Mann–Whitney test. */
    public Regimes regimes() {
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<Trajectories> systems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int r = 0; r < REGIMES.length; r++) {
            for (double rho : REGIMES[r]) {
                systems.add(lorenz(rho, random));
                names.add(REGIME_NAMES.get(r) + "_rho" + rho);
            }
        }
        Map<String, double[][]> matrices = metrics.matrices(systems);
        Map<String, Separation> separation = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : matrices.entrySet()) {
            separation.put(e.getKey(), separate(e.getValue(), REGIMES[0].length));
        }
        return new Regimes(names, matrices, separation, metrics.capped(systems).dmd().rank());
    }

    static Separation separate(double[][] m, int block) {
        List<Double> within = new ArrayList<>();
        List<Double> across = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                (i / block == j / block ? within : across).add(m[i][j]);
            }
        }
        double[] w = within.stream().mapToDouble(Double::doubleValue).toArray();
        double[] a = across.stream().mapToDouble(Double::doubleValue).toArray();
        return new Separation(w, a, BenchStats.mean(w), BenchStats.mean(a), BenchStats.mannWhitneyP(w, a));
    }

    /** Test 2: 7 patterns, the 42 ordered pairs, one network triple per epoch. */
    public Noise noise() {
        SplittableRandom random = new SplittableRandom(settings.seed() + 1);
        List<Trajectories> patterns = new ArrayList<>();
        for (double rho : NOISE_PATTERNS) {
            patterns.add(lorenz(rho, random));
        }
        int epochs = settings.noise().length;
        BenchMetrics metrics = metricsAt(settings.variant().noiseRank());
        List<String> pairs = new ArrayList<>();
        Map<String, double[][]> v12 = new LinkedHashMap<>();
        Map<String, double[][]> v23 = new LinkedHashMap<>();
        int total = patterns.size() * (patterns.size() - 1);
        for (String m : BenchMetrics.NAMES) {
            v12.put(m, new double[total][epochs]);
            v23.put(m, new double[total][epochs]);
        }
        int p = 0;
        for (int a = 0; a < patterns.size(); a++) {
            for (int b = 0; b < patterns.size(); b++) {
                if (a == b) {
                    continue;
                }
                pairs.add("rho" + NOISE_PATTERNS[a] + "|rho" + NOISE_PATTERNS[b]);
                for (int e = 0; e < epochs; e++) {
                    double s = settings.noise()[e];
                    Trajectories m1 = Motifs.perturb(patterns.get(a), s, random.split());
                    Trajectories m2 = Motifs.perturb(patterns.get(a), s, random.split());
                    Trajectories m3 = Motifs.mix(patterns.get(b), Motifs.perturb(patterns.get(a), s, random.split()),
                            settings.mixing()[e]);
                    Map<String, Double> d12 = metrics.pair(m1, m2);
                    Map<String, Double> d23 = metrics.pair(m2, m3);
                    for (String m : BenchMetrics.NAMES) {
                        v12.get(m)[p][e] = d12.get(m);
                        v23.get(m)[p][e] = d23.get(m);
                    }
                }
                p++;
            }
        }
        Map<String, Map<String, Series>> series = new LinkedHashMap<>();
        for (String m : BenchMetrics.NAMES) {
            Map<String, Series> s = new LinkedHashMap<>();
            s.put("model12", series(v12.get(m)));
            s.put("model23", series(v23.get(m)));
            series.put(m, s);
        }
        return new Noise(pairs, series);
    }

    static Series series(double[][] values) {
        int epochs = values[0].length;
        double[] mean = new double[epochs];
        double[] sem = new double[epochs];
        double[] x = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            double[] col = new double[values.length];
            for (int p = 0; p < values.length; p++) {
                col[p] = values[p][e];
            }
            mean[e] = BenchStats.mean(col);
            sem[e] = BenchStats.sem(col);
            x[e] = e + 1;
        }
        return new Series(values, mean, sem, BenchStats.linear(x, mean).r2(), mean[epochs - 1] - mean[0]);
    }

    /** The 5 elementary motifs (line, curve ρ 0.5, pattern1 ρ 5, pattern2 ρ 15, line-curve-line-curve). */
    public List<Trajectories> motifs(SplittableRandom random) {
        Trajectories line = settings.variant().referenceLine()
                ? Motifs.referenceLine(settings.samples(), settings.steps(), random.split())
                : Motifs.line(settings.samples(), settings.steps(), random.split());
        Trajectories curve = lorenz(0.5, random);
        Trajectories p1 = lorenz(5, random);
        Trajectories p2 = lorenz(15, random);
        // As the reference: the flips reverse the sample order, and compose down-samples the four parts (4·T
        // points) back to T, as its combine_simulations did (it wrote them into a T-long array).
        Trajectories lclc = Motifs.compose(List.of(line, curve, Motifs.flipSamples(line), Motifs.flipSamples(curve)));
        return List.of(line, curve, p1, p2, lclc);
    }

    /** The 60 ordered triples of distinct motifs as index arrays, in lexicographic order. */
    public static List<int[]> triples(int motifs) {
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < motifs; a++) {
            for (int b = 0; b < motifs; b++) {
                for (int c = 0; c < motifs; c++) {
                    if (a != b && b != c && a != c) {
                        out.add(new int[] {a, b, c});
                    }
                }
            }
        }
        return out;
    }

    /** The composed systems of {@link #triples}. */
    public List<Trajectories> compositions() {
        List<Trajectories> motifs = motifs(new SplittableRandom(settings.seed() + 2));
        List<Trajectories> out = new ArrayList<>();
        for (int[] t : triples(motifs.size())) {
            out.add(Motifs.compose(List.of(motifs.get(t[0]), motifs.get(t[1]), motifs.get(t[2]))));
        }
        return out;
    }

    /** Test 3: 60×60 matrices, grouped by shared motifs (self-pairs excluded). */
    public Composition composition() {
        List<int[]> triples = triples(MOTIFS.size());
        List<String> names = new ArrayList<>();
        for (int[] t : triples) {
            names.add(MOTIFS.get(t[0]) + "-" + MOTIFS.get(t[1]) + "-" + MOTIFS.get(t[2]));
        }
        List<Trajectories> systems = compositions();
        BenchMetrics metrics = metricsAt(settings.variant().compositionRank());
        Map<String, double[][]> matrices = metrics.matrices(systems);
        Map<String, Grouping> unordered = new LinkedHashMap<>();
        Map<String, Grouping> withSelf = new LinkedHashMap<>();
        Map<String, Grouping> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : matrices.entrySet()) {
            unordered.put(e.getKey(), group(e.getValue(), triples, false, false));
            withSelf.put(e.getKey(), group(e.getValue(), triples, false, true));
            ordered.put(e.getKey(), group(e.getValue(), triples, true, false));
        }
        return new Composition(names, matrices, unordered, withSelf, ordered, metrics.capped(systems).dmd().rank());
    }

    /** Shared motifs of two triples: as sets, or by position. */
    public static int shared(int[] a, int[] b, boolean ordered) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (a[i] == b[j] && (!ordered || i == j)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Mean ± SEM per shared count over unordered pairs; {@code self}: the i = j pairs too. */
    static Grouping group(double[][] m, List<int[]> triples, boolean ordered, boolean self) {
        Map<Integer, List<Double>> groups = new java.util.TreeMap<>();
        for (int i = 0; i < m.length; i++) {
            for (int j = self ? i : i + 1; j < m.length; j++) {
                groups.computeIfAbsent(shared(triples.get(i), triples.get(j), ordered), k -> new ArrayList<>())
                        .add(m[i][j]);
            }
        }
        int g = groups.size();
        int[] shared = new int[g];
        double[] mean = new double[g];
        double[] sem = new double[g];
        int[] count = new int[g];
        double[] x = new double[g];
        int k = 0;
        for (Map.Entry<Integer, List<Double>> e : groups.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            shared[k] = e.getKey();
            x[k] = e.getKey();
            mean[k] = BenchStats.mean(v);
            sem[k] = BenchStats.sem(v);
            count[k] = v.length;
            k++;
        }
        return new Grouping(shared, mean, sem, count, BenchStats.linear(x, mean));
    }
}
