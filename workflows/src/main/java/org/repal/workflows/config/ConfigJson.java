package org.repal.workflows.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A config as compact, canonical JSON (snake_case keys in declaration order, map keys sorted, no nulls,
 * defaults filled in): what a workflow hands its pods, which parse it back with {@link ConfigLoader#parse}
 * (JSON is YAML) and re-plan. Same config, same bytes.
 */
public final class ConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ConfigJson() {
    }

    public static String write(ExperimentConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a config is plain data", e);
        }
    }
}
