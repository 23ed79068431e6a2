package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.repal.core.attractor.Lorenz;
import org.repal.core.metric.Trajectories;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Npz;

/**
 * {@code repal compare} end to end: the real jar in a child process, inputs written as .npy files, stdout
 * parsed as JSON. Arrays are small (4 trials × 60 steps × 3 neurons) and DSA runs with few delays and a
 * small rank, so every process finishes in about a second.
 */
class CliCompareTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Fast DSA settings used by every run that computes DSA. */
    private static final List<String> FAST = List.of("--n-delays", "5", "--rank", "6");

    private static final int TRIALS = 4;
    private static final int STEPS = 60;
    private static final int NEURONS = 3;

    /** A fixed 3×3 orthogonal matrix (rows orthonormal; det +1). */
    private static final double[][] Q;

    static {
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        Q = new double[][] {{c, -s, 0}, {0.6 * s, 0.6 * c, 0.8}, {-0.8 * s, -0.8 * c, 0.6}};
    }

    @TempDir
    static Path dir;

    private static CliRunner cli;
    private static double[] xData;
    private static CliRunner.Result compareXY;

    @BeforeAll
    static void writeArrays() throws IOException {
        cli = new CliRunner(dir);
        Trajectories x = Lorenz.simulate(Lorenz.Params.classic(28), TRIALS, STEPS, 0.01, 200, 10, 1);
        Trajectories y = Lorenz.simulate(Lorenz.Params.classic(10), TRIALS, STEPS, 0.01, 200, 10, 2);
        Trajectories shorter = Lorenz.simulate(Lorenz.Params.classic(28), 3, 50, 0.01, 200, 10, 3);
        assertEquals(TRIALS, x.trials());
        assertEquals(STEPS, x.time());
        assertEquals(NEURONS, x.neurons());
        xData = x.data();
        writeNpy("X.npy", NpyArray.ofDoubles(xData, TRIALS, STEPS, NEURONS));
        writeNpy("Y.npy", NpyArray.ofDoubles(y.data(), TRIALS, STEPS, NEURONS));
        writeNpy("R.npy", NpyArray.ofDoubles(rotate(xData), TRIALS, STEPS, NEURONS));
        writeNpy("S.npy", NpyArray.ofDoubles(shorter.data(), 3, 50, NEURONS));

        float[] f = new float[xData.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) xData[i];
        }
        writeNpy("F32.npy", NpyArray.ofFloats(f, TRIALS, STEPS, NEURONS));
        double[] firstTrial = Arrays.copyOf(xData, STEPS * NEURONS);
        writeNpy("X2d.npy", NpyArray.ofDoubles(firstTrial, STEPS, NEURONS));
        writeNpy("X1.npy", NpyArray.ofDoubles(firstTrial, 1, STEPS, NEURONS));

        writeNpy("oned.npy", NpyArray.ofDoubles(firstTrial, STEPS * NEURONS));
        writeNpy("fourd.npy", NpyArray.ofDoubles(xData, 2, 2, STEPS, NEURONS));
        double[] nan = xData.clone();
        nan[17] = Double.NaN;
        writeNpy("nan.npy", NpyArray.ofDoubles(nan, TRIALS, STEPS, NEURONS));
        double[] inf = xData.clone();
        inf[101] = Double.POSITIVE_INFINITY;
        writeNpy("inf.npy", NpyArray.ofDoubles(inf, TRIALS, STEPS, NEURONS));
        int[] ints = new int[xData.length];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = (int) Math.round(xData[i]);
        }
        writeNpy("int32.npy", NpyArray.ofInts(ints, TRIALS, STEPS, NEURONS));
        Files.writeString(dir.resolve("text.npy"), "0.1 0.2 0.3\n0.4 0.5 0.6\n");
    }

    private static void writeNpy(String name, NpyArray array) throws IOException {
        Npy.write(array, dir.resolve(name));
    }

    /** Every sample's neuron vector multiplied by Q. */
    private static double[] rotate(double[] data) {
        double[] out = new double[data.length];
        for (int row = 0; row < data.length / NEURONS; row++) {
            for (int i = 0; i < NEURONS; i++) {
                double v = 0;
                for (int k = 0; k < NEURONS; k++) {
                    v += Q[i][k] * data[row * NEURONS + k];
                }
                out[row * NEURONS + i] = v;
            }
        }
        return out;
    }

    private static List<String> args(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static CliRunner.Result compare(List<String> options, String... files) {
        List<String> a = new ArrayList<>();
        a.add("compare");
        a.addAll(List.of(files));
        a.addAll(options);
        return cli.run(a);
    }

    /** {@code compare X.npy Y.npy} with all metrics, run once and shared by the tests that need it. */
    private static synchronized CliRunner.Result compareXY() {
        if (compareXY == null) {
            compareXY = compare(FAST, "X.npy", "Y.npy");
        }
        return compareXY;
    }

    /**
     * Asserts exit 0 and exactly one JSON object (one line) on stdout; returns it. Stderr is not checked on
     * success (a JVM or native library may warn there on some machines) but is shown when an assertion fails.
     */
    private static JsonNode success(CliRunner.Result r) {
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(1, r.stdout().strip().lines().count(), () -> "one line of JSON expected\n" + r.describe());
        try (JsonParser p = MAPPER.createParser(r.stdout())) {
            JsonNode node = MAPPER.readTree(p);
            assertNotNull(node, r::describe);
            assertTrue(node.isObject(), () -> "not a JSON object\n" + r.describe());
            assertEquals(null, p.nextToken(), () -> "trailing content after the JSON object\n" + r.describe());
            return node;
        } catch (IOException e) {
            throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n" + r.describe(), e);
        }
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static void assertHasKeys(JsonNode node, String... expected) {
        Set<String> keys = keys(node);
        for (String k : expected) {
            assertTrue(keys.contains(k), () -> "missing key '" + k + "' in " + node);
        }
    }

    /** A finite number (not null, not a string). */
    private static double number(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        assertNotNull(v, () -> "missing '" + field + "' in " + parent);
        assertTrue(v.isNumber(), () -> "'" + field + "' is not a number in " + parent);
        double d = v.doubleValue();
        assertTrue(Double.isFinite(d), () -> "'" + field + "' is not finite in " + parent);
        return d;
    }

    private static double[][] matrix(JsonNode m, int n) {
        assertTrue(m != null && m.isArray() && m.size() == n, () -> "expected a " + n + "x" + n + " matrix: " + m);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            JsonNode row = m.get(i);
            assertTrue(row.isArray() && row.size() == n, () -> "expected a " + n + "x" + n + " matrix: " + m);
            for (int j = 0; j < n; j++) {
                assertTrue(row.get(j).isNumber(), () -> "non-numeric entry in " + m);
                out[i][j] = row.get(j).doubleValue();
                assertTrue(Double.isFinite(out[i][j]), () -> "non-finite entry in " + m);
            }
        }
        return out;
    }

    private static void assertSymmetricZeroDiagonal(String name, double[][] m) {
        for (int i = 0; i < m.length; i++) {
            assertEquals(0.0, m[i][i], 0.0, name + "[" + i + "][" + i + "]");
            for (int j = 0; j < m.length; j++) {
                assertEquals(m[i][j], m[j][i], 0.0, name + " symmetric at " + i + "," + j);
                assertTrue(m[i][j] >= 0, name + " entries are distances: " + m[i][j]);
            }
        }
    }

    private static void assertMatrixEquals(double[][] expected, NpyArray actual, String name) {
        int n = expected.length;
        assertArrayEquals(new int[] {n, n}, actual.shape(), name + " shape");
        double[] flat = actual.toDoubleArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(expected[i][j], flat[i * n + j], 0.0, name + "[" + i + "][" + j + "]");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- 1

    @Test
    void allMetricsPrintOneJsonObjectWithEveryField() {
        JsonNode root = success(compareXY());
        assertEquals(Set.of("dsa", "procrustes", "cka"), keys(root), root::toString);

        JsonNode dsa = root.get("dsa");
        assertHasKeys(dsa, "score", "optimizer", "loss", "seconds");
        assertEquals("fast", dsa.get("optimizer").asText());
        double score = number(dsa, "score");
        assertTrue(score >= 0 && score <= Math.PI, "angular DSA score in [0, pi]: " + score);
        assertTrue(score > 1e-3, "different Lorenz regimes should not look identical: " + score);
        number(dsa, "loss");
        assertTrue(number(dsa, "seconds") >= 0);

        JsonNode p = root.get("procrustes");
        assertHasKeys(p, "angle", "dissimilarity");
        double angle = number(p, "angle");
        assertTrue(angle > 0 && angle <= Math.PI / 2, "angle " + angle);
        assertEquals(2 * angle / Math.PI, number(p, "dissimilarity"), 1e-12, "dissimilarity = 2*angle/pi");

        JsonNode c = root.get("cka");
        assertHasKeys(c, "cka", "cka_unbiased", "dissimilarity");
        double cka = number(c, "cka");
        assertTrue(cka >= 0 && cka <= 1, "cka " + cka);
        number(c, "cka_unbiased");
        assertEquals(2 * Math.acos(cka) / Math.PI, number(c, "dissimilarity"), 1e-9, "dissimilarity = 2*acos(cka)/pi");
    }

    // ---------------------------------------------------------------------------------------------- 2

    @Test
    void metricOptionSelectsOneMetric() {
        for (String metric : List.of("cka", "procrustes", "dsa")) {
            CliRunner.Result r = compare(args(FAST, "--metric", metric), "X.npy", "Y.npy");
            JsonNode root = success(r);
            assertEquals(Set.of(metric), keys(root), () -> "--metric " + metric + ": " + r.stdout());
        }
    }

    // ---------------------------------------------------------------------------------------------- 3

    @Test
    void rotatedCopyIsAtDistanceZero() {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = 0;
                for (int k = 0; k < 3; k++) {
                    dot += Q[i][k] * Q[j][k];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-15, "Q is orthogonal");
            }
        }
        JsonNode root = success(compare(FAST, "X.npy", "R.npy"));
        double angle = number(root.get("procrustes"), "angle");
        assertTrue(angle < 1e-6, "procrustes angle " + angle);
        double cka = number(root.get("cka"), "cka");
        assertTrue(cka > 1 - 1e-9, "cka " + cka);
        double dsa = number(root.get("dsa"), "score");
        assertTrue(dsa >= 0 && dsa < 1e-3, "dsa score " + dsa);
    }

    // ---------------------------------------------------------------------------------------------- 4

    @Test
    void float32InputIsAccepted() {
        JsonNode root = success(compare(FAST, "X.npy", "F32.npy"));
        // The same data rounded to float32: all three metrics see (almost) no difference.
        assertTrue(number(root.get("procrustes"), "angle") < 1e-5, root::toString);
        assertTrue(number(root.get("cka"), "cka") > 1 - 1e-9, root::toString);
        assertTrue(number(root.get("dsa"), "score") < 1e-3, root::toString);
    }

    @Test
    void twoDimensionalInputIsOneTrial() {
        // (time, neurons) against the same data shaped (1, time, neurons): same samples, so distance ~0.
        JsonNode root = success(compare(FAST, "X2d.npy", "X1.npy"));
        assertEquals(Set.of("dsa", "procrustes", "cka"), keys(root));
        assertTrue(number(root.get("procrustes"), "angle") < 1e-6, root::toString);
        assertTrue(number(root.get("cka"), "cka") > 1 - 1e-9, root::toString);
        assertTrue(number(root.get("dsa"), "score") < 1e-6, root::toString);
    }

    @Test
    void dsaAloneAcceptsDifferentTrialsAndTime() {
        JsonNode root = success(compare(args(FAST, "--metric", "dsa"), "X.npy", "S.npy"));
        assertEquals(Set.of("dsa"), keys(root));
        number(root.get("dsa"), "score");
    }

    // ---------------------------------------------------------------------------------------------- 5

    @Test
    void referenceOptimizer() {
        JsonNode dsa = success(compare(args(FAST, "--metric", "dsa", "--optimizer", "reference", "--iters", "200"),
                "X.npy", "Y.npy")).get("dsa");
        assertEquals("reference", dsa.get("optimizer").asText(), dsa::toString);
        double score = number(dsa, "score");
        assertTrue(score >= 0 && score <= Math.PI, "score " + score);
    }

    @Test
    void wassersteinScore() {
        JsonNode dsa = success(compare(args(FAST, "--metric", "dsa", "--score", "wasserstein"), "X.npy", "Y.npy"))
                .get("dsa");
        double score = number(dsa, "score");
        assertTrue(score >= 0, "score " + score);
        if (dsa.has("score_method")) {
            assertEquals("wasserstein", dsa.get("score_method").asText());
        }
    }

    @Test
    void euclideanScoreIsBetweenZeroAndTwo() {
        JsonNode dsa = success(compare(args(FAST, "--metric", "dsa", "--score", "euclidean"), "X.npy", "Y.npy"))
                .get("dsa");
        double score = number(dsa, "score");
        assertTrue(score >= 0 && score <= 2, "score " + score);
        assertTrue(score > 0, "different systems: " + score);
        if (dsa.has("score_method")) {
            assertEquals("euclidean", dsa.get("score_method").asText());
        }
    }

    // ---------------------------------------------------------------------------------------------- 6

    @Test
    void pairwiseMatricesAndNpz() throws IOException {
        CliRunner.Result r = compare(args(FAST, "--pairwise", "--out", "M.npz"), "X.npy", "Y.npy", "R.npy");
        JsonNode root = success(r);
        assertHasKeys(root, "names", "dsa", "procrustes", "cka");
        assertEquals(List.of("X", "Y", "R"), MAPPER.convertValue(root.get("names"), List.class));

        Path npz = dir.resolve("M.npz");
        assertTrue(Files.isRegularFile(npz), "M.npz written");
        Map<String, NpyArray> saved = Npz.read(npz);
        assertEquals(Set.of("dsa", "procrustes", "cka"), saved.keySet());
        for (String metric : List.of("dsa", "procrustes", "cka")) {
            double[][] m = matrix(root.get(metric), 3);
            assertSymmetricZeroDiagonal(metric, m);
            assertMatrixEquals(m, saved.get(metric), "M.npz:" + metric);
            // X and R (rotated X) are equivalent; Y is a different regime.
            assertTrue(m[0][2] < 1e-3, metric + "[X][R] = " + m[0][2]);
            assertTrue(m[0][1] > 1e-3, metric + "[X][Y] = " + m[0][1]);
        }
        // The pairwise entries are the same numbers as the two-file comparison reports.
        JsonNode pair = success(compareXY());
        assertEquals(pair.get("dsa").get("score").doubleValue(), root.get("dsa").get(0).get(1).doubleValue(), 1e-12);
        assertEquals(pair.get("procrustes").get("dissimilarity").doubleValue(),
                root.get("procrustes").get(0).get(1).doubleValue(), 1e-12);
        assertEquals(pair.get("cka").get("dissimilarity").doubleValue(),
                root.get("cka").get(0).get(1).doubleValue(), 1e-12);
    }

    @Test
    void pairwiseSingleMetricWritesNpy() throws IOException {
        CliRunner.Result r = compare(args(FAST, "--pairwise", "--metric", "dsa", "--out", "D.npy"),
                "X.npy", "Y.npy", "R.npy");
        JsonNode root = success(r);
        assertHasKeys(root, "names", "dsa");
        assertFalse(root.has("procrustes") || root.has("cka"), root::toString);
        double[][] m = matrix(root.get("dsa"), 3);
        assertSymmetricZeroDiagonal("dsa", m);
        Path npy = dir.resolve("D.npy");
        assertTrue(Files.isRegularFile(npy), "D.npy written");
        NpyArray saved = Npy.read(npy);
        assertMatrixEquals(m, saved, "D.npy");
    }

    // ---------------------------------------------------------------------------------------------- 7

    /** label, command-line arguments after "compare", words stderr must contain (case-insensitive). */
    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("missing file", List.of("X.npy", "missing.npy"), "missing.npy", "no such file"),
                bad("not NumPy (text)", List.of("text.npy", "X.npy"), "text.npy", "numpy"),
                bad("1-D array", List.of("X.npy", "oned.npy"), "oned.npy", "dimension"),
                bad("4-D array", List.of("fourd.npy", "X.npy"), "fourd.npy", "dimension"),
                bad("NaN", List.of("X.npy", "nan.npy"), "nan.npy", "nan"),
                bad("Inf", List.of("inf.npy", "X.npy"), "inf.npy", "inf"),
                bad("int32", List.of("X.npy", "int32.npy"), "int32.npy", "int32"),
                bad("(trials, time) mismatch, procrustes", List.of("X.npy", "S.npy", "--metric", "procrustes"),
                        "S.npy", "trials", "time"),
                bad("(trials, time) mismatch, cka", List.of("X.npy", "S.npy", "--metric", "cka"),
                        "S.npy", "trials", "time"),
                bad("too short for the delays", List.of("X.npy", "Y.npy", "--n-delays", "60"),
                        "X.npy", "short", "60"),
                bad("rank too large", List.of("X.npy", "Y.npy", "--n-delays", "5", "--rank", "1000"),
                        "X.npy", "rank", "1000"),
                bad("unknown optimizer", args(FAST, "X.npy", "Y.npy", "--optimizer", "bogus"),
                        "--optimizer", "bogus"),
                bad("unknown score", args(FAST, "X.npy", "Y.npy", "--score", "bogus"), "score", "bogus"),
                bad("one file without --pairwise", List.of("X.npy"), "2 files", "--pairwise"));
    }

    private static Arguments bad(String label, List<String> args, String... mustContain) {
        return Arguments.of(label, args, List.of(mustContain));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputExitsWithTwoAndOneLine(String label, List<String> args, List<String> mustContain) {
        List<String> a = new ArrayList<>();
        a.add("compare");
        a.addAll(args);
        assertBadInput(cli.run(a), mustContain);
    }

    private static void assertBadInput(CliRunner.Result r, List<String> mustContain) {
        assertEquals(2, r.exitCode(), r::describe);
        assertEquals("", r.stdout(), () -> "stdout must be empty\n" + r.describe());
        List<String> lines = r.stderr().lines().toList();
        assertEquals(1, lines.size(), () -> "exactly one line on stderr\n" + r.describe());
        String line = lines.get(0).toLowerCase(Locale.ROOT);
        assertFalse(line.isBlank(), r::describe);
        for (String word : mustContain) {
            assertTrue(line.contains(word.toLowerCase(Locale.ROOT)),
                    () -> "stderr should mention '" + word + "'\n" + r.describe());
        }
    }

    @Test
    void npyOutWithAllMetricsFailsAndLeavesNoFile(@TempDir Path outDir) throws IOException {
        CliRunner inOutDir = new CliRunner(outDir);
        List<String> a = new ArrayList<>(List.of("compare", "--pairwise",
                dir.resolve("X.npy").toString(), dir.resolve("Y.npy").toString(), dir.resolve("R.npy").toString(),
                "--out", "M.npy"));
        a.addAll(FAST);
        assertBadInput(inOutDir.run(a), List.of("--out", "M.npy", ".npz"));
        try (Stream<Path> left = Files.list(outDir)) {
            List<Path> files = left.toList();
            assertTrue(files.isEmpty(), "nothing may be left behind, found " + files);
        }
    }

    // ---------------------------------------------------------------------------------------------- 8

    @Test
    void sameCommandGivesSameNumbers() {
        JsonNode first = success(compareXY());
        JsonNode second = success(compare(FAST, "X.npy", "Y.npy"));
        for (String metric : List.of("dsa", "procrustes", "cka")) {
            JsonNode a = first.get(metric);
            JsonNode b = second.get(metric);
            assertEquals(keys(a), keys(b), metric);
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!field.equals("seconds")) {
                    assertEquals(a.get(field), b.get(field), () -> metric + "." + field + " differs: " + a + " vs " + b);
                }
            }
        }
        assertEquals(keys(first), keys(second));
    }
}
