package org.repal.core.analysis;

import java.util.Set;
import java.util.TreeSet;
import org.repal.core.activity.Activity;
import org.repal.core.activity.CommonPca;
import org.repal.core.activity.ModelFolder;
import org.repal.core.activity.Snapshot;

/**
 * The recordings of many snapshots, too many to hold in memory at once (a paper config has ~500 of 72 MB each):
 * {@link #ensure} records each (model, snapshot) once — sequentially, before the pairs run — and the pair jobs
 * {@link #prepared load} the two they compare from the store and prepare their halves of the common PCA.
 */
public final class SnapshotActivities {
    private final ActivityCache cache;
    private final AnalysisSetup setup;
    private final Set<String> keys = new TreeSet<>();

    public SnapshotActivities(ActivityCache cache, AnalysisSetup setup) {
        this.cache = cache;
        this.setup = setup;
    }

    /** Records the snapshot's activity unless a matching recording is stored. */
    public void ensure(ModelFolder model, Snapshot snapshot) {
        String key = cache.key(model, snapshot, setup.units(model.config()));
        if (keys.add(key)) {
            cache.get(model, snapshot, setup.units(model.config()));
        }
    }

    /** The units a model records. */
    public int width(ModelFolder model) {
        return setup.units(model.config()).count(model.config());
    }

    /** The stored recording, reduced to {@code units} and z-scored as the settings ask ({@link CommonPca#prepare}). */
    public Activity prepared(ModelFolder model, Snapshot snapshot, int units) {
        Activity a = cache.load(model, snapshot, setup.units(model.config()));
        return CommonPca.prepare(a, units, setup.request.settings().pca().zscore());
    }

    /** The keys (no extension) of every recording ensured, sorted. */
    public Set<String> keys() {
        return new TreeSet<>(keys);
    }
}
