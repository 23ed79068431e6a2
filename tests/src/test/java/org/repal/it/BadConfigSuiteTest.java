package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every field of an experiment config, broken one at a time, table-driven from a config that sets every field (the
 * quick profile plus every optional section): removed, of the wrong type, out of range, NaN/Inf, a path or an
 * absolute path where a name belongs, credentials in a store location, an unknown key in every mapping; and whole
 * files that are empty, truncated, binary or not a mapping. Each goes through {@code repal render --config} in
 * this JVM and must exit 2 with one line {@code render: e.yaml: <field>: <expected form>}, echo no credential and
 * write nothing. Removing an optional field must still render.
 */
class BadConfigSuiteTest {
    static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
    static final String NAN = "@NAN@";
    static final String INF = "@INF@";

    /** Fields that may be left out (defaults or optional sections). */
    static final Set<String> OPTIONAL = Set.of("name", "store", "training.mamba_epochs",
            "training.target_accuracy", "training.chunks_per_group", "dissimilarity", "dissimilarity.configs_per_task",
            "dissimilarity.rnn_vs_mamba", "dissimilarity.rnn_vs_mamba.rnn", "dissimilarity.rnn_vs_mamba.rnn.hidden",
            "dissimilarity.rnn_vs_mamba.mamba", "dissimilarity.rnn_vs_mamba.mamba.d_model", "learning_dynamics",
            "learning_dynamics.configs_per_task", "attractors", "attractors.sweep", "report", "report.min_models",
            "report.alpha", "image", "cluster");
    /** Removing these fails on a field that depends on them (named instead). */
    static final Map<String, String> DEPENDENT = Map.of("mamba", "dissimilarity.rnn_vs_mamba");
    /** Free-form strings: any text is a valid value (a local folder). */
    static final Set<String> FREE_TEXT = Set.of("store");

    @TempDir
    Path root;

    record Case(String name, String yaml, List<String> mention, boolean valid) {
    }

    private final List<Case> cases = new ArrayList<>();

    /** The quick profile with every optional section and field set. */
    static ObjectNode fullConfig() throws IOException {
        ObjectNode c;
        try (InputStream in = BadConfigSuiteTest.class.getResourceAsStream(
                "/org/repal/workflows/config/profiles/quick.yaml")) {
            c = (ObjectNode) YAML.readTree(in);
        }
        ((ObjectNode) c.get("training")).put("chunks_per_group", 1);
        ((ObjectNode) c.get("dissimilarity")).set("rnn_vs_mamba", YAML.readTree("{rnn: {hidden: [64]}, mamba: {d_model: [8]}}"));
        c.set("image", YAML.readTree("{repository: registry.example:5000/team/repal, tag: '0.1.0', gpu_tag: 0.1.0-cuda,"
                + " pull_policy: IfNotPresent}"));
        c.set("cluster", YAML.readTree("""
                namespace: repal
                service_account: repal-workflow
                artifact_repository: {config_map: repal-artifact-repository, key: repal}
                s3_secret: {name: repal-s3, access_key: accessKey, secret_key: secretKey}
                store: s3://repal/quick
                parallelism: 4
                gpu:
                  enabled: true
                  resource: nvidia.com/gpu
                  node_selector: {nvidia.com/gpu.present: 'true'}
                  tolerations: [{key: nvidia.com/gpu, operator: Equal, value: present, effect: NoSchedule}]
                """));
        ((ObjectNode) c.get("resources").get("train-rnn")).put("gpu", 1);
        return c;
    }

    static String yaml(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree).replaceAll("['\"]?" + NAN + "['\"]?", ".nan")
                    .replaceAll("['\"]?" + INF + "['\"]?", ".inf");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void mutate(ObjectNode base, String name, String path, Consumer<ObjectNode> change, boolean valid,
            String... mention) {
        ObjectNode copy = base.deepCopy();
        change.accept(copy);
        cases.add(new Case(name, yaml(copy), List.of(mention), valid));
    }

