package org.repal.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read view of a store that checks every artifact it hands out against the SHA-256 a manifest recorded for it,
 * hashing the bytes as they are read (no second pass over the file). {@link #get} checks before returning;
 * {@link #open} checks when the stream reaches its end or is closed (the unread rest is hashed then), so a reader
 * that consumes a stream inside try-with-resources fails before it can use a damaged artifact. Keys the manifest
 * does not list are passed through unchecked. Writes go to the underlying store and drop the key's expectation.
 */
public final class VerifyingArtifactStore implements ArtifactStore {
    /** The manifest every stage with a file list writes at the root of its output ({@code files: [{key, sha256}]}). */
    public static final String MANIFEST = "manifest.json";

    private final ArtifactStore store;
    private final Map<String, String> expected;
    private final String recordedIn;

    /**
     * @param expected   key → lowercase hex SHA-256
     * @param recordedIn where the hashes come from, named in errors
     */
    public VerifyingArtifactStore(ArtifactStore store, Map<String, String> expected, String recordedIn) {
        this.store = store;
        this.expected = new LinkedHashMap<>(expected);
        this.recordedIn = recordedIn;
    }

    /**
     * The store checked against its root's {@value #MANIFEST} ({@code files: [{key, size, sha256}]}, as generate,
     * dissimilarity, learning-dynamics and attractors write it); the store itself when it has no manifest (data
     * from elsewhere) or the manifest lists no files.
     *
     * @throws IllegalArgumentException naming the manifest when it is not valid JSON
     */
    public static ArtifactStore ofManifest(ArtifactStore store) {
        if (!store.exists(MANIFEST)) {
            return store;
        }
        String where = store.location() + "/" + MANIFEST;
        JsonNode root;
        try {
            root = DefaultJson.MAPPER.readTree(store.get(MANIFEST));
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getMessage(), e);
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        for (JsonNode f : root.path("files")) {
            String key = f.path("key").asText("");
            String sha = f.path("sha256").asText("");
            if (!key.isEmpty() && sha.matches("[0-9a-f]{64}")) {
                hashes.put(key, sha);
            }
        }
        return hashes.isEmpty() ? store : new VerifyingArtifactStore(store, hashes, where);
    }

    /** The hashes this view checks, key → SHA-256. */
    public Map<String, String> expected() {
        return Map.copyOf(expected);
    }

    private ArtifactIntegrityException mismatch(String key, String actual) {
        return new ArtifactIntegrityException(store.location() + "/" + key, actual, expected.get(key), recordedIn);
    }

    @Override
    public byte[] get(String key) {
        byte[] data = store.get(key);
        String want = expected.get(key);
        if (want != null) {
            String got = Sha256.of(data);
            if (!got.equals(want)) {
                throw mismatch(key, got);
            }
        }
        return data;
    }

    @Override
    public InputStream open(String key) {
        InputStream in = store.open(key);
        String want = expected.get(key);
        return want == null ? in : new CheckedStream(in, key, want);
    }

    /** Hashes what passes through; at the end of the data (or on close, after reading the rest) compares. */
    private final class CheckedStream extends FilterInputStream {
        private final String key;
        private final String want;
        private final MessageDigest md = Sha256.newDigest();
        private boolean checked;

        CheckedStream(InputStream in, String key, String want) {
            super(in);
            this.key = key;
            this.want = want;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            } else {
                md.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) {
                check();
            } else {
                md.update(buf, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() throws IOException {
            try {
                if (!checked) {
                    byte[] buf = new byte[1 << 16];
                    while (read(buf, 0, buf.length) >= 0) {
                        // hashing the unread rest; read() checks at the end
                    }
                }
            } finally {
                super.close();
            }
        }

        private void check() {
            if (!checked) {
                checked = true;
                String got = Sha256.toHex(md.digest());
                if (!got.equals(want)) {
                    throw mismatch(key, got);
                }
            }
        }
    }

    @Override
    public ArtifactInfo put(String key, byte[] data) {
        expected.remove(key);
        return store.put(key, data);
    }

    @Override
    public ArtifactInfo put(String key, Path file) {
        expected.remove(key);
        return store.put(key, file);
    }

    @Override
    public ArtifactInfo put(String key, InputStream in) {
        expected.remove(key);
        return store.put(key, in);
    }

    @Override
    public boolean exists(String key) {
        return store.exists(key);
    }

    @Override
    public Optional<ArtifactInfo> stat(String key) {
        return store.stat(key);
    }

    @Override
    public List<String> list(String prefix) {
        return store.list(prefix);
    }

    @Override
    public void delete(String key) {
        expected.remove(key);
        store.delete(key);
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "VerifyingArtifactStore[" + store + ", " + expected.size() + " hashes from " + recordedIn + "]";
    }
}
