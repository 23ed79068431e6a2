package org.repal.stages.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.ArtifactKeys;
import org.repal.core.store.ArtifactStore;

/**
 * Writes one dataset so that it appears whole or not at all: data files first, {@value #MANIFEST} last (a
 * location without a manifest holds no dataset), and {@link #abort} removes what a failed run wrote.
 * Publishing into a location that holds a dataset replaces it: the old manifest goes first, then the old
 * files the new dataset does not overwrite.
 */
interface DatasetPublisher {
    String MANIFEST = "manifest.json";

    /** Produces a file's bytes. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a data file (not yet visible as part of a dataset); returns its key, size and SHA-256. */
    ArtifactInfo write(String key, Body body) throws IOException;

    /** Makes the written files the dataset and publishes the manifest last. */
    void publish(byte[] manifest, List<String> keys) throws IOException;

    /** Removes everything this run wrote (best effort, never throws). */
    void abort();

    /** The keys listed by the location's current manifest (empty when there is none or it is not readable). */
    static Set<String> manifestKeys(ArtifactStore store) {
        Set<String> keys = new LinkedHashSet<>();
        if (!store.exists(MANIFEST)) {
            return keys;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(store.get(MANIFEST));
        } catch (IOException e) {
            return keys; // not ours or damaged: only the manifest itself is replaced
        }
        for (JsonNode f : root.path("files")) {
            try {
                keys.add(ArtifactKeys.validate(f.path("key").asText()));
            } catch (IllegalArgumentException e) {
                // a key we would not have written: leave it alone
            }
        }
        keys.remove(MANIFEST);
        return keys;
    }
}
