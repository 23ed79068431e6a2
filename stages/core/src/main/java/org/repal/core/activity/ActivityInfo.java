package org.repal.core.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.repal.core.model.ModelConfig;
import org.repal.core.model.mamba.MambaConfig;

/**
 * What an activity array is (its JSON sidecar, without the .npy's size and hash): which model and weights,
 * which units, which window, which trials. Two recordings with equal infos are interchangeable, so a stage can
 * reuse a stored activity when the info it would write equals the stored one.
 *
 * @param model        {@code <group>/<model-name>}
 * @param architecture {@code rnn} or {@code mamba}
 * @param trialsSha256 {@link AnalysisTrials#sha256()}
 */
public record ActivityInfo(String model, String architecture, String snapshot, Units units, int unitCount,
                           ActivityWindow window, int dtMs, String task, int trials, int trialSteps,
                           String trialsSha256) {
    public static final String FORMAT = "repal-activity/1";

    /** The info of recording {@code units} of a model on these trials in this window. */
    public static ActivityInfo of(String model, ModelConfig config, Snapshot snapshot, Units units,
                                  AnalysisTrials trials, ActivityWindow window) {
        return new ActivityInfo(model, config instanceof MambaConfig ? "mamba" : "rnn", snapshot.name(), units,
                units.count(config), window, trials.dtMs(), trials.task().displayName(), trials.count(),
                trials.steps(), trials.sha256());
    }

    /** The array's shape (trials, time, units). */
    public int[] shape() {
        return new int[] {trials, window.steps(), unitCount};
    }

    /** The sidecar's fields; the writer adds the .npy's size and hash. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", FORMAT);
        o.put("model", model);
        o.put("architecture", architecture);
        o.put("snapshot", snapshot);
        ObjectNode u = o.putObject("units");
        u.put("kind", units.kind().jsonName());
        u.put("layer", units.layer());
        u.put("reference_compat_conv", units.referenceCompatConv());
        u.put("count", unitCount);
        ObjectNode w = o.putObject("window");
        w.put("mode", window.mode().jsonName());
        w.put("start", window.start());
        w.put("end", window.end());
        w.put("dt_ms", dtMs);
        ObjectNode t = o.putObject("trials");
        t.put("task", task);
        t.put("split", "test");
        t.put("count", trials);
        t.put("steps", trialSteps);
        t.put("sha256", trialsSha256);
        o.put("dtype", "float64");
        o.putArray("shape").add(trials).add(window.steps()).add(unitCount);
        return o;
    }

    /**
     * Parses a sidecar written by {@link #toJson}.
     *
     * @throws IllegalArgumentException for another format or a missing field
     */
    public static ActivityInfo fromJson(JsonNode o) {
        if (o == null || !FORMAT.equals(o.path("format").asText())) {
            throw new IllegalArgumentException("not a " + FORMAT + " sidecar");
        }
        JsonNode u = o.path("units");
        JsonNode w = o.path("window");
        JsonNode t = o.path("trials");
        for (JsonNode n : new JsonNode[] {u.path("count"), w.path("start"), w.path("end"), w.path("dt_ms"),
                t.path("count"), t.path("steps")}) {
            if (!n.canConvertToInt()) {
                throw new IllegalArgumentException("a units/window/trials count is missing");
            }
        }
        return new ActivityInfo(o.path("model").asText(), o.path("architecture").asText(), o.path("snapshot").asText(),
                new Units(Units.Kind.parse(u.path("kind").asText()), u.path("layer").asInt(),
                        u.path("reference_compat_conv").asBoolean()), u.path("count").asInt(),
                new ActivityWindow(WindowMode.parse(w.path("mode").asText()), w.path("start").asInt(),
                        w.path("end").asInt()), w.path("dt_ms").asInt(), t.path("task").asText(),
                t.path("count").asInt(), t.path("steps").asInt(), t.path("sha256").asText());
    }
}
