package org.repal.core.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.repal.core.activity.Activity;
import org.repal.core.activity.CommonPca;
import org.repal.core.activity.Pca;
import org.repal.core.linalg.ParallelJobs;
import org.repal.core.metric.DmdParams;
import org.repal.core.metric.HavokDmd;
import org.repal.core.metric.Trajectories;

/**
 * The per-activity work of the {@link DsaBasis#OWN own} DSA basis, done once per activity artifact and kept for
 * the stage run (or for whatever scope its owner gives it), keyed by the artifact's identity
 * ({@link PairMetrics.Side#key()}, the recording's store key in the stages):
 *
 * <ul>
 *   <li>the <b>own fit</b>: the activity at its full width as prepared (z-scored when asked), projected on its own
 *       top-k principal components ({@link CommonPca#own}), the DSA parameters its shape allows
 *       ({@link DsaShape#capped}) and the HAVOK DMD at that rank — or, when the delay embedding has fewer numerical
 *       directions, at its numerical rank (one extra eigen-decomposition and fit, as {@link PairMetrics} does in the
 *       pair basis);</li>
 *   <li><b>lower-rank fits</b>, per (activity, rank): when the two sides of a pair end up at different ranks the
 *       pair is compared at the lower one, and only the side above it is refitted — the regression is solved again
 *       on the leading blocks of its cached regression moments ({@link HavokDmd.Truncatable#atRank}), which is the
 *       regression a fit at that rank sets up, so the data is not read again;</li>
 *   <li>the <b>moments</b> (row count, means, centred scatter) of each prepared half, per (activity, width): the
 *       pair's common PCA for Procrustes and CKA is then one eigen-decomposition of the pooled moments instead of a
 *       pass over both activities ({@link CommonPca#joint(Activity, Pca.Moments, Activity, Pca.Moments, int)}).
 *       The moments of the full-width half come free with the own fit.</li>
 * </ul>
 *
 * <p>Memory per activity, whatever its trials and steps: the fit holds the r×r operator, r singular values and the
 * two r×r regression moments (3r² + r doubles: 60 KB at r = 50) plus its parameters; the moments hold width² +
 * width doubles (512 KB at 256 units, 2 MB at 512) per width used. The data itself is never kept. A paper-sized
 * stage task (a few hundred activities) holds tens to a few hundred MB; owners that never compare across some
 * boundary (learning-dynamics across configs) {@link #clear} at it.
 *
 * <p>Thread-safe: every entry is computed once, by the first thread that asks for it (the others wait for it), and
 * each computation is deterministic and single-threaded, so the cached values — and every result built from them —
 * do not depend on the thread count or on which thread asked first. A computation that fails keeps failing for its
 * key with the same exception.
 */
public final class ActivityFits {

    /**
     * One activity's own-basis fit.
     *
     * @param key        the activity's identity
     * @param components the own PCA's components (the units of the fitted trajectories)
     * @param params     the DSA parameters used: the shape's cap, or its numerical rank below that
     * @param fit        the operator at {@code params.rank()}, cuttable to lower ranks
     */
    public record OwnFit(String key, int components, DmdParams params, HavokDmd.Truncatable fit) {
        public int rank() {
            return fit.rank();
        }
    }

    private record RankKey(String key, int rank) {
    }

    private record WidthKey(String key, int width) {
    }

    private final ComparisonSettings settings;
    private final ConcurrentHashMap<String, FutureTask<OwnFit>> fits = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<RankKey, FutureTask<HavokDmd.Fit>> lowered = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<WidthKey, FutureTask<Pca.Moments>> moments = new ConcurrentHashMap<>();
    private final AtomicInteger fitCount = new AtomicInteger();
    private final AtomicInteger rankFallbacks = new AtomicInteger();
    private final AtomicInteger loweredCount = new AtomicInteger();
    private final AtomicInteger momentsCount = new AtomicInteger();

    public ActivityFits(ComparisonSettings settings) {
        this.settings = settings;
    }

    public ComparisonSettings settings() {
        return settings;
    }

    /** The side's own fit, computed from {@link PairMetrics.Side#fullWidth()} on first use. */
    public OwnFit fit(PairMetrics.Side side) {
        return memo(fits, side.key(), () -> compute(side));
    }

