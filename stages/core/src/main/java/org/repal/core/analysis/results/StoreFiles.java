package org.repal.core.analysis.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.repal.core.store.ArtifactNotFoundException;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;

/**
 * Reads single artifacts of a run, turning every failure into an {@link IllegalArgumentException} that names the
 * file ({@code <location>/<key>}) — the report's "bad input" — so the command exits 2 with one line.
 */
final class StoreFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArtifactStore store;

    StoreFiles(ArtifactStore store) {
        this.store = store;
    }

    String source(String key) {
        return store.location() + "/" + key;
    }

    boolean exists(String key) {
        return store.exists(key);
    }

    String text(String key) {
        return new String(bytes(key), StandardCharsets.UTF_8);
    }

    byte[] bytes(String key) {
        try {
            return store.get(key);
        } catch (ArtifactNotFoundException e) {
            throw new IllegalArgumentException(source(key) + ": missing", e);
        } catch (ArtifactStoreException e) {
            throw new IllegalArgumentException(source(key) + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A JSON object. */
    JsonNode json(String key) {
        JsonNode n;
        try {
            n = JSON.readTree(bytes(key));
        } catch (IOException e) {
            throw new IllegalArgumentException(source(key) + ": not valid JSON: " + e.getMessage().split("\n")[0], e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(source(key) + ": expected a JSON object");
        }
        return n;
    }

    /** A NumPy array. */
    NpyArray npy(String key) {
        try (InputStream in = store.open(key)) {
            return Npy.read(in, source(key));
        } catch (ArtifactNotFoundException e) {
            throw new IllegalArgumentException(source(key) + ": missing", e);
        } catch (IOException | ArtifactStoreException e) {
            throw new IllegalArgumentException(source(key) + ": " + e.getMessage(), e);
        }
    }

    /** A square float matrix of side n. */
    double[][] matrix(String key, int n) {
        NpyArray a = npy(key);
        int[] s = a.shape();
        if (s.length != 2 || s[0] != n || s[1] != n) {
            throw new IllegalArgumentException(source(key) + ": shape " + java.util.Arrays.toString(s)
                    + ", expected [" + n + ", " + n + "]");
        }
        double[] flat = a.toDoubleArray();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * n, m[i], 0, n);
        }
        return m;
    }

    /** A required field of a JSON object, named in errors by its path. */
    JsonNode field(JsonNode node, String key, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(source(key) + ": " + path + field + " is missing");
        }
        return v;
    }
}
