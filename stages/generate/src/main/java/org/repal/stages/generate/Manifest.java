package org.repal.stages.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import org.repal.core.cli.CodeVersion;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.task.Task;

/**
 * manifest.json: what was asked for, the configuration used, the code version and every file's key, size and
 * SHA-256. Nothing run-specific (no time, no location), so equal requests give byte-identical manifests.
 */
final class Manifest {
    static final String FORMAT = "repal-dataset/1";
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setDefaultPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(INDENT).withArrayIndenter(INDENT));

    private Manifest() {
    }

    static ObjectNode build(GenerateRequest r, List<ArtifactInfo> files) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("format", FORMAT);
        m.put("taskset", r.taskSet().displayName());
        ArrayNode tasks = m.putArray("tasks");
        for (Task t : r.tasks()) {
            ObjectNode n = tasks.addObject();
            n.put("name", t.displayName());
            n.put("reference_name", t.referenceName());
            n.put("rule_column", r.taskSet().ruleColumn(t));
            n.put("train_steps", r.seqLen());
            n.put("test_steps", r.config().testSteps(t));
        }
        m.put("train_size", r.trainSize());
        m.put("test_size", r.testSize());
        m.put("seq_len", r.seqLen());
        m.put("seed", r.seed());
        m.put("val_fraction", r.valFraction());
        m.put("inputs", r.taskSet().inputs());
        m.put("outputs", r.taskSet().outputs());
        m.set("config", MAPPER.valueToTree(r.config()));
        m.put("code_version", CodeVersion.get());
        ArrayNode list = m.putArray("files");
        for (ArtifactInfo f : files) {
            list.addObject().put("key", f.key()).put("size", f.size()).put("sha256", f.sha256());
        }
        return m;
    }

    static byte[] toBytes(ObjectNode manifest) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(manifest);
            byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
