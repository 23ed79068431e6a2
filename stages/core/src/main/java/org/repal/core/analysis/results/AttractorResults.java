package org.repal.core.analysis.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attractor bench's outputs ({@code attractors/}): the 9 × 9 regime matrices and the 60 × 60 composition
 * matrices per metric with their row names, and the noise-robustness series of its summary.
 *
 * @param settings     the bench's settings (summary.json "settings")
 * @param systems      names of the regime matrices' rows, e.g. {@code two_stable_attractors_rho5.0}
 * @param regimes      metric → 9 × 9 matrix
 * @param compositions names of the composition matrices' rows, motifs joined by '-', e.g. {@code line-curve-lclc}
 * @param composition  metric → 60 × 60 matrix
 * @param noise        metric → comparison ("model12", "model23") → series over the noise epochs
 * @param noisePairs   number of pattern pairs each noise mean averages
 */
public record AttractorResults(JsonNode settings, List<String> systems, Map<String, double[][]> regimes,
                               List<String> compositions, Map<String, double[][]> composition,
                               Map<String, Map<String, NoiseSeries>> noise, int noisePairs) {

    /** The mean ± SEM over the pattern pairs at each noise epoch, with the bench's line fit (R²) and gap. */
    public record NoiseSeries(double[] mean, double[] sem, double r2, double gap) {
    }

    static final String SUMMARY = "attractors/summary.json";
    static final String MANIFEST = "attractors/manifest.json";

    /** Reads the bench; the caller has checked that its manifest exists. */
    static AttractorResults read(StoreFiles files) {
        JsonNode s = files.json(SUMMARY);
        JsonNode settings = files.field(s, SUMMARY, "", "settings");
        List<String> systems = names(files, files.field(files.field(s, SUMMARY, "", "regimes"), SUMMARY, "regimes.",
                "systems"), "regimes.systems");
        List<String> compositions = names(files, files.field(files.field(s, SUMMARY, "", "composition"), SUMMARY,
                "composition.", "compositions"), "composition.compositions");
        Map<String, double[][]> regimes = new LinkedHashMap<>();
        Map<String, double[][]> composition = new LinkedHashMap<>();
        Map<String, Map<String, NoiseSeries>> noise = new LinkedHashMap<>();
        JsonNode noiseNode = files.field(s, SUMMARY, "", "noise");
        for (String m : DissimilarityRow.METRICS) {
            regimes.put(m, files.matrix("attractors/regimes/" + m + ".npy", systems.size()));
            composition.put(m, files.matrix("attractors/composition/" + m + ".npy", compositions.size()));
            Map<String, NoiseSeries> byModel = new LinkedHashMap<>();
            JsonNode metric = files.field(noiseNode, SUMMARY, "noise.", m);
            for (String which : List.of("model12", "model23")) {
                JsonNode n = files.field(metric, SUMMARY, "noise." + m + ".", which);
                String path = "noise." + m + "." + which + ".";
                byModel.put(which, new NoiseSeries(numbers(files, files.field(n, SUMMARY, path, "mean"), path + "mean"),
                        numbers(files, files.field(n, SUMMARY, path, "sem"), path + "sem"),
                        files.field(n, SUMMARY, path, "r2").asDouble(Double.NaN),
                        files.field(n, SUMMARY, path, "gap").asDouble(Double.NaN)));
            }
            noise.put(m, byModel);
        }
        int pairs = files.field(noiseNode, SUMMARY, "noise.", "pairs").size();
        return new AttractorResults(settings, systems, regimes, compositions, composition, noise, pairs);
    }

    private static List<String> names(StoreFiles files, JsonNode array, String path) {
        if (!array.isArray() || array.size() < 2) {
            throw new IllegalArgumentException(files.source(SUMMARY) + ": " + path + " must list at least 2 names");
        }
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static double[] numbers(StoreFiles files, JsonNode array, String path) {
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException(files.source(SUMMARY) + ": " + path + " must be a non-empty array");
        }
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException(files.source(SUMMARY) + ": " + path + "[" + i + "] is not a number");
            }
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
