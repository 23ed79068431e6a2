package org.repal.core.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.NpyArray;

/**
 * An analysis stage's files: float64 .npy vectors and matrices, text (CSV, JSON), and manifest.json last, listing
 * every written file and every activity recording used, with size and SHA-256.
 */
public final class AnalysisOutput {
    public static final String MANIFEST = "manifest.json";

    private final ArtifactStore store;
    private final List<ArtifactInfo> written = new ArrayList<>();

    public AnalysisOutput(ArtifactStore store) {
        this.store = store;
    }

    public void vector(String key, double[] v) {
        written.add(store.putNpy(key, NpyArray.ofDoubles(v.clone(), v.length)));
    }

    public void matrix(String key, double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] flat = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        written.add(store.putNpy(key, NpyArray.ofDoubles(flat, m.length, cols)));
    }

    public void text(String key, String text) {
        written.add(store.put(key, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Last: the settings, then every written file and every activity recording (.npy and .json) used. */
    public void manifest(ObjectNode settings, Set<String> activityKeys) {
        ObjectNode manifest = settings.deepCopy();
        ArrayNode files = manifest.putArray("files");
        for (ArtifactInfo info : written) {
            files.addObject().put("key", info.key()).put("size", info.size()).put("sha256", info.sha256());
        }
        ArrayNode activity = manifest.putArray("activity");
        for (String key : activityKeys) {
            for (String ext : new String[] {".npy", ".json"}) {
                ArtifactInfo info = store.stat(key + ext).orElseThrow(() -> new IllegalStateException(
                        store.location() + "/" + key + ext + ": activity recording vanished during the run"));
                activity.addObject().put("key", info.key()).put("size", info.size()).put("sha256", info.sha256());
            }
        }
        store.put(MANIFEST, (manifest.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
