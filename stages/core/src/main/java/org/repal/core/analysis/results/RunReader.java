package org.repal.core.analysis.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.NpyArray;

/**
 * Reads a finished run for the report: {@code data/manifest.json} (required: without it the location is not a
 * run), every {@code dissimilarity/<part>/} and {@code learning-dynamics/<part>/} folder (each must hold its
 * manifest.json, written last by its stage: a folder without one belongs to an unfinished task and is an error),
 * the attractor bench when present, the first test sample of each task, the trial-averaged activity of three
 * models per architecture, and the task markers. Every file is checked as it is read; nothing is written.
 */
public final class RunReader {

    /** Key of the experiment config the report stage keeps beside the report, for rebuilds. */
    public static final String CONFIG_KEY = "report/config.json";
    /** The report's own plan task, whose marker it leaves out (it is written after the report). */
    public static final String REPORT_TASK = "report";
    /**
     * The groups of the trajectory figure: master and untrained, and the first of the pretrained groups present
     * (full pretraining first, then the partial ones).
     */
    public static final List<String> TRAJECTORY_GROUPS = List.of("master", "untrained", "pretrain_frozen",
            "pretrain_unfrozen", "pretrain_basic_anti_frozen", "pretrain_basic_delay_frozen", "pretrain_anti_frozen",
            "pretrain_delay_frozen", "pretrain_basic_frozen");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA_MANIFEST = "data/manifest.json";

    private RunReader() {
    }

    /**
     * Reads the run.
     *
     * @param configJson the experiment config to record (null: the one kept by an earlier report, if any)
     * @throws IllegalArgumentException naming the file (and line, field) at fault
     */
    public static RunResults read(ArtifactStore store, String configJson) {
        StoreFiles files = new StoreFiles(store);
        if (!files.exists(DATA_MANIFEST)) {
            throw new IllegalArgumentException(files.source(DATA_MANIFEST) + ": missing: not a finished repal run "
                    + "(the generate stage writes it last)");
        }
        JsonNode data = files.json(DATA_MANIFEST);
        String taskset = files.field(data, DATA_MANIFEST, "", "taskset").asText();
        List<DissimilarityPart> dissimilarity = new ArrayList<>();
        for (String part : parts(store, "dissimilarity/")) {
            String dir = "dissimilarity/" + part + "/";
            JsonNode manifest = finished(files, dir);
            String csv = dir + "dissimilarity.csv";
            dissimilarity.add(new DissimilarityPart(part, DissimilarityRow.parse(files.text(csv), files.source(csv)),
                    files.json(dir + "summary.json"), manifest));
        }
        dissimilarity.sort(Comparator.comparing(DissimilarityPart::cross).thenComparing(DissimilarityPart::name));
        List<LearningPart> learning = new ArrayList<>();
        for (String part : parts(store, "learning-dynamics/")) {
            String dir = "learning-dynamics/" + part + "/";
            JsonNode manifest = finished(files, dir);
            String csv = dir + "over_learning.csv";
            learning.add(new LearningPart(part, OverLearningRow.parse(files.text(csv), files.source(csv)),
                    files.json(dir + "summary.json"), manifest));
        }
        AttractorResults attractors = null;
        if (!store.list("attractors/").isEmpty()) {
            if (!files.exists(AttractorResults.MANIFEST)) {
                throw new IllegalArgumentException(files.source(AttractorResults.MANIFEST) + ": missing: the "
                        + "attractors task has not finished");
            }
            attractors = AttractorResults.read(files);
        }
        List<TaskRecord> tasks = new ArrayList<>();
        for (String key : store.list(TaskRecord.MARKERS)) {
            String name = key.substring(TaskRecord.MARKERS.length());
            if (name.endsWith(".json") && !name.contains("/") && !name.equals(REPORT_TASK + ".json")) {
                tasks.add(TaskRecord.read(files, key));
            }
        }
        tasks.sort(Comparator.comparing(TaskRecord::task));
        return new RunResults(store.location(), data, taskset, dissimilarity, learning, attractors,
                trials(files, data), activity(files, dissimilarity), tasks, config(files, configJson));
    }

