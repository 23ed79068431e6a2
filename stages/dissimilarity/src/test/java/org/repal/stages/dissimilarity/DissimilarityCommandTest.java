package org.repal.stages.dissimilarity;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.analysis.NumpyCheck;
import org.repal.core.analysis.TinyStudy;
import org.repal.core.analysis.TinyStudyStage;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;

/** The stage end to end on a tiny study trained with the real trainer (see {@link TinyStudy}). */
class DissimilarityCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> G = AnalysisGroups.ORDER;

    @TempDir
    static Path shared;
    static TinyStudy study;
    static TinyStudyStage stage;
    /** One full run (both configs, RNN vs Mamba, 2 threads), reused by several tests. */
    static Path full;
    static String fullStdout;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        study = TinyStudy.build(shared);
        stage = new TinyStudyStage(DissimilarityCommand::new, study);
        full = shared.resolve("full");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = stage.run(out, err, stage.args(full, "--rnn-vs-mamba", "--threads", "2"));
        assertEquals(0, code, err.toString());
        fullStdout = out.toString();
    }

    private static double[][] matrix(Path file) throws IOException {
        NpyArray a = Npy.read(file);
        assertArrayEquals(new int[] {10, 10}, a.shape(), file.toString());
        double[] v = a.toDoubleArray();
        double[][] m = new double[10][10];
        for (int i = 0; i < 10; i++) {
            System.arraycopy(v, i * 10, m[i], 0, 10);
        }
        return m;
    }

    @Test
    void groupMatricesAreSymmetricWithZeroDiagonalAndNanForAbsentGroups() throws Exception {
        List<Integer> present = List.of(G.indexOf("untrained"), G.indexOf("master_frozen"), G.indexOf("master"),
                G.indexOf("pretrain_frozen"));
        for (String metric : List.of("dsa", "procrustes", "cka")) {
            double[][] m = matrix(full.resolve("rnn/" + TinyStudy.RNN + "/" + metric + ".npy"));
            for (int i = 0; i < 10; i++) {
                for (int j = 0; j < 10; j++) {
                    boolean both = present.contains(i) && present.contains(j);
                    assertEquals(both, !Double.isNaN(m[i][j]), metric + " [" + i + "," + j + "]");
                    if (both) {
                        assertEquals(m[i][j], m[j][i], 0.0, metric + " symmetric");
                        assertTrue(m[i][j] >= 0, metric);
                    }
                }
                if (present.contains(i)) {
                    assertEquals(0.0, m[i][i], 0.0, metric + " diagonal");
                }
            }
            // master_frozen is a copy of master: identical models.
            double same = m[G.indexOf("master")][G.indexOf("master_frozen")];
            if (metric.equals("dsa")) {
                assertTrue(same < 1e-6, "DSA of identical models " + same);
            } else {
                assertEquals(0.0, same, 1e-7, metric + " of identical models");
            }
            assertTrue(m[G.indexOf("master")][G.indexOf("untrained")] > 1e-3, metric + " master vs untrained");
            assertTrue(m[G.indexOf("master")][G.indexOf("pretrain_frozen")] > 1e-3, metric + " master vs pretrain");
        }
        double[][] mamba = matrix(full.resolve("mamba/" + TinyStudy.MAMBA + "/dsa.npy"));
        assertTrue(mamba[0][2] > 0 && mamba[0][2] == mamba[2][0]);
        assertTrue(Double.isNaN(mamba[1][2]) && Double.isNaN(mamba[1][1]));
    }

    @Test
    void accuracyIsLoggedForTrainedGroupsAndMeasuredForUntrained() throws Exception {
        double[] acc = Npy.read(full.resolve("rnn/" + TinyStudy.RNN + "/accuracy.npy")).toDoubleArray();
        assertEquals(10, acc.length);
        JsonNode log = JSON.readTree(study.models.resolve("master/" + TinyStudy.RNN + "/log.json").toFile());
        JsonNode epochs = log.get("epochs");
        double last = epochs.get(epochs.size() - 1).at("/accuracy/AntiPerceptualDecisionMakingDelayResponse").asDouble();
        assertEquals(last, acc[G.indexOf("master")], 0.0);
        assertEquals(last, acc[G.indexOf("master_frozen")], 0.0);
        double untrained = acc[G.indexOf("untrained")];
        assertTrue(untrained >= 0 && untrained <= 1, "untrained accuracy " + untrained);
        assertTrue(Double.isNaN(acc[G.indexOf("pretrain_unfrozen")]));
        JsonNode summary = JSON.readTree(full.resolve("summary.json").toFile());
        assertEquals(untrained, summary.at("/configs/0/accuracy/untrained").asDouble(), 0.0);
        assertTrue(summary.at("/configs/0/accuracy/pretrain_unfrozen").isNull());
    }

    @Test
    void rnnVsMambaIsAFullMatrixAndTheCsvIsTidy() throws Exception {
        Path cross = full.resolve("rnn_vs_mamba/" + TinyStudy.RNN + "__" + TinyStudy.MAMBA);
        double[][] m = matrix(cross.resolve("dsa.npy"));
        int rows = 0;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                boolean both = List.of(0, 1, 2, 8).contains(i) && List.of(0, 2).contains(j);
                assertEquals(both, !Double.isNaN(m[i][j]), "[" + i + "," + j + "]");
                rows += both ? 1 : 0;
            }
        }
        assertTrue(m[2][2] > 0, "RNN master vs Mamba master");
        List<String> csv = Files.readAllLines(full.resolve("dissimilarity.csv"));
        assertEquals("arch1,config1,group1,arch2,config2,group2,metric,value,accuracy1,accuracy2", csv.get(0));
        // RNN: C(4,2) pairs, Mamba: 1 pair, cross: 8 pairs; 3 metrics each.
        assertEquals(1 + 3 * (6 + 1 + rows), csv.size());
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            assertEquals(10, f.length, line);
            assertFalse(f[7].equals("NaN") || f[8].equals("NaN") || f[9].equals("NaN"), line);
        }
        JsonNode stdout = JSON.readTree(fullStdout);
        assertEquals(2, stdout.get("configs").asInt());
        assertEquals(1, stdout.get("rnn_vs_mamba").asInt());
        JsonNode summary = JSON.readTree(full.resolve("summary.json").toFile());
        assertEquals(12, summary.at("/configs/0/dsa_used/rank_max").asInt());
        assertEquals(G.size(), summary.get("groups").size());
        JsonNode manifest = JSON.readTree(full.resolve("manifest.json").toFile());
        assertEquals(4 + 4 + 3 + 2, manifest.get("files").size()); // 2 × (3 + accuracy), cross 3, csv, summary
        assertEquals(2 * (4 + 2), manifest.get("activity").size()); // 6 models × (.npy, .json)
    }

    @Test
    void theDsaBasisIsRecordedAndOnlyDsaDependsOnIt() throws Exception {
        JsonNode own = JSON.readTree(fullStdout);
        assertEquals("own", own.get("dsa_basis").asText());
        // one fit per activity (4 RNN groups, 2 Mamba groups), shared by the group matrices and RNN vs Mamba
        assertEquals(6, own.get("dsa_fits").asInt());
        assertEquals("own", JSON.readTree(full.resolve("summary.json").toFile()).at("/dsa/basis").asText());
        assertEquals("own", JSON.readTree(full.resolve("manifest.json").toFile()).at("/dsa/basis").asText(),
                Files.readString(full.resolve("manifest.json")));
        Path pair = dir.resolve("pair");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, stage.run(out, err, stage.args(pair, "--rnn-vs-mamba", "--dsa-basis", "pair")), err.toString());
        assertEquals("pair", JSON.readTree(out.toString()).get("dsa_basis").asText());
        assertFalse(JSON.readTree(out.toString()).has("dsa_fits"));
        assertEquals("pair", JSON.readTree(pair.resolve("summary.json").toFile()).at("/dsa/basis").asText());
        for (String dirName : List.of("rnn/" + TinyStudy.RNN, "mamba/" + TinyStudy.MAMBA,
                "rnn_vs_mamba/" + TinyStudy.RNN + "__" + TinyStudy.MAMBA)) {
            for (String metric : List.of("procrustes", "cka")) {
                double[][] a = matrix(full.resolve(dirName + "/" + metric + ".npy"));
                double[][] b = matrix(pair.resolve(dirName + "/" + metric + ".npy"));
                for (int i = 0; i < 10; i++) {
                    assertArrayEquals(a[i], b[i], 1e-9, dirName + " " + metric);
                }
            }
            double[][] a = matrix(full.resolve(dirName + "/dsa.npy"));
            double[][] b = matrix(pair.resolve(dirName + "/dsa.npy"));
            double diff = 0;
            for (int i = 0; i < 10; i++) {
                for (int j = 0; j < 10; j++) {
                    assertEquals(Double.isNaN(a[i][j]), Double.isNaN(b[i][j]));
                    diff = Math.max(diff, Double.isNaN(a[i][j]) ? 0 : Math.abs(a[i][j] - b[i][j]));
                }
            }
            if (dirName.startsWith("rnn/")) {
                // 8 units, 20 components: both bases keep every component, i.e. rotate the same z-scored units,
                // which DSA does not see
                assertTrue(diff < 1e-6, dirName + ": own and pair differ by " + diff);
            } else {
                // the Mamba's own PCA keeps 20 of its units; the pair basis reduces it to the RNN's 8 first
                assertTrue(diff > 1e-3, dirName + ": the bases keep different subspaces, yet differ by " + diff);
            }
        }
        double[][] pairDsa = matrix(pair.resolve("rnn/" + TinyStudy.RNN + "/dsa.npy"));
        assertTrue(pairDsa[G.indexOf("master")][G.indexOf("master_frozen")] < 1e-6);
    }

    @Test
    void crossOnlyWritesTheSameRnnVsMambaMatricesAndNoGroupMatrices() throws Exception {
        Path only = dir.resolve("cross-only");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, stage.run(out, err, stage.args(only, "--rnn-vs-mamba", "--no-group-matrices")), err.toString());
        String cross = "rnn_vs_mamba/" + TinyStudy.RNN + "__" + TinyStudy.MAMBA + "/";
        for (String metric : List.of("dsa", "procrustes", "cka")) {
            assertArrayEquals(Files.readAllBytes(full.resolve(cross + metric + ".npy")),
                    Files.readAllBytes(only.resolve(cross + metric + ".npy")), metric);
        }
        assertFalse(Files.exists(only.resolve("rnn")), "no group matrices");
        assertFalse(Files.exists(only.resolve("mamba")), "no group matrices");
        List<String> csv = Files.readAllLines(only.resolve("dissimilarity.csv"));
        assertTrue(csv.subList(1, csv.size()).stream().allMatch(l -> l.startsWith("rnn,") && l.contains(",mamba,")));
        StringWriter err2 = new StringWriter();
        assertEquals(2, stage.run(new StringWriter(), err2, stage.args(dir.resolve("nothing"), "--no-group-matrices")));
        assertTrue(err2.toString().contains("--no-group-matrices"), err2.toString());
    }

    @Test
    void rerunReusesActivityAndWritesTheSameBytes() throws Exception {
        Map<String, byte[]> before = TinyStudyStage.files(full);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, stage.run(out, err, stage.args(full, "--rnn-vs-mamba", "--threads", "1")), err.toString());
        JsonNode line = JSON.readTree(out.toString());
        assertEquals(0, line.get("activity_recorded").asInt());
        assertTrue(line.get("activity_reused").asInt() >= 6);
        Map<String, byte[]> after = TinyStudyStage.files(full);
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) {
            assertArrayEquals(before.get(k), after.get(k), k + " differs on rerun (1 thread instead of 2)");
        }
        assertEquals(6, JSON.readTree(fullStdout).get("activity_recorded").asInt());
    }

    @Test
    void activityDoesNotDependOnTheOtherModels() throws Exception {
        Path alone = dir.resolve("alone");
        StringWriter err = new StringWriter();
        assertEquals(0, stage.run(new StringWriter(), err, stage.args(alone, "--configs", TinyStudy.RNN)), err.toString());
        Map<String, byte[]> a = TinyStudyStage.files(alone.resolve("activity"));
        Map<String, byte[]> b = TinyStudyStage.files(full.resolve("activity"));
        assertEquals(4 * 2, a.size());
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            assertArrayEquals(b.get(e.getKey()), e.getValue(), e.getKey());
        }
        assertArrayEquals(Files.readAllBytes(full.resolve("rnn/" + TinyStudy.RNN + "/dsa.npy")),
                Files.readAllBytes(alone.resolve("rnn/" + TinyStudy.RNN + "/dsa.npy")));
        assertFalse(Files.exists(alone.resolve("mamba")));
    }

    @Test
    void outputsAreReadableByNumpy() throws Exception {
        NumpyCheck.assumeAvailable();
        String script = """
                import sys, csv, numpy as np
                root = sys.argv[1]
                for arch, cfg in (("rnn", sys.argv[2]), ("mamba", sys.argv[3])):
                    acc = np.load(f"{root}/{arch}/{cfg}/accuracy.npy")
                    assert acc.shape == (10,), acc.shape
                    for m in ("dsa", "procrustes", "cka"):
                        a = np.load(f"{root}/{arch}/{cfg}/{m}.npy")
                        assert a.shape == (10, 10) and a.dtype == np.float64
                        ok = ~np.isnan(a)
                        assert np.array_equal(ok, ok.T) and np.allclose(a[ok], a.T[ok], atol=0)
                        present = ~np.isnan(acc)
                        assert np.array_equal(ok, np.outer(present, present)), m
                        assert np.all(np.diag(a)[present] == 0)
                rows = list(csv.DictReader(open(f"{root}/dissimilarity.csv")))
                assert rows and all(np.isfinite(float(r["value"])) for r in rows)
                print(len(rows))
                """;
        String out = NumpyCheck.runScript(dir, script, full.toString(), TinyStudy.RNN, TinyStudy.MAMBA);
        assertTrue(Integer.parseInt(out.trim()) > 0, out);
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
                {"--data", data, "--models", models, "--mamba-units", "conv", "--out", out.toString()},
                {"--data", data, "--models", models, "--trials", "x", "--out", out.toString()},
                {"--data", data, "--models", models, "--configs", TinyStudy.RNN, "--rnn-vs-mamba", "--out", out.toString()},
                {"--data", study.models.toString(), "--models", models, "--out", out.toString()},
                {"--data", data, "--models", models, "--dsa-basis", "common", "--out", out.toString()},
                {"--data", data, "--models", models, "--reference-compat", "--dsa-basis", "own", "--out", out.toString()},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            StringWriter stdout = new StringWriter();
            assertEquals(2, stage.run(stdout, err, c), String.join(" ", c) + "\n" + err);
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("dissimilarity: "), err.toString());
            assertEquals("", stdout.toString());
            assertFalse(Files.exists(out), "wrote " + out + " for " + String.join(" ", c));
            assertFalse(Files.exists(dir.resolve("no-models")) || Files.exists(dir.resolve("no-data")));
        }
    }
}
