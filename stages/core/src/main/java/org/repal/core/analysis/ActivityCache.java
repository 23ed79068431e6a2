package org.repal.core.analysis;

import java.util.Optional;
import org.repal.core.activity.Activity;
import org.repal.core.activity.ActivityArtifacts;
import org.repal.core.activity.ActivityInfo;
import org.repal.core.activity.ActivityRecorder;
import org.repal.core.activity.ActivityWindow;
import org.repal.core.activity.AnalysisTrials;
import org.repal.core.activity.ModelFolder;
import org.repal.core.activity.Snapshot;
import org.repal.core.activity.Units;
import org.repal.core.store.ArtifactStore;

/**
 * A stage's activity recordings under {@code <prefix>} of its output store, one per (model, snapshot, units,
 * window), keyed as {@link ActivityArtifacts#key}. A stored recording is reused when its sidecar is complete and
 * describes exactly what would be recorded now (same trials hash, window, units, model); otherwise the model is
 * recorded again and the artifact replaced. Counts what it recorded and reused (for the stage's report).
 */
public final class ActivityCache {
    private final ArtifactStore store;
    private final String prefix;
    private final AnalysisTrials trials;
    private final ActivityWindow window;
    private int recorded;
    private int reused;

    public ActivityCache(ArtifactStore store, String prefix, AnalysisTrials trials, ActivityWindow window) {
        this.store = store;
        this.prefix = prefix;
        this.trials = trials;
        this.window = window;
    }

    /** The store key (no extension) of a model's recording. */
    public String key(ModelFolder model, Snapshot snapshot, Units units) {
        return prefix + ActivityArtifacts.key(info(model, snapshot, units));
    }

    private ActivityInfo info(ModelFolder model, Snapshot snapshot, Units units) {
        return ActivityInfo.of(model.name(), model.config(), snapshot, units, trials, window);
    }

    /** The model's activity, from the store when a matching recording is there, else recorded and stored. */
    public synchronized Activity get(ModelFolder model, Snapshot snapshot, Units units) {
        ActivityInfo info = info(model, snapshot, units);
        String key = prefix + ActivityArtifacts.key(info);
        Optional<ActivityArtifacts.Stored> stored = ActivityArtifacts.find(store, key);
        if (stored.isPresent() && stored.get().info().equals(info)) {
            reused++;
            return stored.get().activity();
        }
        ActivityArtifacts.Stored fresh = ActivityRecorder.record(model, snapshot, trials, window, units);
        ActivityArtifacts.write(store, key, fresh.info(), fresh.activity());
        recorded++;
        return fresh.activity();
    }

    /**
     * The stored recording, read without recording or counting (for jobs that run after {@link #get} made sure it
     * is there); safe to call from several threads.
     *
     * @throws IllegalArgumentException when it is missing or describes another recording
     */
    public Activity load(ModelFolder model, Snapshot snapshot, Units units) {
        ActivityInfo info = info(model, snapshot, units);
        String key = prefix + ActivityArtifacts.key(info);
        ActivityArtifacts.Stored stored = ActivityArtifacts.read(store, key);
        if (!stored.info().equals(info)) {
            throw new IllegalStateException(store.location() + "/" + key + ".json: replaced during the run");
        }
        return stored.activity();
    }

    public synchronized int recorded() {
        return recorded;
    }

    public synchronized int reused() {
        return reused;
    }
}
