package org.repal.core.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flat key → bytes store for pipeline artifacts (local folder or S3 bucket). Keys are relative
 * '/'-separated paths checked by {@link ArtifactKeys#validate}. Every write records the content's
 * SHA-256 so {@link #stat} can return it cheaply.
 *
 * <p>All failures are unchecked {@link ArtifactStoreException}s; a missing key on get/open is always an
 * {@link ArtifactNotFoundException}; invalid keys are IllegalArgumentException. Deleting a missing key
 * is a no-op.
 */
public interface ArtifactStore extends AutoCloseable {

    /** Stores the bytes under the key, replacing any previous artifact. */
    ArtifactInfo put(String key, byte[] data);

    /** Stores a file's contents, streaming (for big files). */
    ArtifactInfo put(String key, Path file);

    /** Stores the rest of the stream (not closed); nothing becomes visible if the stream fails. */
    ArtifactInfo put(String key, InputStream in);

    /** The artifact's bytes; ArtifactNotFoundException if there is none. */
    byte[] get(String key);

    /** A stream over the artifact for the caller to close; ArtifactNotFoundException if there is none. */
    InputStream open(String key);

    boolean exists(String key);

    /** Size and SHA-256, or empty when the key has no artifact. */
    Optional<ArtifactInfo> stat(String key);

    /** All keys starting with the prefix ("" for all), at any depth, sorted. */
    List<String> list(String prefix);

    /** Removes the artifact; no-op when it does not exist. */
    void delete(String key);

    /** Where the store lives, e.g. "/abs/path" or "s3://bucket/prefix". */
    String location();

    @Override
    void close();

    default ArtifactInfo putNpy(String key, NpyArray array) {
        return put(key, Npy.toBytes(array));
    }

    default NpyArray getNpy(String key) {
        try {
            return Npy.read(get(key), location() + "/" + key);
        } catch (IOException e) {
            throw new ArtifactStoreException(e.getMessage(), e);
        }
    }

    /** Stores the arrays as an uncompressed .npz (like np.savez). */
    default ArtifactInfo putNpz(String key, Map<String, NpyArray> arrays) {
        return put(key, Npz.toBytes(arrays, false));
    }

    default LinkedHashMap<String, NpyArray> getNpz(String key) {
        try {
            return Npz.read(new java.io.ByteArrayInputStream(get(key)), location() + "/" + key);
        } catch (IOException e) {
            throw new ArtifactStoreException(e.getMessage(), e);
        }
    }

    /** Stores the value as indented JSON with sorted map keys. */
    default ArtifactInfo putJson(String key, Object value) {
        return putJson(key, value, DefaultJson.MAPPER);
    }

    default ArtifactInfo putJson(String key, Object value, ObjectMapper mapper) {
        try {
            return put(key, mapper.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + ": cannot serialise '" + key + "' as JSON: "
                    + e.getMessage(), e);
        }
    }

    default <T> T getJson(String key, Class<T> type) {
        return getJson(key, type, DefaultJson.MAPPER);
    }

    default <T> T getJson(String key, Class<T> type, ObjectMapper mapper) {
        try {
            return mapper.readValue(get(key), type);
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + "/" + key + ": not valid JSON for "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
