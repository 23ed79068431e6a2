package org.repal.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.store.NpyArray;

/**
 * A finished run written from scratch in the layout and file formats the stages write (the quick run's), with
 * numbers chosen so that every claim of the paper holds when there are enough configs: RNN DSA falls along
 * untrained > master_frozen > partial > full while CKA and Procrustes are flat noise, RNN DSA grows with the
 * accuracy gap over learning, Mamba DSA is flat, and the attractor bench separates regimes and falls with shared
 * motifs. With one config per architecture every level has one model. The cross task's folder repeats the group
 * matrices of its configs, as the real stage does. Shared by the report's tests (core test-jar).
 */
public final class SyntheticRun {
    public static final List<String> TASKS = List.of("AntiPerceptualDecisionMaking", "PerceptualDecisionMaking",
            "PerceptualDecisionMakingDelayResponse", "AntiPerceptualDecisionMakingDelayResponse");
    public static final List<String> METRICS = List.of("dsa", "procrustes", "cka");
    public static final List<String> MOTIFS = List.of("line", "curve", "pattern1", "pattern2", "lclc");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> G = AnalysisGroups.ORDER;

    private final ArtifactStore store;
    private final Random rng;

    private SyntheticRun(ArtifactStore store, long seed) {
        this.store = store;
        this.rng = new Random(seed);
    }

