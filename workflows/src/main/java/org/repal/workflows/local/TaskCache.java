package org.repal.workflows.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.Sha256;
import org.repal.workflows.config.ProjectVersion;
import org.repal.workflows.plan.PlanTask;

/**
 * Completion markers {@code .repal/tasks/<task>.json} = {key, outputs: {key: sha256}}, written after the task's
 * outputs. A task's key hashes (stage, code version, its arguments — the config values it reads, with the store
 * location left as a placeholder — and its inputs' hashes); a task is done when its marker has the current key
 * and every output it lists still has the recorded hash.
 */
public final class TaskCache {
    public static final String MARKERS = ".repal/tasks/";
    static final String CODE_VERSION = ProjectVersion.VALUE;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The cache decision for a task: its key and whether its marker already verifies. */
    public record Check(String key, boolean done) {
    }

    /**
     * What a marker records: the task, its key, its outputs' SHA-256 and — for the report's provenance — the
     * stage's wall time in seconds and the machine it ran on (null in markers written before they were recorded;
     * neither takes part in the cache decision).
     */
    public record Marker(String task, String key, Map<String, String> outputs, Double seconds, String machine) {
    }

    private final ArtifactStore store;

    public TaskCache(ArtifactStore store) {
        this.store = store;
    }

    /** The task's cache key; its inputs must exist (they are outputs of finished tasks). */
    public String key(PlanTask t) {
        StringBuilder sb = new StringBuilder();
        sb.append("stage=").append(t.stage()).append('\n').append("code=").append(CODE_VERSION).append('\n');
        for (String a : t.args()) {
            sb.append("arg=").append(a).append('\n');
        }
        for (String in : t.inputs()) {
            String sha = store.stat(in).map(ArtifactInfo::sha256)
                    .orElseThrow(() -> new IllegalArgumentException(t.name() + ": input " + in
                            + " is missing (run the task that writes it first)"));
            sb.append("input=").append(in).append('=').append(sha).append('\n');
        }
        return Sha256.of(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The check every runner makes before a task (its inputs must exist): done when the marker verifies;
     * otherwise the outputs of an older key, and the folders of outputs changed since the marker, are removed
     * first, so the task starts clean.
     */
    public Check check(PlanTask t) {
        String key = key(t);
        if (isDone(t, key)) {
            return new Check(key, true);
        }
        invalidateStale(t, key);
        removeDamaged(t, key);
        return new Check(key, false);
    }

    /**
     * With a marker of the current key, removes the folders of outputs that lost their recorded hash: stages
     * skip work whose files exist (train-rnn a run with final.npz), so a corrupted file would otherwise stay
     * and be recorded as good.
     */
    private void removeDamaged(PlanTask t, String key) {
        Optional<Marker> m = marker(t);
        if (m.isEmpty() || !key.equals(m.get().key())) {
            return;
        }
        List<String> damaged = m.get().outputs().entrySet().stream()
                .filter(e -> !store.stat(e.getKey()).map(ArtifactInfo::sha256).equals(Optional.of(e.getValue())))
                .map(Map.Entry::getKey).toList();
        store.delete(markerKey(t));
        for (String prefix : outputFolders(damaged)) {
            for (String k : store.list(prefix)) {
                store.delete(k);
            }
        }
    }

    public static String markerKey(PlanTask t) {
        return MARKERS + t.name() + ".json";
    }

    public Optional<Marker> marker(PlanTask t) {
        if (!store.exists(markerKey(t))) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(store.get(markerKey(t)), Marker.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: treat as not done
        }
    }

    /** True when the marker holds this key and every output is present with its recorded hash. */
    public boolean isDone(PlanTask t, String key) {
        Optional<Marker> m = marker(t);
        if (m.isEmpty() || !key.equals(m.get().key()) || !m.get().outputs().keySet().equals(new java.util.HashSet<>(t.outputs()))) {
            return false;
        }
        for (Map.Entry<String, String> e : m.get().outputs().entrySet()) {
            Optional<ArtifactInfo> info = store.stat(e.getKey());
            if (info.isEmpty() || !info.get().sha256().equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Records completion without a wall time; throws if an output the task promised is missing. */
    public Marker complete(PlanTask t, String key) {
        return complete(t, key, null);
    }

    /**
     * Records completion with the stage's wall time (null: not measured) and this machine; throws if an output the
     * task promised is missing.
     */
    public Marker complete(PlanTask t, String key, Double seconds) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String out : t.outputs()) {
            outputs.put(out, store.stat(out).map(ArtifactInfo::sha256).orElseThrow(() ->
                    new IllegalStateException(t.name() + ": finished without writing " + out)));
        }
        Marker m = new Marker(t.name(), key, outputs, seconds, machine());
        store.putJson(markerKey(t), m);
        return m;
    }

    /**
     * Before rerunning a task whose marker has another key (changed config or inputs), removes the folders of
     * its outputs, so that stages that skip finished work (train-rnn) do not keep stale results.
     */
    public void invalidateStale(PlanTask t, String key) {
        Optional<Marker> m = marker(t);
        if (m.isEmpty() || key.equals(m.get().key())) {
            return;
        }
        store.delete(markerKey(t));
        for (String prefix : outputFolders(t.outputs())) {
            for (String k : store.list(prefix)) {
                store.delete(k);
            }
        }
    }

    /** This machine as the report shows it: OS, architecture, cores, Java version. */
    static String machine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
    }

    private static List<String> outputFolders(List<String> outputs) {
        return outputs.stream().map(o -> o.substring(0, o.lastIndexOf('/') + 1)).distinct().toList();
    }
}
