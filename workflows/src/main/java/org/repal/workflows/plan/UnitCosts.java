package org.repal.workflows.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * The measured per-unit costs behind the plan's estimates, one documented table: the resource
 * {@value #RESOURCE} (each figure with its value, unit and source: which bench, on which machine).
 */
public final class UnitCosts {
    public static final String RESOURCE = "/org/repal/workflows/plan/unit-costs.json";
    private static final JsonNode TABLE = load();

    private UnitCosts() {
    }

    /** The value of a figure; an unknown name is a programming error. */
    public static double get(String name) {
        JsonNode v = TABLE.path(name).path("value");
        if (!v.isNumber()) {
            throw new IllegalStateException(RESOURCE + ": no figure " + name);
        }
        return v.asDouble();
    }

    /** The whole table (for {@code repal plan --json}). */
    public static JsonNode table() {
        return TABLE.deepCopy();
    }

    private static JsonNode load() {
        try (InputStream in = UnitCosts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the build");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