    /** Cases for every field under {@code node} (at {@code path}; {@code parent} holds it). */
    private void walk(ObjectNode base, String path, JsonNode node) {
        if (node.isObject()) {
            if (!path.endsWith("node_selector")) {
                String where = path.isEmpty() ? "" : path + ".";
                mutate(base, "unknown key in " + (path.isEmpty() ? "the top level" : path), path,
                        c -> ((ObjectNode) at(c, path)).put("bogus_key", 1), false, where + "bogus_key");
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                String p = path.isEmpty() ? field : path + "." + field;
                // Under image and cluster everything has a default, but a toleration with operator Equal needs its key.
                boolean optional = OPTIONAL.contains(p) || p.startsWith("image.") || p.startsWith("dissimilarity.rnn_vs_mamba.")
                        || (p.startsWith("cluster.") && !p.endsWith("tolerations[0].key"));
                mutate(base, "missing " + p, p, c -> ((ObjectNode) at(c, path)).remove(field), optional,
                        DEPENDENT.getOrDefault(p, p));
                JsonNode child = node.get(field);
                if (!child.isObject()) {
                    mutate(base, "a mapping for " + p, p, c -> ((ObjectNode) at(c, path)).set(field,
                            JsonNodeFactory.instance.objectNode().put("x", 1)), false, p);
                }
                if (child.isArray()) {
                    if (!p.endsWith("tolerations")) {
                        mutate(base, "empty list " + p, p, c -> ((ObjectNode) at(c, path)).set(field,
                                JsonNodeFactory.instance.arrayNode()), false, p);
                    }
                    for (int i = 0; i < child.size(); i++) {
                        JsonNode e = child.get(i);
                        int index = i;
                        if (e.isObject()) {
                            walk(base, p + "[" + i + "]", e);
                        } else {
                            values(base, p + "[" + i + "]", p, e, v -> c -> ((ArrayNode) at(c, p)).set(index, v));
                        }
                    }
                } else if (p.endsWith("node_selector")) {
                    // Its keys are label keys (with '.' and '/'), its values label values.
                    mutate(base, "bad label value in " + p, p, c -> ((ObjectNode) at(c, p)).put("zone", "../evil"), false, p);
                    mutate(base, "bad label key in " + p, p, c -> ((ObjectNode) at(c, p)).put("../evil", "x"), false, p);
                } else if (child.isObject()) {
                    walk(base, p, child);
                } else {
                    values(base, p, p, child, v -> c -> ((ObjectNode) at(c, path)).set(field, v));
                }
            }
        }
    }

