package org.repal.stages.generate;

import org.repal.core.store.FileTrees;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.ArtifactStores;
import org.repal.core.store.LocalArtifactStore;

/**
 * The {@code --out} location, opened through {@link ArtifactStores#open} and checked before any trial is
 * generated: the store must open (local folder creatable, S3 credentials present, bucket reachable) and answer
 * a stat of the manifest. Failures are IllegalArgumentExceptions naming {@code --out}; a local folder this
 * check created is removed again.
 */
final class OutputLocation implements AutoCloseable {
    private final String location;
    private final ArtifactStore store;
    private final boolean createdRoot;

    private OutputLocation(String location, ArtifactStore store, boolean createdRoot) {
        this.location = location;
        this.store = store;
        this.createdRoot = createdRoot;
    }

    static OutputLocation open(String location, Map<String, String> env) {
        Path local = localPath(location);
        boolean existed = local == null || Files.exists(local, LinkOption.NOFOLLOW_LINKS);
        ArtifactStore store = null;
        try {
            store = ArtifactStores.open(location, env);
            store.stat(DatasetPublisher.MANIFEST);
            return new OutputLocation(location, store, !existed);
        } catch (ArtifactStoreException | IllegalArgumentException e) {
            if (store != null) {
                closeQuietly(store);
            }
            if (!existed && store instanceof LocalArtifactStore) {
                try {
                    FileTrees.deleteRecursively(((LocalArtifactStore) store).root());
                } catch (IOException ignored) {
                    // best effort
                }
            }
            throw new IllegalArgumentException("--out " + location + ": " + e.getMessage(), e);
        }
    }

    /** The folder of a local location, null for s3:// and other schemes (as ArtifactStores.open reads them). */
    static Path localPath(String location) {
        if (location == null || location.isBlank() || location.startsWith("s3://")) {
            return null;
        }
        try {
            if (location.startsWith("file://")) {
                return Path.of(URI.create(location));
            }
            int scheme = location.indexOf("://");
            if (scheme > 0 && location.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                return null;
            }
            return Path.of(location);
        } catch (RuntimeException e) {
            return null; // ArtifactStores.open reports the malformed location
        }
    }

    /** A publisher for one dataset; its staging area is created now so an unwritable folder fails early. */
    DatasetPublisher publisher() {
        try {
            if (store instanceof LocalArtifactStore) {
                return new LocalPublisher((LocalArtifactStore) store, createdRoot);
            }
            return new StorePublisher(store);
        } catch (IOException | ArtifactStoreException e) {
            if (createdRoot) {
                try {
                    FileTrees.deleteRecursively(((LocalArtifactStore) store).root());
                } catch (IOException | RuntimeException ignored) {
                    // best effort
                }
            }
            throw new IllegalArgumentException("--out " + location + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Where the store lives, e.g. the absolute folder or s3://bucket/prefix. */
    String describe() {
        return store.location();
    }

    @Override
    public void close() {
        closeQuietly(store);
    }

    private static void closeQuietly(ArtifactStore store) {
        try {
            store.close();
        } catch (RuntimeException e) {
            // nothing left to release that matters
        }
    }
}