    /** The sub-folders under {@code prefix} that hold any file, sorted. */
    private static List<String> parts(ArtifactStore store, String prefix) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : store.list(prefix)) {
            String rest = key.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                names.add(rest.substring(0, slash));
            }
        }
        return List.copyOf(names);
    }

    private static JsonNode finished(StoreFiles files, String dir) {
        String manifest = dir + "manifest.json";
        if (!files.exists(manifest)) {
            throw new IllegalArgumentException(files.source(manifest) + ": missing: the task writing " + dir
                    + " has not finished");
        }
        return files.json(manifest);
    }

    private static List<ExampleTrial> trials(StoreFiles files, JsonNode data) {
        JsonNode tasks = files.field(data, DATA_MANIFEST, "", "tasks");
        double dt = files.field(files.field(data, DATA_MANIFEST, "", "config"), DATA_MANIFEST, "config.", "dt_ms")
                .asDouble();
        TreeMap<Integer, String> byColumn = new TreeMap<>();
        for (JsonNode t : tasks) {
            byColumn.put(files.field(t, DATA_MANIFEST, "tasks[].", "rule_column").asInt(),
                    files.field(t, DATA_MANIFEST, "tasks[].", "name").asText());
        }
        List<String> ruleNames = List.copyOf(byColumn.values());
        List<ExampleTrial> out = new ArrayList<>();
        for (String task : byColumn.values()) {
            String dir = "data/" + task + "/test/";
            NpyArray in = files.npy(dir + "inputs.npy");
            NpyArray target = files.npy(dir + "targets.npy");
            int[] s = in.shape();
            if (s.length != 3 || s[0] < 1 || s[2] < 3) {
                throw new IllegalArgumentException(files.source(dir + "inputs.npy") + ": shape "
                        + java.util.Arrays.toString(s) + ", expected (samples, steps, inputs >= 3)");
            }
            int[] ts = target.shape();
            if (ts.length != 2 || ts[0] != s[0] || ts[1] != s[1]) {
                throw new IllegalArgumentException(files.source(dir + "targets.npy") + ": shape "
                        + java.util.Arrays.toString(ts) + ", expected [" + s[0] + ", " + s[1] + "]");
            }
            double[] x = in.toDoubleArray();
            double[] y = target.toDoubleArray();
            double[][] inputs = new double[s[1]][s[2]];
            double[] first = new double[s[1]];
            for (int t = 0; t < s[1]; t++) {
                System.arraycopy(x, t * s[2], inputs[t], 0, s[2]);
                first[t] = y[t];
            }
            out.add(new ExampleTrial(task, ruleNames, dt, inputs, first));
        }
        return out;
    }

    /**
     * Per architecture, the first config (by name) of the per-architecture dissimilarity parts whose final activity
     * was recorded for master, untrained and a pretrained group: those three models, trial-averaged.
     */
    private static List<ActivityMean> activity(StoreFiles files, List<DissimilarityPart> parts) {
        List<ActivityMean> out = new ArrayList<>();
        for (String arch : DissimilarityRow.ARCHS) {
            // config -> group -> key, over the parts of this architecture
            Map<String, Map<String, String>> recorded = new TreeMap<>();
            for (DissimilarityPart p : parts) {
                if (p.cross() || p.rows().stream().noneMatch(r -> r.arch1().equals(arch))) {
                    continue;
                }
                for (JsonNode a : p.manifest().path("activity")) {
                    String[] k = a.path("key").asText().split("/");
                    if (k.length == 4 && k[0].equals("activity") && k[3].equals("final.npy")) {
                        recorded.computeIfAbsent(k[2], c -> new TreeMap<>()).putIfAbsent(k[1],
                                "dissimilarity/" + p.name() + "/" + a.path("key").asText());
                    }
                }
            }
            for (Map.Entry<String, Map<String, String>> e : recorded.entrySet()) {
                Map<String, String> g = e.getValue();
                String pretrained = TRAJECTORY_GROUPS.subList(2, TRAJECTORY_GROUPS.size()).stream()
                        .filter(g::containsKey).findFirst().orElse(null);
                if (g.containsKey("master") && g.containsKey("untrained") && pretrained != null) {
                    for (String group : List.of("master", "untrained", pretrained)) {
                        out.add(ActivityMean.read(files, arch, e.getKey(), group, g.get(group)));
                    }
                    break;
                }
            }
        }
        return out;
    }

    private static String config(StoreFiles files, String given) {
        String text = given;
        String source = "--config-json";
        if (text == null) {
            if (!files.exists(CONFIG_KEY)) {
                return null;
            }
            text = files.text(CONFIG_KEY);
            source = files.source(CONFIG_KEY);
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException(source + ": the experiment config must be a JSON object");
            }
            return n.toString();
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage().split("\n")[0], e);
        }
    }
}