    /** Wrong type, out of range, NaN/Inf for numbers; paths and absolute paths for strings. */
    private void values(ObjectNode base, String p, String mention, JsonNode value,
            java.util.function.Function<JsonNode, Consumer<ObjectNode>> set) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value.isNumber()) {
            mutate(base, "text for " + p, p, set.apply(f.textNode("many")), false, mention);
            mutate(base, "NaN for " + p, p, set.apply(f.textNode(NAN)), false, mention);
            mutate(base, "Inf for " + p, p, set.apply(f.textNode(INF)), false, mention);
            if (p.equals("seed")) {
                mutate(base, "fraction for " + p, p, set.apply(f.numberNode(1.5)), false, mention);
            } else {
                mutate(base, "-1 for " + p, p, set.apply(f.numberNode(-1)), false, mention);
            }
            if (value.isIntegralNumber() && !p.endsWith(".cpu")) { // cpu is a number of cores: 2.5 is fine
                mutate(base, "fraction for integer " + p, p, set.apply(f.numberNode(2.5)), false, mention);
                mutate(base, "overflow for " + p, p, set.apply(f.numberNode(new java.math.BigInteger("99999999999999999999"))),
                        false, mention);
            }
        } else if (value.isBoolean()) {
            mutate(base, "text for boolean " + p, p, set.apply(f.textNode("maybe")), false, mention);
        } else if (value.isTextual()) {
            if (p.endsWith("store")) {
                mutate(base, "credentials in " + p, p, set.apply(f.textNode(BadInputSuiteTest.CRED_URL)), false,
                        mention, "credentials");
            }
            if (!FREE_TEXT.contains(p)) {
                mutate(base, "../ in " + p, p, set.apply(f.textNode("../evil")), false, mention);
                mutate(base, "absolute path in " + p, p, set.apply(f.textNode("/etc/passwd")), false, mention);
                if (!p.endsWith("tolerations[0].value")) { // an empty label value is valid
                    mutate(base, "empty " + p, p, set.apply(f.textNode("")), false, mention);
                }
            }
        }
    }

    static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        if (path.isEmpty()) {
            return n;
        }
        // Field names hold no '.', except under node_selector, whose keys are not walked into.
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            n = n.get(name);
            if (bracket >= 0) {
                n = n.get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
        }
        return n;
    }

    private void wholeFiles(String full) {
        cases.add(new Case("empty file", "", List.of("e.yaml"), false));
        cases.add(new Case("only a comment", "# nothing here\n", List.of("e.yaml"), false));
        // Cut inside a line (a truncated upload or a partial write), at places where what is left cannot be whole.
        for (String anchor : new String[] {"data:", "rnn_type", "d_model", "train-mamba:", "learning-dynamics:"}) {
            int cut = full.lastIndexOf(anchor) + 4;
            cases.add(new Case("truncated in " + anchor, full.substring(0, cut), List.of("e.yaml"), false));
        }
        cases.add(new Case("binary (a .npy file)", "\u0093NUMPY\u0001\u0000v\u0000{'descr': '<f8', 'fortran_order': False}",
                List.of("e.yaml"), false));
        cases.add(new Case("a list at the top", "- taskset: PDM\n", List.of("e.yaml"), false));
        cases.add(new Case("a scalar at the top", "PDM\n", List.of("e.yaml"), false));
        cases.add(new Case("tab indentation", full.replace("  train_size", "\ttrain_size"), List.of("e.yaml"), false));
        cases.add(new Case("duplicate key", full + "seed: 7\n", List.of("seed"), false));
        cases.add(new Case("two documents", full + "---\nseed: 7\n", List.of("e.yaml"), false));
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenFieldExitsTwoNamingIt() throws IOException {
        ObjectNode full = fullConfig();
        cases.add(new Case("the full config itself", yaml(full), List.of(), true));
        walk(full, "", full);
        wholeFiles(yaml(full));
        System.out.println("BadConfigSuiteTest: " + cases.size() + " config cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Path dir = root.resolve("case-" + i);
            tests.add(dynamicTest(c.name(), () -> check(c, dir)));
        }
        return tests.stream();
    }

    static void check(Case c, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("e.yaml"), c.yaml(), StandardCharsets.ISO_8859_1);
        Map<String, String> before = FolderSnapshot.of(dir);
        InProcessCli.Result r = InProcessCli.run(List.of("render", "--config", dir.resolve("e.yaml").toString(), "--out",
                dir.resolve("wf.yaml").toString()));
        String what = c.name() + "\n--- e.yaml ---\n" + c.yaml() + "\n" + r.describe();
        if (c.valid()) {
            assertEquals(0, r.exit(), what);
            assertTrue(Files.isRegularFile(dir.resolve("wf.yaml")), what);
            return;
        }
        assertEquals(2, r.exit(), what);
        List<String> lines = r.stderrLines();
        assertEquals(1, lines.size(), "exactly one line: " + what);
        String line = lines.get(0);
        assertTrue(line.startsWith("render: e.yaml: ") || line.startsWith("render: " + dir.resolve("e.yaml")),
                "names the file: " + what);
        for (String m : c.mention()) {
            assertTrue(line.contains(m), "names '" + m + "': " + what);
        }
        assertTrue(line.matches(".*(must|expected|unknown key|missing|invalid YAML|empty|not UTF-8|unknown stage"
                + "|only applies|is listed twice|not a valid|Duplicate|\\(known: |needs a).*"), "says what is expected: " + what);
        assertFalse(line.contains(BadInputSuiteTest.SECRET), "echoes a credential: " + what);
        assertEquals(before, FolderSnapshot.of(dir), "wrote something: " + what);
    }

    /** The profiles themselves are in the table's base: both must render. */
    @Test
    void bundledProfilesRender() throws IOException {
        for (String p : List.of("quick", "paper")) {
            InProcessCli.Result r = InProcessCli.run(List.of("render", "--profile", p, "--out",
                    root.resolve(p + ".yaml").toString()));
            assertEquals(0, r.exit(), r.describe());
        }
    }
}
