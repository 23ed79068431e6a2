package org.repal.core.analysis;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.repal.core.activity.Activity;
import org.repal.core.activity.CommonPca;
import org.repal.core.activity.ModelFolder;
import org.repal.core.activity.Snapshot;

/**
 * The recordings of many snapshots, too many to hold in memory at once (a paper config has ~500 of 72 MB each):
 * {@link #ensure} records each (model, snapshot) once — sequentially, before the pairs run — and the jobs
 * {@link #prepared load} what they need from the store and prepare it: the own-basis fits their snapshot once
 * ({@link ActivityFits}), the pair jobs the two halves of the common PCA they compare ({@link #side}).
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

    /**
     * The snapshot as one side of a pair compared at {@code units} (its recording's store key, its halves loaded
     * and prepared on demand).
     */
    public PairMetrics.Side side(ModelFolder model, Snapshot snapshot, int units) {
        String key = cache.key(model, snapshot, setup.units(model.config()));
        int width = width(model);
        Supplier<Activity> full = () -> prepared(model, snapshot, width);
        return new PairMetrics.Side(key, units == width ? full : () -> prepared(model, snapshot, units), full);
    }

    /** The keys (no extension) of every recording ensured, sorted. */
    public Set<String> keys() {
        return new TreeSet<>(keys);
    }
}
