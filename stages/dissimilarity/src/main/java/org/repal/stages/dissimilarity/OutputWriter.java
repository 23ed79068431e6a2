package org.repal.stages.dissimilarity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.analysis.GroupMatrix;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.NpyArray;

/**
 * The stage's files: float64 .npy matrices (rows and columns in {@link AnalysisGroups#ORDER}), the tidy CSV,
 * and manifest.json listing every written file and every activity recording used, with size and SHA-256.
 */
final class OutputWriter {
    static final String MANIFEST = "manifest.json";
    static final String CSV = "dissimilarity.csv";
    static final String CSV_HEADER = "arch1,config1,group1,arch2,config2,group2,metric,value,accuracy1,accuracy2\n";
    static final List<String> METRICS = List.of("dsa", "procrustes", "cka");

    private final ArtifactStore store;
    private final List<ArtifactInfo> written = new ArrayList<>();

    OutputWriter(ArtifactStore store) {
        this.store = store;
    }

    void matrices(String dir, GroupMatrix.Matrices m) {
        matrix(dir + "dsa.npy", m.dsa());
        matrix(dir + "procrustes.npy", m.procrustes());
        matrix(dir + "cka.npy", m.cka());
    }

    void vector(String key, double[] v) {
        written.add(store.putNpy(key, NpyArray.ofDoubles(v.clone(), v.length)));
    }

    void text(String key, String text) {
        written.add(store.put(key, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Last: the settings, then every written file and every activity recording (.npy and .json) used. */
    void manifest(ObjectNode settings, Set<String> activityKeys) {
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

    /**
     * Appends the CSV rows of one matrix: both groups present only (absent groups have no row), each unordered pair
     * once and no diagonal for a config against itself, every (i, j) for two configs; metrics in {@link #METRICS}
     * order.
     */
    static void rows(StringBuilder csv, String arch1, String config1, double[] acc1, String arch2, String config2,
                     double[] acc2, GroupMatrix.Matrices m, boolean symmetric) {
        List<String> g = AnalysisGroups.ORDER;
        double[][][] values = {m.dsa(), m.procrustes(), m.cka()};
        for (int i = 0; i < g.size(); i++) {
            for (int j = symmetric ? i + 1 : 0; j < g.size(); j++) {
                if (m.dsaRank()[i][j] == 0) {
                    continue; // not computed: a group is absent
                }
                for (int k = 0; k < METRICS.size(); k++) {
                    csv.append(arch1).append(',').append(config1).append(',').append(g.get(i)).append(',')
                            .append(arch2).append(',').append(config2).append(',').append(g.get(j)).append(',')
                            .append(METRICS.get(k)).append(',').append(values[k][i][j]).append(',')
                            .append(acc1[i]).append(',').append(acc2[j]).append('\n');
                }
            }
        }
    }

    private void matrix(String key, double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] flat = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        written.add(store.putNpy(key, NpyArray.ofDoubles(flat, m.length, cols)));
    }
}
