package org.repal.workflows.argo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Argo's published JSON schema ({@code $REPAL_SHARED/vendor-data/argo-workflows/schema.json}, read from there,
 * never copied), rooted at one kind's definition. Without REPAL_SHARED the calling test is skipped; with it, a
 * missing file is a failure.
 */
public final class ArgoSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private final Schema schema;

    private ArgoSchema(Schema schema) {
        this.schema = schema;
    }

    /** @param kind "Workflow" or "WorkflowTemplate" */
    public static ArgoSchema forKind(String kind) {
        String shared = System.getenv("REPAL_SHARED");
        assumeTrue(shared != null, "set REPAL_SHARED to the shared folder to validate against Argo's schema");
        Path file = Path.of(shared, "vendor-data", "argo-workflows", "schema.json");
        try {
            JsonNode full = JSON.readTree(file.toFile());
            ObjectNode root = JSON.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", "#/definitions/io.argoproj.workflow.v1alpha1." + kind);
            root.set("definitions", full.get("definitions"));
            return new ArgoSchema(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Argo's schema at " + file, e);
        }
    }

    /** The schema violations of one YAML document, as readable lines (empty when valid). */
    public List<String> violations(String yaml) {
        try {
            return errors(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> errors(JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    public static boolean filesExist() {
        return Files.exists(Path.of(System.getenv("REPAL_SHARED"), "vendor-data", "argo-workflows", "schema.json"));
    }
}
