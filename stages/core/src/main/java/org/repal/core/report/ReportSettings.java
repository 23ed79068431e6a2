package org.repal.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.repal.core.analysis.findings.FindingsSettings;
import org.repal.core.analysis.stats.VerdictRules;
import org.repal.core.store.ArtifactStore;

/**
 * The statistics settings a report was built with, kept beside it as {@value #KEY} so that a rebuild from the
 * finished run uses the same ones: each setting is the one given on the command line, else the recorded one, else
 * (for the seed) the experiment config's seed, else the default.
 */
public final class ReportSettings {
    /** Where the settings are kept in the run. */
    public static final String KEY = ReportPublisher.PREFIX + "settings.json";
    static final String FILE = "settings.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportSettings() {
    }

    /**
     * The settings of this build.
     *
     * @param store      the run (read only)
     * @param configJson the experiment config given for this build, or null
     * @param seed       … the command line's values, null when not given
     */
    public static FindingsSettings resolve(ArtifactStore store, String configJson, Long seed, Integer minModels,
                                           Double alpha, Integer resamples, Integer permutations) {
        JsonNode rec = recorded(store);
        long s = seed != null ? seed : rec.has("seed") ? rec.get("seed").asLong() : configSeed(store, configJson);
        int m = minModels != null ? minModels : rec.path("min_models").asInt(VerdictRules.DEFAULT_MIN_MODELS);
        double a = alpha != null ? alpha : rec.path("alpha").asDouble(VerdictRules.DEFAULT_ALPHA);
        int r = resamples != null ? resamples : rec.path("resamples").asInt(FindingsSettings.DEFAULT_RESAMPLES);
        int p = permutations != null ? permutations
                : rec.path("permutations").asInt(FindingsSettings.DEFAULT_PERMUTATIONS);
        VerdictRules rules;
        try {
            rules = new VerdictRules(m, a);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--min-models/--alpha: " + e.getMessage(), e);
        }
        return new FindingsSettings(s, rules, r, p);
    }

    /** The settings as the JSON file kept beside the report. */
    static byte[] json(FindingsSettings s) {
        ObjectNode o = JSON.createObjectNode().put("seed", s.seed()).put("min_models", s.rules().minModels())
                .put("alpha", s.rules().alpha()).put("resamples", s.resamples()).put("permutations", s.permutations());
        return (ProvenanceSection.pretty(o) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode recorded(ArtifactStore store) {
        if (!store.exists(KEY)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(store.get(KEY));
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException(store.location() + "/" + KEY + ": expected a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException(store.location() + "/" + KEY + ": not valid JSON", e);
        }
    }

    /** The experiment config's seed (given, else the one kept by an earlier report), else 0. */
    private static long configSeed(ArtifactStore store, String configJson) {
        String text = configJson;
        if (text == null && store.exists(org.repal.core.analysis.results.RunReader.CONFIG_KEY)) {
            text = new String(store.get(org.repal.core.analysis.results.RunReader.CONFIG_KEY), StandardCharsets.UTF_8);
        }
        if (text == null) {
            return 0;
        }
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.path("seed").canConvertToLong() ? n.path("seed").asLong() : 0;
        } catch (IOException e) {
            return 0; // the reader reports a malformed config, naming where it came from
        }
    }
}
