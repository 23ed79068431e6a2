package org.repal.workflows.argo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * YAML for the typed Argo objects: deterministic output (declaration order, no nulls) and a strict reader that
 * rejects every property the classes do not model, including those fabric8's model classes would otherwise
 * keep in their {@code additionalProperties} maps.
 */
public final class ArgoYaml {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ArgoYaml() {
    }

    public static String write(Object argoObject) {
        try {
            return YAML.writeValueAsString(argoObject);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Argo objects are plain data", e);
        }
    }

    /**
     * Reads YAML into {@code type}; throws {@link IllegalArgumentException} naming {@code source} and the path of
     * the first property the classes do not model.
     */
    public static <T> T read(String yaml, Class<T> type, String source) {
        T value;
        try {
            value = YAML.readValue(yaml, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage() + " at "
                    + (e.getLocation() == null ? "?" : "line " + e.getLocation().getLineNr()), e);
        }
        UnmodelledProperties.find(value).ifPresent(path -> {
            throw new IllegalArgumentException(source + ": property " + path + " is not part of the modelled "
                    + type.getSimpleName() + " fields");
        });
        return value;
    }
}
