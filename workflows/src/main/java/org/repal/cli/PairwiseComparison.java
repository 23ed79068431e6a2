package org.repal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repal.core.metric.Cka;
import org.repal.core.metric.Dsa;
import org.repal.core.metric.Procrustes;
import org.repal.core.metric.Samples;
import org.repal.core.metric.Trajectories;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Npz;

/**
 * Pairwise matrices for {@code repal compare --pairwise}: DSA (score), Procrustes and CKA (RepAL
 * dissimilarities 2θ/π and 2·arccos(CKA)/π), symmetric with zero diagonal.
 */
final class PairwiseComparison {

    private PairwiseComparison() {
    }

    static ObjectNode run(List<Path> files, List<Trajectories> arrays, MetricChoice metric, Dsa.Settings settings,
                          Path out) throws IOException {
        Map<String, double[][]> matrices = new LinkedHashMap<>();
        if (settings != null) {
            matrices.put("dsa", Dsa.pairwise(arrays, settings).scores());
        }
        int n = arrays.size();
        if (metric.includes(MetricChoice.procrustes)) {
            double[][] m = new double[n][n];
            forPairs(arrays, (i, j, x, y) -> m[i][j] = m[j][i] = Procrustes.compare(x, y).dissimilarity());
            matrices.put("procrustes", m);
        }
        if (metric.includes(MetricChoice.cka)) {
            double[][] m = new double[n][n];
            forPairs(arrays, (i, j, x, y) -> m[i][j] = m[j][i] = Cka.compare(x, y).dissimilarity());
            matrices.put("cka", m);
        }
        if (out != null) {
            write(out, matrices);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode names = root.putArray("names");
        for (Path f : files) {
            names.add(f.getFileName().toString().replaceFirst("\\.npy$", ""));
        }
        if (settings != null) {
            root.put("dsa_score_method", settings.score().id());
        }
        matrices.forEach((k, v) -> root.set(k, CompareCommand.matrix(v)));
        if (out != null) {
            root.put("out", out.toAbsolutePath().toString());
        }
        return root;
    }

    private interface PairAction {
        void apply(int i, int j, Samples x, Samples y);
    }

    private static void forPairs(List<Trajectories> arrays, PairAction action) {
        for (int i = 0; i < arrays.size(); i++) {
            for (int j = i + 1; j < arrays.size(); j++) {
                action.apply(i, j, Samples.of(arrays.get(i)), Samples.of(arrays.get(j)));
            }
        }
    }

    /** Rejects an unusable --out before any work is done. */
    static void checkOut(Path out, MetricChoice metric) {
        String name = out.getFileName().toString();
        if (name.endsWith(".npy")) {
            if (metric == MetricChoice.all) {
                throw new IllegalArgumentException("--out " + out + ": a .npy file holds one matrix but all metrics were "
                        + "requested; use --metric or an .npz file");
            }
        } else if (!name.endsWith(".npz")) {
            throw new IllegalArgumentException("--out " + out + ": expected a .npy or .npz file name");
        }
    }

    /** Writes to a temporary sibling first, then renames, so a failure never leaves half a file. */
    private static void write(Path out, Map<String, double[][]> matrices) throws IOException {
        String name = out.getFileName().toString();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        matrices.forEach((k, v) -> arrays.put(k, toNpy(v)));
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // A plain new file (not Files.createTempFile, which is owner-only) so the result gets the usual umask.
        Path tmp = parent.resolve("." + name + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            if (name.endsWith(".npz")) {
                try (var os = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                    Npz.write(arrays, os);
                }
            } else if (name.endsWith(".npy")) {
                if (arrays.size() != 1) {
                    throw new IllegalArgumentException("--out " + out + ": a .npy file holds one matrix but " + arrays.size()
                            + " metrics were computed; use --metric or an .npz file");
                }
                Npy.write(arrays.values().iterator().next(), tmp);
            } else {
                throw new IllegalArgumentException("--out " + out + ": expected a .npy or .npz file name");
            }
            Files.move(tmp, out.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static NpyArray toNpy(double[][] m) {
        int n = m.length;
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, flat, i * n, n);
        }
        return NpyArray.ofDoubles(flat, n, n);
    }
}
