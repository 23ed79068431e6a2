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
 * and every file it lists still has the recorded hash. The marker lists every file in the folders of the task's
 * declared outputs (data files, checkpoints, activity recordings, not only the outputs the plan names), so a
 * changed byte anywhere a later stage reads makes the producing task run again. Hidden entries (names starting
 * with '.': store metadata, staging folders of a killed run) are not artifacts and are not listed.
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
     * With a marker of the current key, removes the output folders holding files that lost their recorded hash
     * (the folder of the declared output that contains each damaged file: a model's whole folder for a damaged
     * checkpoint): stages skip work whose files exist (train-rnn a run with final.npz), so a corrupted file would
     * otherwise stay and be recorded as good.
     */
    private void removeDamaged(PlanTask t, String key) {
        Optional<Marker> m = marker(t);
        if (m.isEmpty() || !key.equals(m.get().key())) {
            return;
        }
        List<String> damaged = damaged(m.get());
        store.delete(markerKey(t));
        List<String> folders = outputFolders(t.outputs());
        java.util.Set<String> remove = new java.util.LinkedHashSet<>();
        for (String d : damaged) {
            String unit = folders.stream().filter(d::startsWith).max(java.util.Comparator.comparingInt(String::length))
                    .orElse(d.substring(0, d.lastIndexOf('/') + 1));
            remove.add(unit);
        }
        for (String prefix : remove) {
            for (String k : store.list(prefix)) {
                store.delete(k);
            }
        }
    }

    /** The files of the marker that are missing or no longer have their recorded hash. */
    private List<String> damaged(Marker m) {
        return m.outputs().entrySet().stream()
                .filter(e -> !store.stat(e.getKey()).map(ArtifactInfo::sha256).equals(Optional.of(e.getValue())))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * Before a task runs: every file its dependencies' markers list still has its recorded hash. A task cannot
     * remake another task's output, so a changed one is bad input (one line naming the file and the task that
     * wrote it); the local runner never gets here with one, since it checks — and reruns — the dependencies first.
     *
     * @throws IllegalArgumentException naming the first damaged file
     */
    public void verifyInputs(PlanTask t) {
        for (String dep : t.dependsOn()) {
            Optional<Marker> m = marker(markerKey(dep));
            if (m.isEmpty()) {
                continue; // not run through a plan (inputs made by hand): the key's input check applies
            }
            for (String d : damaged(m.get())) {
                String got = store.stat(d).map(ArtifactInfo::sha256).orElse(null);
                throw new org.repal.core.store.ArtifactIntegrityException(store.location() + "/" + d, got,
                        m.get().outputs().get(d), "the marker of task " + dep + " (" + markerKey(dep) + ")");
            }
        }
    }

    public static String markerKey(PlanTask t) {
        return markerKey(t.name());
    }

    static String markerKey(String task) {
        return MARKERS + task + ".json";
    }

    public Optional<Marker> marker(PlanTask t) {
        return marker(markerKey(t));
    }

    private Optional<Marker> marker(String markerKey) {
        if (!store.exists(markerKey)) {
            return Optional.empty();
        }
        try {
            Marker m = JSON.readValue(store.get(markerKey), Marker.class);
            return m.outputs() == null ? Optional.empty() : Optional.of(m);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: treat as not done
        }
    }

    /** True when the marker holds this key, lists every declared output and every file it lists has its hash. */
    public boolean isDone(PlanTask t, String key) {
        Optional<Marker> m = marker(t);
        if (m.isEmpty() || !key.equals(m.get().key()) || !m.get().outputs().keySet().containsAll(t.outputs())) {
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
            if (!store.exists(out)) {
                throw new IllegalStateException(t.name() + ": finished without writing " + out);
            }
        }
        for (String file : files(t)) {
            store.stat(file).ifPresent(info -> outputs.put(file, info.sha256()));
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

    /** Every file in the folders of the task's declared outputs, hidden entries left out, sorted. */
    List<String> files(PlanTask t) {
        java.util.TreeSet<String> files = new java.util.TreeSet<>(t.outputs());
        for (String folder : outputFolders(t.outputs())) {
            for (String k : store.list(folder)) {
                if (!hidden(k)) {
                    files.add(k);
                }
            }
        }
        return List.copyOf(files);
    }

    private static boolean hidden(String key) {
        for (String segment : key.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> outputFolders(List<String> outputs) {
        return outputs.stream().map(o -> o.substring(0, o.lastIndexOf('/') + 1)).distinct().toList();
    }
}
