package org.repal.core.analysis.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One finished plan task as its completion marker ({@code .repal/tasks/<task>.json}) records it: the SHA-256 of
 * every output, and — in markers written since the report stage — the stage's wall time and the machine it ran
 * on. For older markers the wall time falls back to the last line of a local run's log
 * ({@code .repal/logs/<task>.log}, {@code "status":"ran"} lines only); on S3 there are no logs.
 *
 * @param task          plan task name
 * @param outputs       output key → SHA-256, sorted by key
 * @param seconds       the stage's wall time, or null when neither source has it
 * @param secondsSource "marker", "log" or null
 * @param machine       where it ran, e.g. "Linux amd64, 2 cores, Java 17.0.15", or null when not recorded
 */
public record TaskRecord(String task, Map<String, String> outputs, Double seconds, String secondsSource,
                         String machine) {

    static final String MARKERS = ".repal/tasks/";
    static final String LOGS = ".repal/logs/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stage of the task: its name up to the group or chunk suffix ("train-rnn", "dissimilarity", …). */
    public String stage() {
        for (String s : List.of("train-rnn", "train-mamba", "learning-dynamics", "dissimilarity", "generate",
                "attractors", "report")) {
            if (task.equals(s) || task.startsWith(s + "-")) {
                return s;
            }
        }
        return task;
    }

    /** Reads a marker (key {@code .repal/tasks/<task>.json}); a malformed marker names its file. */
    static TaskRecord read(StoreFiles files, String key) {
        JsonNode m = files.json(key);
        String task = files.field(m, key, "", "task").asText();
        JsonNode outs = files.field(m, key, "", "outputs");
        if (!outs.isObject()) {
            throw new IllegalArgumentException(files.source(key) + ": outputs must be an object");
        }
        Map<String, String> outputs = new TreeMap<>();
        outs.fields().forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().asText()));
        Double seconds = m.hasNonNull("seconds") && m.get("seconds").isNumber() ? m.get("seconds").asDouble() : null;
        String source = seconds == null ? null : "marker";
        if (seconds == null) {
            seconds = fromLog(files, LOGS + task + ".log");
            source = seconds == null ? null : "log";
        }
        String machine = m.hasNonNull("machine") ? m.get("machine").asText() : null;
        return new TaskRecord(task, java.util.Collections.unmodifiableMap(outputs), seconds, source, machine);
    }

    /** The seconds of the last {@code "status":"ran"} JSON line of a local log, or null. */
    private static Double fromLog(StoreFiles files, String key) {
        if (!files.exists(key)) {
            return null;
        }
        String[] lines = new String(files.bytes(key), StandardCharsets.UTF_8).split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.startsWith("{") && l.contains("\"status\"")) {
                try {
                    JsonNode n = JSON.readTree(l);
                    return "ran".equals(n.path("status").asText()) && n.path("seconds").isNumber()
                            ? n.get("seconds").asDouble() : null;
                } catch (IOException e) {
                    return null; // a log is a convenience: an unreadable line means no time
                }
            }
        }
        return null;
    }
}
