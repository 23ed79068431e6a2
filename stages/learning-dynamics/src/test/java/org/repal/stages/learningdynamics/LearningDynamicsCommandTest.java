package org.repal.stages.learningdynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.analysis.QuartileBins;
import org.repal.core.analysis.NumpyCheck;
import org.repal.core.analysis.TinyStudy;
import org.repal.core.analysis.TinyStudyStage;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;
import org.repal.core.train.TrainingConfig;

/**
 * The stage end to end on the tiny study (core test-jar) plus runs of other lengths, so that both orders of
 * checkpoint counts occur: RNN master 2 train checkpoints, master_frozen an identical copy, pretrain_frozen 2,
 * pretrain_unfrozen 3 (longer than master), pretrain_basic_frozen 1 (shorter); Mamba master 1, pretrain_frozen 2
 * (longer: the reference's Mamba version crashed there).
 */
class LearningDynamicsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FAST = {"--n-delays", "5", "--delay-interval", "2", "--rank", "12", "--no-progress"};
    private static final String TASK = "AntiPerceptualDecisionMakingDelayResponse";

    @TempDir
    static Path shared;
    static TinyStudy study;
    static TinyStudyStage stage;
    static Path full;
    static String fullStdout;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        study = TinyStudy.build(shared);
        stage = new TinyStudyStage(LearningDynamicsCommand::new, study);
        study.train("pretrain_unfrozen", TrainingConfig.reference(TinyStudy.rnn(), 0.01, 16).withEpochs(3).withSeed(4));
        study.train("pretrain_basic_frozen", TrainingConfig.reference(TinyStudy.rnn(), 0.01, 16).withEpochs(1).withSeed(5));
        study.train("pretrain_frozen", TrainingConfig.reference(TinyStudy.mamba(), 0.01, 16).withEpochs(2).withSeed(3));
        full = shared.resolve("full");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, stage.run(out, err, stage.args(full, "--threads", "2")), err.toString());
        fullStdout = out.toString();
    }

    private static double[] vector(String arch, String config, String group, String name) throws IOException {
        return Npy.read(full.resolve("over_learning/" + arch + "/" + config + "/" + group + "/" + name + ".npy"))
                .toDoubleArray();
    }

    private static double[][] within(String arch, String config, String group, String metric) throws IOException {
        NpyArray a = Npy.read(full.resolve("within_learning/" + arch + "/" + config + "/" + group + "/" + metric + ".npy"));
        assertArrayEquals(new int[] {4, 4}, a.shape());
        double[] v = a.toDoubleArray();
        double[][] m = new double[4][4];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(v, 4 * i, m[i], 0, 4);
        }
        return m;
    }

    private static JsonNode overSummary(String arch, String group) throws IOException {
        for (JsonNode c : JSON.readTree(full.resolve("summary.json").toFile()).get("configs")) {
            if (c.get("arch").asText().equals(arch)) {
                for (JsonNode o : c.get("over_learning")) {
                    if (o.get("group").asText().equals(group)) {
                        return o;
                    }
                }
            }
        }
        throw new AssertionError("no over_learning entry for " + arch + "/" + group);
    }

    /** Logged train-phase accuracies of the analysis task, by epoch. */
    private static List<Double> logged(String group, String config) throws IOException {
        List<Double> out = new ArrayList<>();
        for (JsonNode e : JSON.readTree(study.models.resolve(group + "/" + config + "/log.json").toFile()).get("epochs")) {
            if (e.get("phase").asText().equals("train")) {
                out.add(e.at("/accuracy/" + TASK).asDouble());
            }
        }
        return out;
    }

    @Test
    void eachSnapshotIsFittedOnceAndOnlyDsaDependsOnTheBasis() throws Exception {
        JsonNode own = JSON.readTree(fullStdout);
        assertEquals("own", own.get("dsa_basis").asText());
        assertEquals("own", JSON.readTree(full.resolve("summary.json").toFile()).at("/dsa/basis").asText());
        // every recorded snapshot but untrained's (compared with nothing) fitted once, master's shared by its
        // config's over- and within-learning series; the pair basis fits 2 per pair
        int recorded = own.get("activity_recorded").asInt();
        assertEquals(recorded - 2, own.get("dsa_fits").asInt(), fullStdout);
        assertTrue(own.get("dsa_fits").asInt() < own.get("pairs").asInt(), fullStdout);
        Path pair = dir.resolve("pair");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, stage.run(out, err, stage.args(pair, "--dsa-basis", "pair")), err.toString());
        assertEquals("pair", JSON.readTree(out.toString()).get("dsa_basis").asText());
        assertEquals("pair", JSON.readTree(pair.resolve("summary.json").toFile()).at("/dsa/basis").asText());
        int compared = 0;
        for (String g : List.of("master", "pretrain_frozen", "pretrain_unfrozen", "pretrain_basic_frozen")) {
            for (String m : List.of("procrustes", "cka")) {
                String f = "over_learning/rnn/" + TinyStudy.RNN + "/" + g + "/" + m + ".npy";
                assertArrayEquals(Npy.read(pair.resolve(f)).toDoubleArray(), Npy.read(full.resolve(f)).toDoubleArray(),
                        1e-9, f);
                compared++;
            }
        }
        for (String m : List.of("procrustes", "cka")) {
            String f = "within_learning/mamba/" + TinyStudy.MAMBA + "/master/" + m + ".npy";
            assertArrayEquals(Npy.read(pair.resolve(f)).toDoubleArray(), Npy.read(full.resolve(f)).toDoubleArray(), 1e-9,
                    f);
        }
        assertEquals(8, compared);
        // a snapshot against itself (master vs master, step 0): one fit aligned with itself
        assertEquals(0.0, vector("rnn", TinyStudy.RNN, "master", "dsa")[0], 1e-12);
    }

    @Test
    void seriesHoldStepZeroPlusMinCheckpointsInEitherOrderOfLengths() throws Exception {
        // pretrain_unfrozen (3) vs master (2): map(2, 3) = [0, 2]; the last pair is kept.
        JsonNode pu = overSummary("rnn", "pretrain_unfrozen");
        assertEquals("[[\"pretrained\",\"initial\"],[\"train_epoch_0\",\"train_epoch_0\"],"
                + "[\"train_epoch_2\",\"train_epoch_1\"]]", pu.get("aligned").toString());
        assertArrayEquals(new double[] {0, 0.5, 1}, vector("rnn", TinyStudy.RNN, "pretrain_unfrozen", "fraction"), 0);
        // pretrain_basic_frozen (1) vs master (2): map(1, 2) = [0].
        assertEquals("[[\"pretrained\",\"initial\"],[\"train_epoch_0\",\"train_epoch_0\"]]",
                overSummary("rnn", "pretrain_basic_frozen").get("aligned").toString());
        assertArrayEquals(new double[] {0, 1}, vector("rnn", TinyStudy.RNN, "pretrain_basic_frozen", "fraction"), 0);
        // Mamba pretrain_frozen (2) vs master (1): the longer series first.
        assertEquals("[[\"pretrained\",\"initial\"],[\"train_epoch_0\",\"train_epoch_0\"]]",
                overSummary("mamba", "pretrain_frozen").get("aligned").toString());
        assertEquals(2, vector("mamba", TinyStudy.MAMBA, "pretrain_frozen", "dsa").length);
        // Groups without pretraining start from the initial weights; untrained has no series.
        assertEquals("[\"initial\",\"initial\"]", overSummary("rnn", "master_frozen").get("aligned").get(0).toString());
        assertFalse(Files.exists(full.resolve("over_learning/rnn/" + TinyStudy.RNN + "/untrained")));
        for (String g : List.of("master", "master_frozen", "pretrain_frozen", "pretrain_unfrozen", "pretrain_basic_frozen")) {
            for (String m : List.of("fraction", "dsa", "procrustes", "cka", "accuracy1", "accuracy2")) {
                double[] v = vector("rnn", TinyStudy.RNN, g, m);
                assertEquals(overSummary("rnn", g).get("pairs").asInt(), v.length, g + " " + m);
                for (double x : v) {
                    assertTrue(Double.isFinite(x), g + " " + m + " has " + x);
                }
            }
        }
    }

    @Test
    void identicalSeriesAreZeroAtEveryStepAndOthersAreNot() throws Exception {
        for (String g : List.of("master", "master_frozen")) { // master_frozen is a copy of master
            double[] dsa = vector("rnn", TinyStudy.RNN, g, "dsa");
            assertEquals(3, dsa.length);
            for (int k = 0; k < dsa.length; k++) {
                assertTrue(dsa[k] < 1e-6, g + " DSA step " + k + ": " + dsa[k]);
                assertEquals(0, vector("rnn", TinyStudy.RNN, g, "procrustes")[k], 1e-7, g + " Procrustes " + k);
                assertEquals(0, vector("rnn", TinyStudy.RNN, g, "cka")[k], 1e-7, g + " CKA " + k);
            }
            assertArrayEquals(vector("rnn", TinyStudy.RNN, g, "accuracy1"), vector("rnn", TinyStudy.RNN, g, "accuracy2"), 0);
        }
        double[] mamba = vector("mamba", TinyStudy.MAMBA, "master", "dsa");
        for (double v : mamba) {
            assertTrue(v < 1e-6, "Mamba master vs master DSA " + v);
        }
        double[] pf = vector("rnn", TinyStudy.RNN, "pretrain_frozen", "procrustes");
        assertTrue(pf[0] > 1e-3, "pretrained vs initial weights " + pf[0]);
    }

    @Test
    void accuraciesAreLoggedPerEpochAndMeasuredAtStepZero() throws Exception {
        List<Double> master = logged("master", TinyStudy.RNN);
        List<Double> pu = logged("pretrain_unfrozen", TinyStudy.RNN);
        double[] a1 = vector("rnn", TinyStudy.RNN, "pretrain_unfrozen", "accuracy1");
        double[] a2 = vector("rnn", TinyStudy.RNN, "pretrain_unfrozen", "accuracy2");
        assertEquals(pu.get(0), a1[1], 0);
        assertEquals(pu.get(2), a1[2], 0);
        assertEquals(master.get(0), a2[1], 0);
        assertEquals(master.get(1), a2[2], 0);
        assertTrue(a1[0] >= 0 && a1[0] <= 1 && a2[0] >= 0 && a2[0] <= 1, a1[0] + " " + a2[0]);
        // Bin accuracy = the mean of the bin's own snapshots: pretrain_unfrozen has 4 bins of one snapshot each.
        double[] bins = Npy.read(full.resolve("within_learning/rnn/" + TinyStudy.RNN + "/pretrain_unfrozen/accuracy.npy"))
                .toDoubleArray();
        assertEquals(a1[0], bins[0], 0); // the pretrained weights, measured
        assertEquals(pu.get(0), bins[1], 0);
        assertEquals(pu.get(1), bins[2], 0);
        assertEquals(pu.get(2), bins[3], 0);
    }

    @Test
    void withinLearningMatricesAreSymmetricAndDefinedWithBorrowedBins() throws Exception {
        // Snapshots: pretrain_frozen 1 + 2 → own bins (0,1,1,1); pretrain_unfrozen 1 + 3 → (1,1,1,1);
        // master 2 → (0,1,0,1); untrained its one snapshot → (0,0,0,1). Empty ranges borrow the snapshot at their edge.
        Map<String, Integer> lengths = Map.of("pretrain_frozen", 3, "pretrain_unfrozen", 4, "master", 2, "untrained", 1);
        JsonNode summary = JSON.readTree(full.resolve("summary.json").toFile());
        for (Map.Entry<String, Integer> e : lengths.entrySet()) {
            int[][] members = QuartileBins.members(e.getValue());
            for (String metric : List.of("dsa", "procrustes", "cka")) {
                double[][] m = within("rnn", TinyStudy.RNN, e.getKey(), metric);
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        String where = e.getKey() + " " + metric + " [" + i + "," + j + "]";
                        assertTrue(Double.isFinite(m[i][j]) && m[i][j] >= 0, where + " = " + m[i][j]);
                        assertEquals(m[i][j], m[j][i], 0, where);
                        if (members[i].length == 1 && members[j].length == 1 && members[i][0] == members[j][0]) {
                            assertEquals(0, m[i][j], 0, where + ": one snapshot with itself");
                        }
                    }
                }
            }
            double[] acc = Npy.read(full.resolve("within_learning/rnn/" + TinyStudy.RNN + "/" + e.getKey()
                    + "/accuracy.npy")).toDoubleArray();
            for (int i = 0; i < 4; i++) {
                assertTrue(Double.isFinite(acc[i]), e.getKey() + " accuracy " + i);
            }
        }
        double[][] untrained = within("rnn", TinyStudy.RNN, "untrained", "dsa");
        for (double[] row : untrained) {
            assertArrayEquals(new double[4], row, 0, "a model that never trained does not change");
        }
        double[][] master = within("rnn", TinyStudy.RNN, "master", "procrustes");
        assertTrue(master[0][3] > 1e-3, "first vs last checkpoint " + master[0][3]);
        assertEquals(master[0][3], master[1][2], 0, "bins 0, 1 hold checkpoint 0 and bins 2, 3 checkpoint 1");
        double[][] pu = within("rnn", TinyStudy.RNN, "pretrain_unfrozen", "procrustes");
        assertTrue(pu[0][3] > 1e-3, "pretrained vs last checkpoint " + pu[0][3]);
        JsonNode pf = summary.at("/configs/0/within_learning/0");
        assertEquals("pretrain_frozen", pf.get("group").asText());
        assertEquals("[0,1,1,1]", pf.get("bin_sizes").toString());
        assertEquals("[true,false,false,false]", pf.get("bin_borrowed").toString());
        assertTrue(Files.exists(full.resolve("within_learning/mamba/" + TinyStudy.MAMBA + "/pretrain_frozen/dsa.npy")));
    }

    @Test
    void csvsAreTidyAndNanFree() throws Exception {
        List<String> over = Files.readAllLines(full.resolve("over_learning.csv"));
        assertEquals("arch,config,group,fraction,metric,value,accuracy1,accuracy2", over.get(0));
        // RNN: 3 + 3 + 3 + 3 + 2 pairs, Mamba: 2 + 2; three metrics each.
        assertEquals(1 + 3 * (14 + 4), over.size());
        List<String> within = Files.readAllLines(full.resolve("within_learning.csv"));
        assertEquals("arch,config,group,bin1,bin2,metric,value,accuracy1,accuracy2", within.get(0));
        for (String line : over.subList(1, over.size())) {
            assertEquals(8, line.split(",").length, line);
            assertFalse(line.contains("NaN"), line);
        }
        for (String line : within.subList(1, within.size())) {
            assertEquals(9, line.split(",").length, line);
            assertFalse(line.contains("NaN"), line);
        }
        JsonNode manifest = JSON.readTree(full.resolve("manifest.json").toFile());
        assertEquals("learning-dynamics", manifest.get("stage").asText());
        JsonNode line = JSON.readTree(fullStdout);
        assertEquals(2, line.get("configs").asInt());
        assertEquals(7, line.get("over_learning").asInt());
        assertEquals(7, line.get("within_learning").asInt());
    }

    @Test
    void rerunReusesActivityAndWritesTheSameBytes() throws Exception {
        Map<String, byte[]> before = TinyStudyStage.files(full);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, stage.run(out, err, stage.args(full, "--threads", "1")), err.toString());
        JsonNode line = JSON.readTree(out.toString());
        assertEquals(0, line.get("activity_recorded").asInt());
        int first = JSON.readTree(fullStdout).get("activity_recorded").asInt();
        assertEquals(first, line.get("activity_reused").asInt(), "each (model, snapshot) once");
        JsonNode manifest = JSON.readTree(full.resolve("manifest.json").toFile());
        assertEquals(2 * first, manifest.get("activity").size());
        Map<String, byte[]> after = TinyStudyStage.files(full);
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) {
            assertArrayEquals(before.get(k), after.get(k), k + " differs on rerun (1 thread instead of 2)");
        }
    }

    @Test
    void outputsAreReadableByNumpy() throws Exception {
        NumpyCheck.assumeAvailable();
        String script = """
                import sys, csv, glob, numpy as np
                root = sys.argv[1]
                n = 0
                for d in glob.glob(f"{root}/over_learning/*/*/*/"):
                    f = np.load(d + "fraction.npy")
                    assert f[0] == 0 and f[-1] in (0, 1) and np.all(np.diff(f) > 0), f
                    for m in ("dsa", "procrustes", "cka", "accuracy1", "accuracy2"):
                        a = np.load(d + m + ".npy")
                        assert a.dtype == np.float64 and a.shape == f.shape and np.all(np.isfinite(a)), (d, m)
                    n += 1
                for d in glob.glob(f"{root}/within_learning/*/*/*/"):
                    for m in ("dsa", "procrustes", "cka"):
                        a = np.load(d + m + ".npy")
                        ok = ~np.isnan(a)
                        assert a.shape == (4, 4) and np.array_equal(ok, ok.T) and np.array_equal(a[ok], a.T[ok])
                    n += 1
                for name in ("over_learning.csv", "within_learning.csv"):
                    rows = list(csv.DictReader(open(f"{root}/{name}")))
                    assert rows and all(np.isfinite(float(r["value"])) for r in rows)
                print(n)
                """;
        String out = NumpyCheck.runScript(dir, script, full.toString());
        assertEquals(14, Integer.parseInt(out.trim()), out);
    }

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing() throws Exception {
        Path out = dir.resolve("never");
        String data = study.data.toString();
        String models = study.models.toString();
        String[][] cases = {
                {"--data", data, "--models", dir.resolve("no-models").toString(), "--out", out.toString()},
                {"--data", dir.resolve("no-data").toString(), "--models", models, "--out", out.toString()},
                {"--data", data, "--models", models, "--configs", "leaky_rnn_relu_9_0.1_1_kaiming", "--out", out.toString()},
                {"--data", data, "--models", models, "--rank", "0", "--out", out.toString()},
                {"--data", data, "--models", models, "--pca-components", "-3", "--out", out.toString()},
                {"--data", data, "--models", models, "--trials", "x", "--out", out.toString()},
                {"--data", study.models.toString(), "--models", models, "--out", out.toString()},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            StringWriter stdout = new StringWriter();
            assertEquals(2, stage.run(stdout, err, c), String.join(" ", c) + "\n" + err);
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("learning-dynamics: "), err.toString());
            assertEquals("", stdout.toString());
            assertFalse(Files.exists(out), "wrote " + out + " for " + String.join(" ", c));
            assertFalse(Files.exists(dir.resolve("no-models")) || Files.exists(dir.resolve("no-data")));
        }
    }
}