    /**
     * Fits every side not yet cached — each distinct key once, in first-seen order, spread over {@code threads}
     * threads ({@link ParallelJobs}: 16 MB stacks, one BLAS thread) — before the pairs that need them run.
     *
     * @return the fits computed by this call
     */
    public int fitAll(Collection<PairMetrics.Side> sides, int threads) {
        Map<String, PairMetrics.Side> todo = new LinkedHashMap<>();
        for (PairMetrics.Side s : sides) {
            if (s != null && !fits.containsKey(s.key())) {
                todo.putIfAbsent(s.key(), s);
            }
        }
        List<Callable<OwnFit>> jobs = new ArrayList<>();
        for (PairMetrics.Side s : todo.values()) {
            jobs.add(() -> fit(s));
        }
        ParallelJobs.run(jobs, threads);
        return jobs.size();
    }

    /** The fit's operator at {@code rank} ≤ its own: itself, or the lower-rank refit, cached per (activity, rank). */
    public HavokDmd.Fit atRank(OwnFit f, int rank) {
        if (rank == f.rank()) {
            return f.fit().fit();
        }
        return memo(lowered, new RankKey(f.key(), rank), () -> {
            loweredCount.incrementAndGet();
            return f.fit().atRank(rank);
        });
    }

    /** The moments of the side's prepared half {@code prepared} (which must be that side's, at its width). */
    public Pca.Moments moments(String key, Activity prepared) {
        return memo(moments, new WidthKey(key, prepared.units()), () -> {
            momentsCount.incrementAndGet();
            return CommonPca.moments(prepared);
        });
    }

    private OwnFit compute(PairMetrics.Side side) {
        Activity full = side.fullWidth().get();
        Pca.Moments m = moments(side.key(), full);
        Activity own = CommonPca.own(full, m, settings.pca().components());
        Trajectories t = PairMetrics.trajectories(own, settings.referenceAxes());
        DmdParams p = DsaShape.capped(settings.dmd(), t.trials(), t.time(), t.neurons());
        HavokDmd.Truncatable fit;
        try {
            fitCount.incrementAndGet();
            fit = HavokDmd.fitTruncatable(t, p);
        } catch (IllegalArgumentException e) {
            // Fewer numerical directions than the cap: this side at its numerical rank; its partners come down to it.
            int r = HavokDmd.numericalRank(t, p);
            if (r >= p.rank() || r < 1) {
                throw e;
            }
            p = new DmdParams(p.nDelays(), p.delayInterval(), r, p.ridge());
            rankFallbacks.incrementAndGet();
            fitCount.incrementAndGet();
            fit = HavokDmd.fitTruncatable(t, p);
        }
        return new OwnFit(side.key(), own.units(), p, fit);
    }

    /** DMD fits computed (a numerical-rank fallback counts its failed attempt and its refit). */
    public int fitsComputed() {
        return fitCount.get();
    }

    /** Activities whose fit fell back to their numerical rank. */
    public int rankFallbacks() {
        return rankFallbacks.get();
    }

    /** Lower-rank refits for pairs whose other side has a lower rank. */
    public int lowerRankFits() {
        return loweredCount.get();
    }

    /** Moments computed. */
    public int momentsComputed() {
        return momentsCount.get();
    }

    /** Activities with a cached (or failed) fit. */
    public int size() {
        return fits.size();
    }

    /** Approximate heap held by the finished entries (fits, lower-rank fits, moments). */
    public long bytes() {
        long b = 0;
        for (FutureTask<OwnFit> f : fits.values()) {
            OwnFit o = done(f);
            if (o != null) {
                b += 8L * (o.fit().vmVm().length + o.fit().vmVp().length + o.fit().fit().a().length
                        + o.fit().fit().singularValues().length);
            }
        }
        for (FutureTask<HavokDmd.Fit> f : lowered.values()) {
            HavokDmd.Fit o = done(f);
            if (o != null) {
                b += 8L * (o.a().length + o.singularValues().length);
            }
        }
        for (FutureTask<Pca.Moments> f : moments.values()) {
            Pca.Moments o = done(f);
            if (o != null) {
                b += o.bytes();
            }
        }
        return b;
    }

    /** Drops every entry (the counters stay). */
    public void clear() {
        fits.clear();
        lowered.clear();
        moments.clear();
    }

    private static <T> T done(FutureTask<T> f) {
        if (!f.isDone()) {
            return null;
        }
        try {
            return f.get();
        } catch (InterruptedException | ExecutionException e) {
            return null;
        }
    }

    /** The value for {@code key}, computed by the first caller; the others wait for it. */
    private static <K, V> V memo(ConcurrentHashMap<K, FutureTask<V>> map, K key, Callable<V> work) {
        FutureTask<V> task = map.get(key);
        if (task == null) {
            FutureTask<V> mine = new FutureTask<>(work);
            task = map.putIfAbsent(key, mine);
            if (task == null) {
                task = mine;
                mine.run();
            }
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
