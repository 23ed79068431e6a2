package org.repal.stages.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.ArtifactStore;

/**
 * Any other store (S3): objects cannot be renamed, so the old manifest is deleted first, each file is spooled
 * to a local temp file and uploaded under its final key, and the manifest is put last. A failed run deletes
 * the objects it wrote and the rest of the dataset it was replacing, leaving no partial dataset.
 */
final class StorePublisher implements DatasetPublisher {
    private static final int BUFFER = 1 << 20;

    private final ArtifactStore store;
    private final Set<String> old;
    private final List<String> written = new ArrayList<>();

    StorePublisher(ArtifactStore store) {
        this.store = store;
        this.old = DatasetPublisher.manifestKeys(store);
        store.delete(MANIFEST);
    }

    @Override
    public ArtifactInfo write(String key, Body body) throws IOException {
        Path tmp = Files.createTempFile("repal-generate-", ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), BUFFER)) {
                body.writeTo(out);
            }
            written.add(key);
            return store.put(key, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void publish(byte[] manifest, List<String> keys) {
        Set<String> keep = new HashSet<>(keys);
        for (String k : old) {
            if (!keep.contains(k)) {
                store.delete(k);
            }
        }
        store.put(MANIFEST, manifest);
    }

    @Override
    public void abort() {
        Set<String> remove = new LinkedHashSet<>(written);
        remove.addAll(old);
        remove.add(MANIFEST);
        for (String k : remove) {
            try {
                store.delete(k);
            } catch (RuntimeException e) {
                // best effort: without a manifest the leftovers are not a dataset
            }
        }
    }
}