    /** The RNN config names of a run with {@code n} RNN configs. */
    public static List<String> rnnConfigs(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("leaky_rnn_relu_" + (8 + i) + "_0.001_32_kaiming");
        }
        return out;
    }

    /** The Mamba config names of a run with {@code n} Mamba configs. */
    public static List<String> mambaConfigs(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("mamba_" + (4 + i) + "_1_0.005_32");
        }
        return out;
    }

    /** The reference DSA distance to master of a group in the RNN (the claimed order). */
    public static double rnnDsaLevel(String group) {
        return switch (group) {
            case "untrained" -> 0.61;
            case "master_frozen" -> 0.43;
            case "pretrain_frozen" -> 0.27;
            case "pretrain_unfrozen" -> 0.31;
            case "master" -> 0;
            default -> 0.33;
        };
    }

    /** Writes the run into {@code root} (created). */
    public static void write(Path root, int rnn, int mamba, long seed) {
        try (ArtifactStore s = new LocalArtifactStore(root)) {
            new SyntheticRun(s, seed).all(rnnConfigs(rnn), mambaConfigs(mamba));
        }
    }

    private void all(List<String> rnn, List<String> mamba) {
        data();
        double[][] rnnAcc = accuracies(rnn.size());
        double[][] mambaAcc = accuracies(mamba.size());
        StringBuilder rnnCsv = new StringBuilder(header());
        StringBuilder mambaCsv = new StringBuilder(header());
        StringBuilder crossCsv = new StringBuilder(header());
        for (int c = 0; c < rnn.size(); c++) {
            within(rnnCsv, "rnn", rnn.get(c), rnnAcc[c]);
        }
        for (int c = 0; c < mamba.size(); c++) {
            within(mambaCsv, "mamba", mamba.get(c), mambaAcc[c]);
        }
        // The cross task: its configs' own matrices again (same values), then every RNN group vs every Mamba group.
        crossCsv.append(rnnCsv.toString().lines().skip(1).filter(l -> l.contains("," + rnn.get(0) + ","))
                .map(l -> l + "\n").reduce("", String::concat));
        crossCsv.append(mambaCsv.toString().lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
        for (int m = 0; m < mamba.size(); m++) {
            for (int i = 0; i < G.size(); i++) {
                for (int j = 0; j < G.size(); j++) {
                    for (String metric : METRICS) {
                        crossCsv.append("rnn,").append(rnn.get(0)).append(',').append(G.get(i)).append(",mamba,")
                                .append(mamba.get(m)).append(',').append(G.get(j)).append(',').append(metric)
                                .append(',').append(0.5 + 0.05 * rng.nextGaussian()).append(',')
                                .append(rnnAcc[0][i]).append(',').append(mambaAcc[m][j]).append('\n');
                    }
                }
            }
        }
        part("dissimilarity/rnn/", rnnCsv, "rnn", rnn.get(0));
        part("dissimilarity/mamba/", mambaCsv, "mamba", mamba.get(0));
        part("dissimilarity/cross-0/", crossCsv, null, null);
        learning("learning-dynamics/rnn/", "rnn", rnn);
        learning("learning-dynamics/mamba/", "mamba", mamba);
        attractors();
        markers();
    }

    private static String header() {
        return "arch1,config1,group1,arch2,config2,group2,metric,value,accuracy1,accuracy2\n";
    }

    private double[][] accuracies(int configs) {
        double[][] a = new double[configs][G.size()];
        for (int c = 0; c < configs; c++) {
            for (int g = 0; g < G.size(); g++) {
                a[c][g] = G.get(g).equals("untrained") ? 0.3 : G.get(g).equals("master") ? 0.85 : 0.5 + 0.4 * rng.nextDouble();
            }
        }
        return a;
    }

    private void within(StringBuilder csv, String arch, String config, double[] acc) {
        for (int i = 0; i < G.size(); i++) {
            for (int j = i + 1; j < G.size(); j++) {
                for (String metric : METRICS) {
                    double v;
                    boolean toMaster = G.get(i).equals("master") || G.get(j).equals("master");
                    String other = G.get(i).equals("master") ? G.get(j) : G.get(i);
                    if (metric.equals("dsa") && arch.equals("rnn") && toMaster) {
                        v = rnnDsaLevel(other) + 0.015 * rng.nextGaussian();
                    } else {
                        v = 0.42 + 0.03 * rng.nextGaussian();
                    }
                    csv.append(arch).append(',').append(config).append(',').append(G.get(i)).append(',').append(arch)
                            .append(',').append(config).append(',').append(G.get(j)).append(',').append(metric)
                            .append(',').append(v).append(',').append(acc[i]).append(',').append(acc[j]).append('\n');
                }
            }
        }
    }

    private ObjectNode settings(String stage) {
        ObjectNode o = JSON.createObjectNode().put("stage", stage).put("taskset", "PDM");
        o.putObject("trials").put("task", TASKS.get(3)).put("count", 3).put("steps", 30).put("sha256", "ab".repeat(32));
        o.putObject("window").put("mode", "stimulus_after_500ms").put("start", 5).put("end", 25).put("dt_ms", 20);
        o.putObject("pca").put("components", 20).put("zscore", true);
        o.putObject("dsa").put("n_delays", 33).put("delay_interval", 6).put("rank", 50).put("axes", "trials_time")
                .put("optimizer", "fast").put("iters", 1000).put("score", "angular");
        o.putObject("units").put("rnn", "rnn_hidden").put("mamba", "mamba_ssm_l0");
        return o;
    }

    private void part(String dir, StringBuilder csv, String arch, String config) {
        text(dir + "dissimilarity.csv", csv.toString());
        ObjectNode summary = settings("dissimilarity");
        summary.putArray("unfinished_runs");
        text(dir + "summary.json", summary.toPrettyString());
        ObjectNode manifest = settings("dissimilarity");
        ArrayNode activity = manifest.putArray("activity");
        if (arch != null) {
            for (String g : List.of("master", "untrained", "pretrain_frozen")) {
                String key = "activity/" + g + "/" + config + "/final.npy";
                double[] a = new double[3 * 20 * 6];
                for (int k = 0; k < a.length; k++) {
                    a[k] = Math.sin(k * 0.1 + g.length()) + 0.1 * rng.nextGaussian();
                }
                store.putNpy(dir + key, NpyArray.ofDoubles(a, 3, 20, 6));
                activity.addObject().put("key", key);
            }
        }
        text(dir + "manifest.json", manifest.toPrettyString());
    }

    private void learning(String dir, String arch, List<String> configs) {
        StringBuilder csv = new StringBuilder("arch,config,group,fraction,metric,value,accuracy1,accuracy2\n");
        double[] fractions = {0, 0.25, 0.5, 0.75, 1.0};
        for (String config : configs) {
            for (String g : G) {
                if (g.equals("untrained")) {
                    continue;
                }
                for (double f : fractions) {
                    double master = 0.3 + 0.55 * f;
                    double own = g.equals("master") ? master : 0.3 + (0.2 + 0.4 * rng.nextDouble()) * f;
                    double gap = Math.abs(own - master);
                    for (String metric : METRICS) {
                        double v = g.equals("master") ? 0 : metric.equals("dsa") && arch.equals("rnn")
                                ? 0.2 + 0.8 * gap + 0.01 * rng.nextGaussian() : 0.35 + 0.03 * rng.nextGaussian();
                        csv.append(arch).append(',').append(config).append(',').append(g).append(',').append(f)
                                .append(',').append(metric).append(',').append(v).append(',').append(own).append(',')
                                .append(master).append('\n');
                    }
                }
            }
        }
        text(dir + "over_learning.csv", csv.toString());
        text(dir + "within_learning.csv", "arch,config,group,bin1,bin2,metric,value,accuracy1,accuracy2\n");
        text(dir + "summary.json", settings("learning-dynamics").toPrettyString());
        text(dir + "manifest.json", settings("learning-dynamics").toPrettyString());
    }

    private void attractors() {
        List<String> systems = new ArrayList<>();
        for (String r : List.of("one_attractor", "two_stable_attractors", "two_unstable_attractors")) {
            for (int k = 1; k <= 3; k++) {
                systems.add(r + "_rho" + k + ".0");
            }
        }
        List<String> comps = new ArrayList<>();
        for (String a : MOTIFS) {
            for (String b : MOTIFS) {
                for (String c : MOTIFS) {
                    if (!a.equals(b) && !a.equals(c) && !b.equals(c)) {
                        comps.add(a + "-" + b + "-" + c);
                    }
                }
            }
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.putObject("settings").put("profile", "quick").put("seed", 0).put("samples", 12);
        ArrayNode sys = summary.putObject("regimes").putArray("systems");
        systems.forEach(sys::add);
        ArrayNode cs = summary.putObject("composition").putArray("compositions");
        comps.forEach(cs::add);
        ObjectNode noise = summary.putObject("noise");
        for (String m : METRICS) {
            ObjectNode per = noise.putObject(m);
            for (String which : List.of("model12", "model23")) {
                ObjectNode n = per.putObject(which).put("r2", 0.98).put("gap", -0.05);
                ArrayNode mean = n.putArray("mean");
                ArrayNode sem = n.putArray("sem");
                for (int e = 0; e < 3; e++) {
                    mean.add(0.3 - 0.02 * e);
                    sem.add(0.01);
                }
            }
        }
        ArrayNode pairs = noise.putArray("pairs");
        for (int k = 0; k < 42; k++) {
            pairs.add("p" + k);
        }
        for (String m : METRICS) {
            double[] r = new double[81];
            for (int i = 0; i < 9; i++) {
                for (int j = i + 1; j < 9; j++) {
                    double v = m.equals("dsa") ? (i / 3 == j / 3 ? 0.2 : 0.5) + 0.02 * rng.nextGaussian()
                            : 0.8 + 0.02 * rng.nextGaussian();
                    r[i * 9 + j] = v;
                    r[j * 9 + i] = v;
                }
            }
            store.putNpy("attractors/regimes/" + m + ".npy", NpyArray.ofDoubles(r, 9, 9));
            int n = comps.size();
            double[] c = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    List<String> a = List.of(comps.get(i).split("-"));
                    long shared = List.of(comps.get(j).split("-")).stream().filter(a::contains).count();
                    double v = m.equals("dsa") ? 0.8 - 0.15 * shared + 0.03 * rng.nextGaussian()
                            : 0.6 + 0.03 * rng.nextGaussian();
                    c[i * n + j] = v;
                    c[j * n + i] = v;
                }
            }
            store.putNpy("attractors/composition/" + m + ".npy", NpyArray.ofDoubles(c, n, n));
        }
        text("attractors/summary.json", summary.toPrettyString());
        text("attractors/manifest.json", "{\"stage\":\"attractors\"}");
    }

    private void data() {
        ObjectNode m = JSON.createObjectNode().put("format", "repal-dataset/1").put("taskset", "PDM")
                .put("seed", 0).put("code_version", "0.1.0-test");
        ArrayNode tasks = m.putArray("tasks");
        for (int i = 0; i < TASKS.size(); i++) {
            tasks.addObject().put("name", TASKS.get(i)).put("rule_column", 3 + i);
        }
        m.putObject("config").put("dt_ms", 20);
        for (int t = 0; t < TASKS.size(); t++) {
            float[] in = new float[2 * 30 * 7];
            byte[] target = new byte[2 * 30];
            for (int s = 0; s < 2; s++) {
                for (int k = 0; k < 30; k++) {
                    int at = (s * 30 + k) * 7;
                    in[at] = k < 25 ? 1 : 0;
                    in[at + 1] = k >= 5 && k < 20 ? (float) (0.5 + 0.2 * rng.nextGaussian()) : 0;
                    in[at + 2] = k >= 5 && k < 20 ? (float) (0.5 + 0.2 * rng.nextGaussian()) : 0;
                    in[at + 3 + t] = 1;
                    target[s * 30 + k] = (byte) (k >= 25 ? 1 + s : 0);
                }
            }
            store.putNpy("data/" + TASKS.get(t) + "/test/inputs.npy", NpyArray.ofFloats(in, 2, 30, 7));
            store.putNpy("data/" + TASKS.get(t) + "/test/targets.npy", NpyArray.ofBytes(target, 2, 30));
        }
        text("data/manifest.json", m.toPrettyString());
    }

    private void markers() {
        ObjectNode gen = JSON.createObjectNode().put("task", "generate").put("key", "k1");
        gen.putObject("outputs").put("data/manifest.json", store.stat("data/manifest.json").orElseThrow().sha256());
        gen.put("seconds", 1.5).put("machine", "Linux amd64, 2 cores, Java 17");
        text(".repal/tasks/generate.json", gen.toPrettyString());
        ObjectNode dis = JSON.createObjectNode().put("task", "dissimilarity-rnn").put("key", "k2");
        dis.putObject("outputs").put("dissimilarity/rnn/manifest.json",
                store.stat("dissimilarity/rnn/manifest.json").orElseThrow().sha256());
        text(".repal/tasks/dissimilarity-rnn.json", dis.toPrettyString());
        text(".repal/logs/dissimilarity-rnn.log", "progress\n{\"task\":\"dissimilarity-rnn\",\"status\":\"ran\","
                + "\"seconds\":12.25}\n");
    }

    private void text(String key, String s) {
        store.put(key, s.getBytes(StandardCharsets.UTF_8));
    }
}
