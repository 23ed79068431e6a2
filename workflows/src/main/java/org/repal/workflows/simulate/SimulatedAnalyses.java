package org.repal.workflows.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.analysis.AnalysisOutput;
import org.repal.core.attractor.AttractorBench;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStores;
import org.repal.core.store.NpyArray;
import org.repal.workflows.plan.PlanTask;
import org.repal.workflows.plan.TaskArgs;
import org.repal.workflows.plan.Planner;

/**
 * Stub outputs of the analysis stages ({@code dissimilarity}, {@code learning-dynamics}) and of the attractor bench,
 * in the stages' layouts (see the README's Dissimilarity, Learning dynamics and Attractor bench sections), written
 * through the stages' own {@link AnalysisOutput} so the manifests list every file as theirs do.
 */
final class SimulatedAnalyses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METRICS = List.of("dsa", "procrustes", "cka");
    private static final List<String> WITHIN = List.of("pretrain_frozen", "pretrain_unfrozen", "master", "untrained");
    /** Activity recordings' stand-in shape: trials × steps × units. */
    private static final int[] ACTIVITY = {4, 20, 8};

    private SimulatedAnalyses() {
    }

    /** A dissimilarity or learning-dynamics task: its folder {@code <stage>/<part>/}. */
    static void write(PlanTask task, TaskArgs a, ArtifactStore root) {
        String outKey = Simulator.keyOf(root, a.value("--out"));
        List<String> configs = a.list("--configs");
        // The analysis groups present: those the task's inputs hold models of (the plan lists every group's).
        Set<String> present = new TreeSet<>();
        for (String in : task.inputs()) {
            String[] k = in.split("/");
            if (k.length == 4 && k[0].equals(Planner.MODELS)) {
                present.add(k[1]);
            }
        }
        List<String> groups = AnalysisGroups.ORDER.stream().filter(present::contains).toList();
        try (ArtifactStore out = ArtifactStores.open(a.value("--out"))) {
            // A rerun replaces the folder, as the stages do: the old manifest goes first.
            out.delete(AnalysisOutput.MANIFEST);
            AnalysisOutput w = new AnalysisOutput(out);
            ObjectNode settings = settings(task.stage(), a, root);
            if (task.stage().equals(Planner.DISSIMILARITY)) {
                Set<String> activity = dissimilarity(w, out, a, configs, groups);
                ObjectNode summary = settings.deepCopy();
                summary.putArray("unfinished_runs");
                w.text("summary.json", summary.toPrettyString() + "\n");
                w.manifest(settings, activity);
            } else {
                learning(w, root, configs, groups);
                w.text("summary.json", settings.toPrettyString() + "\n");
                w.manifest(settings, Set.of());
            }
        }
        if (!root.exists(outKey + "/" + AnalysisOutput.MANIFEST)) {
            throw new IllegalStateException("simulate: no manifest under " + outKey);
        }
    }

    private static String arch(String config) {
        return config.startsWith("mamba_") ? "mamba" : "rnn";
    }

    private static double accuracy(String config, String group) {
        return group.equals("untrained") ? 0.33 : StubValues.uniform("accuracy/" + config + "/" + group, 0.5, 0.9);
    }

    private static double value(String metric, String a, String b) {
        String x = a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a; // symmetric
        return StubValues.uniform(metric + "/" + x, 0.2, 0.8);
    }

    private static Set<String> dissimilarity(AnalysisOutput w, ArtifactStore out, TaskArgs a, List<String> configs,
                                             List<String> groups) {
        List<String> order = AnalysisGroups.ORDER;
        StringBuilder csv = new StringBuilder("arch1,config1,group1,arch2,config2,group2,metric,value,accuracy1,"
                + "accuracy2\n");
        Set<String> activity = new TreeSet<>();
        boolean cross = a.has("--rnn-vs-mamba");
        if (!cross || !a.has("--no-group-matrices")) {
            for (String c : configs) {
                String dir = arch(c) + "/" + c + "/";
                double[] acc = new double[order.size()];
                double[][][] m = new double[METRICS.size()][order.size()][order.size()];
                for (int i = 0; i < order.size(); i++) {
                    acc[i] = groups.contains(order.get(i)) ? accuracy(c, order.get(i)) : Double.NaN;
                    for (int j = 0; j < order.size(); j++) {
                        boolean both = groups.contains(order.get(i)) && groups.contains(order.get(j));
                        for (int k = 0; k < METRICS.size(); k++) {
                            m[k][i][j] = !both ? Double.NaN : i == j ? 0
                                    : value(METRICS.get(k), c + "/" + order.get(i), c + "/" + order.get(j));
                        }
                    }
                }
                for (int k = 0; k < METRICS.size(); k++) {
                    w.matrix(dir + METRICS.get(k) + ".npy", m[k]);
                }
                w.vector(dir + "accuracy.npy", acc);
                rows(csv, c, c, acc, acc, m, true);
                for (String g : groups) {
                    activity.add(recording(out, g, c));
                }
            }
        }
        if (cross) {
            for (String r : configs.stream().filter(c -> arch(c).equals("rnn")).toList()) {
                for (String mc : configs.stream().filter(c -> arch(c).equals("mamba")).toList()) {
                    double[] acc1 = new double[order.size()];
                    double[] acc2 = new double[order.size()];
                    double[][][] m = new double[METRICS.size()][order.size()][order.size()];
                    for (int i = 0; i < order.size(); i++) {
                        acc1[i] = groups.contains(order.get(i)) ? accuracy(r, order.get(i)) : Double.NaN;
                        acc2[i] = groups.contains(order.get(i)) ? accuracy(mc, order.get(i)) : Double.NaN;
                        for (int j = 0; j < order.size(); j++) {
                            boolean both = groups.contains(order.get(i)) && groups.contains(order.get(j));
                            for (int k = 0; k < METRICS.size(); k++) {
                                m[k][i][j] = both ? value(METRICS.get(k), r + "/" + order.get(i), mc + "/" + order.get(j))
                                        : Double.NaN;
                            }
                        }
                    }
                    String dir = "rnn_vs_mamba/" + r + "__" + mc + "/";
                    for (int k = 0; k < METRICS.size(); k++) {
                        w.matrix(dir + METRICS.get(k) + ".npy", m[k]);
                    }
                    rows(csv, r, mc, acc1, acc2, m, false);
                }
            }
        }
        w.text("dissimilarity.csv", csv.toString());
        return activity;
    }

    /** The CSV rows of one matrix, as the stage writes them: present groups only, each unordered pair once. */
    private static void rows(StringBuilder csv, String c1, String c2, double[] acc1, double[] acc2, double[][][] m,
                             boolean symmetric) {
        List<String> g = AnalysisGroups.ORDER;
        for (int i = 0; i < g.size(); i++) {
            for (int j = symmetric ? i + 1 : 0; j < g.size(); j++) {
                if (Double.isNaN(m[0][i][j])) {
                    continue;
                }
                for (int k = 0; k < METRICS.size(); k++) {
                    csv.append(arch(c1)).append(',').append(c1).append(',').append(g.get(i)).append(',')
                            .append(arch(c2)).append(',').append(c2).append(',').append(g.get(j)).append(',')
                            .append(METRICS.get(k)).append(',').append(m[k][i][j]).append(',').append(acc1[i])
                            .append(',').append(acc2[j]).append('\n');
                }
            }
        }
    }

    /** A small activity recording of a model's final weights ({@code activity/<group>/<config>/final}). */
    private static String recording(ArtifactStore out, String group, String config) {
        String key = "activity/" + group + "/" + config + "/final";
        int n = ACTIVITY[0] * ACTIVITY[1] * ACTIVITY[2];
        double[] v = new double[n];
        var r = StubValues.random(key);
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(0.1 * i + group.length()) + 0.1 * r.nextGaussian();
        }
        out.putNpy(key + ".npy", NpyArray.ofDoubles(v, ACTIVITY));
        ObjectNode meta = JSON.createObjectNode().put("simulated", true).put("group", group).put("config", config)
                .put("snapshot", "final");
        meta.putArray("shape").add(ACTIVITY[0]).add(ACTIVITY[1]).add(ACTIVITY[2]);
        out.put(key + ".json", (meta.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        return key;
    }

    /**
     * Over learning: per config and trained group (master included) the series over the train-phase epochs its
     * master's log lists (epochs + 1 pairs); within learning: the 4 × 4 quartile-bin matrices of the within groups.
     */
    private static void learning(AnalysisOutput w, ArtifactStore root, List<String> configs, List<String> groups) {
        StringBuilder over = new StringBuilder("arch,config,group,fraction,metric,value,accuracy1,accuracy2\n");
        StringBuilder within = new StringBuilder("arch,config,group,bin1,bin2,metric,value,accuracy1,accuracy2\n");
        for (String c : configs) {
            String arch = arch(c);
            int epochs = trainEpochs(root, c);
            for (String g : groups) {
                if (g.equals("untrained") || !groups.contains("master")) {
                    continue;
                }
                String dir = "over_learning/" + arch + "/" + c + "/" + g + "/";
                double[] fraction = new double[epochs + 1];
                double[][] metric = new double[METRICS.size()][epochs + 1];
                double[] acc1 = new double[epochs + 1];
                double[] acc2 = new double[epochs + 1];
                for (int i = 0; i <= epochs; i++) {
                    fraction[i] = i / (double) epochs;
                    acc1[i] = 0.33 + (accuracy(c, g) - 0.33) * fraction[i];
                    acc2[i] = 0.33 + (accuracy(c, "master") - 0.33) * fraction[i];
                    for (int k = 0; k < METRICS.size(); k++) {
                        metric[k][i] = g.equals("master") ? 0 : StubValues.uniform(METRICS.get(k) + "/" + dir + i, 0.2, 0.8);
                        over.append(arch).append(',').append(c).append(',').append(g).append(',').append(fraction[i])
                                .append(',').append(METRICS.get(k)).append(',').append(metric[k][i]).append(',')
                                .append(acc1[i]).append(',').append(acc2[i]).append('\n');
                    }
                }
                w.vector(dir + "fraction.npy", fraction);
                for (int k = 0; k < METRICS.size(); k++) {
                    w.vector(dir + METRICS.get(k) + ".npy", metric[k]);
                }
                w.vector(dir + "accuracy1.npy", acc1);
                w.vector(dir + "accuracy2.npy", acc2);
            }
            for (String g : WITHIN) {
                if (!groups.contains(g)) {
                    continue;
                }
                String dir = "within_learning/" + arch + "/" + c + "/" + g + "/";
                double[] acc = new double[4];
                double[][][] m = new double[METRICS.size()][4][4];
                for (int i = 0; i < 4; i++) {
                    acc[i] = g.equals("untrained") ? 0.33 : accuracy(c, g) * (i + 1) / 4;
                    for (int j = i; j < 4; j++) {
                        for (int k = 0; k < METRICS.size(); k++) {
                            double v = i == j || g.equals("untrained") ? 0
                                    : StubValues.uniform(METRICS.get(k) + "/" + dir + i + "/" + j, 0.1, 0.6);
                            m[k][i][j] = v;
                            m[k][j][i] = v;
                        }
                    }
                }
                for (int i = 0; i < 4; i++) {
                    for (int j = i; j < 4; j++) {
                        for (int k = 0; k < METRICS.size(); k++) {
                            within.append(arch).append(',').append(c).append(',').append(g).append(',').append(i + 1)
                                    .append(',').append(j + 1).append(',').append(METRICS.get(k)).append(',')
                                    .append(m[k][i][j]).append(',').append(acc[i]).append(',').append(acc[j])
                                    .append('\n');
                        }
                    }
                }
                for (int k = 0; k < METRICS.size(); k++) {
                    w.matrix(dir + METRICS.get(k) + ".npy", m[k]);
                }
                w.vector(dir + "accuracy.npy", acc);
            }
        }
        w.text("over_learning.csv", over.toString());
        w.text("within_learning.csv", within.toString());
    }

    /** The train-phase epochs in master's log of a config (the checkpoints a real run would pair). */
    private static int trainEpochs(ArtifactStore root, String config) {
        String key = Planner.MODELS + "/master/" + config + "/log.json";
        if (!root.exists(key)) {
            return 1;
        }
        int n = 0;
        for (JsonNode e : Simulator.json(root, key).path("epochs")) {
            if (e.path("phase").asText().equals("train")) {
                n++;
            }
        }
        return Math.max(1, n);
    }

    /** The analysis stages' settings block, from the task's options, marked simulated. */
    private static ObjectNode settings(String stage, TaskArgs a, ArtifactStore root) {
        ObjectNode o = JSON.createObjectNode().put("stage", stage).put("simulated", true);
        JsonNode data = Simulator.json(root, Planner.DATA + "/manifest.json");
        o.put("taskset", data.path("taskset").asText());
        o.putObject("trials").put("task", "AntiPerceptualDecisionMakingDelayResponse").put("count", ACTIVITY[0])
                .put("steps", ACTIVITY[1]);
        o.putObject("window").put("mode", "stimulus_after_500ms").put("dt_ms", 20);
        o.putObject("pca").put("components", 20).put("zscore", true);
        o.putObject("dsa").put("n_delays", Integer.parseInt(a.value("--n-delays")))
                .put("delay_interval", Integer.parseInt(a.value("--delay-interval")))
                .put("rank", Integer.parseInt(a.value("--rank"))).put("axes", "trials_time").put("optimizer", "fast")
                .put("score", "angular");
        o.putObject("units").put("rnn", "rnn_hidden").put("mamba", "mamba_ssm_l0");
        return o;
    }

    /** The attractor bench's files: 9 × 9 regime and 60 × 60 composition matrices, noise series, CSVs, summary. */
    static void attractors(TaskArgs a, ArtifactStore root) {
        try (ArtifactStore out = ArtifactStores.open(a.value("--out"))) {
            out.delete("manifest.json");
            List<String> systems = new ArrayList<>();
            for (int r = 0; r < AttractorBench.REGIMES.length; r++) {
                for (double rho : AttractorBench.REGIMES[r]) {
                    systems.add(AttractorBench.REGIME_NAMES.get(r) + "_rho" + rho);
                }
            }
            List<String> comps = new ArrayList<>();
            List<String> motifs = AttractorBench.MOTIFS;
            for (String x : motifs) {
                for (String y : motifs) {
                    for (String z : motifs) {
                        if (!x.equals(y) && !x.equals(z) && !y.equals(z)) {
                            comps.add(x + "-" + y + "-" + z);
                        }
                    }
                }
            }
            List<ArtifactInfo> files = new ArrayList<>();
            ObjectNode summary = JSON.createObjectNode();
            summary.putObject("settings").put("profile", a.value("--profile")).put("seed",
                    Long.parseLong(a.value("--seed"))).put("simulated", true);
            ArrayNode sys = summary.putObject("regimes").putArray("systems");
            systems.forEach(sys::add);
            ArrayNode cs = summary.putObject("composition").putArray("compositions");
            comps.forEach(cs::add);
            ObjectNode noise = summary.putObject("noise");
            StringBuilder regimesCsv = new StringBuilder("metric,condition,value\n");
            StringBuilder noiseCsv = new StringBuilder("metric,condition,value\n");
            StringBuilder compCsv = new StringBuilder("metric,condition,value\n");
            int pairs = AttractorBench.NOISE_PATTERNS.length * (AttractorBench.NOISE_PATTERNS.length - 1);
            for (String m : METRICS) {
                files.add(out.putNpy("regimes/" + m + ".npy", symmetric("regimes/" + m, systems.size(), regimesCsv, m)));
                files.add(out.putNpy("composition/" + m + ".npy", symmetric("composition/" + m, comps.size(), compCsv, m)));
                ObjectNode per = noise.putObject(m);
                for (String which : List.of("model12", "model23")) {
                    double[] v = new double[pairs * 3];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = StubValues.uniform("noise/" + m + which + i, 0.1, 0.5);
                        noiseCsv.append(m).append(',').append(which).append("_epoch").append(i % 3 + 1).append(',')
                                .append(v[i]).append('\n');
                    }
                    files.add(out.putNpy("noise/" + m + "_" + which + ".npy", NpyArray.ofDoubles(v, pairs, 3)));
                    ObjectNode n = per.putObject(which).put("r2", 0.5).put("gap", -0.01);
                    ArrayNode mean = n.putArray("mean");
                    ArrayNode sem = n.putArray("sem");
                    for (int e = 0; e < 3; e++) {
                        double s = 0;
                        for (int p = 0; p < pairs; p++) {
                            s += v[p * 3 + e];
                        }
                        mean.add(s / pairs);
                        sem.add(0.01);
                    }
                }
            }
            ArrayNode pairList = noise.putArray("pairs");
            for (int k = 0; k < pairs; k++) {
                pairList.add("pair" + k);
            }
            summary.putObject("sweep").put("swept", false);
            files.add(out.put("regimes.csv", regimesCsv.toString().getBytes(StandardCharsets.UTF_8)));
            files.add(out.put("noise.csv", noiseCsv.toString().getBytes(StandardCharsets.UTF_8)));
            files.add(out.put("composition.csv", compCsv.toString().getBytes(StandardCharsets.UTF_8)));
            if (!a.has("--no-sweep")) {
                files.add(out.put("sweep.csv", "metric,condition,value\n".getBytes(StandardCharsets.UTF_8)));
            }
            files.add(out.put("summary.json", (summary.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8)));
            ObjectNode manifest = JSON.createObjectNode().put("stage", "attractors").put("simulated", true);
            ArrayNode list = manifest.putArray("files");
            for (ArtifactInfo info : files) {
                list.addObject().put("key", info.key()).put("size", info.size()).put("sha256", info.sha256());
            }
            out.put("manifest.json", (manifest.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static NpyArray symmetric(String name, int n, StringBuilder csv, String metric) {
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double x = StubValues.uniform(name + "/" + i + "/" + j, 0.1, 0.9);
                v[i * n + j] = x;
                v[j * n + i] = x;
                csv.append(metric).append(',').append(i).append('-').append(j).append(',').append(x).append('\n');
            }
        }
        return NpyArray.ofDoubles(v, n, n);
    }
}
