package org.repal.stages.generate;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;
import org.repal.core.task.TaskSetConfig;

/**
 * {@code --config FILE.json}: a JSON object whose fields (the manifest's "config" names, e.g. "coherences",
 * "noise_sigma", "timing_with_delay_training": {"delay": [500]}) replace the defaults; nested objects are
 * merged field by field, unknown fields are errors.
 */
final class ConfigFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigFile() {
    }

    static TaskSetConfig read(Path file) {
        if (file == null) {
            return TaskSetConfig.defaults();
        }
        try {
            JsonNode user = MAPPER.readTree(Files.readAllBytes(file));
            if (user == null || !user.isObject()) {
                throw new IllegalArgumentException("--config " + file + ": expected a JSON object");
            }
            ObjectNode merged = MAPPER.valueToTree(TaskSetConfig.defaults());
            merge(merged, (ObjectNode) user, "");
            return MAPPER.treeToValue(merged, TaskSetConfig.class).validate();
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
            throw new IllegalArgumentException("--config " + file + ": config field '" + field + "': "
                    + e.getOriginalMessage().split("\n")[0], e);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--config " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + file + ": " + e.getMessage().split("\n")[0], e);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("--config")) {
                throw e;
            }
            throw new IllegalArgumentException("--config " + file + ": " + e.getMessage(), e);
        }
    }

    private static void merge(ObjectNode base, ObjectNode user, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = path + e.getKey();
            JsonNode current = base.get(e.getKey());
            if (current == null) {
                throw new IllegalArgumentException("unknown config field '" + name + "'");
            }
            if (current.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) current, (ObjectNode) e.getValue(), name + ".");
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }
}
