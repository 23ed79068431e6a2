package org.repal.core.analysis.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.analysis.results.DissimilarityPart;
import org.repal.core.analysis.results.DissimilarityRow;

/**
 * The dissimilarity rows of a run, each model pair once. A config's own group matrix can appear in several task
 * folders: a cross task ({@code dissimilarity/cross-K/}) recomputes the matrices of the configs it compares, so its
 * within-config rows repeat those of the per-architecture task. The first occurrence is kept (per-architecture
 * parts come first) and the repeats are counted, with the largest difference between a repeat and the kept value,
 * so the report can say what it left out.
 */
public final class PairTable {

    /** A within-config pair, groups in analysis order (group1 before group2). */
    private record Key(String arch, String config, String group1, String group2, String metric) {
    }

    /** A cross pair: RNN config and group, Mamba config and group. */
    private record CrossKey(String rnnConfig, String rnnGroup, String mambaConfig, String mambaGroup, String metric) {
    }

    private final Map<Key, DissimilarityRow> within = new LinkedHashMap<>();
    private final Map<CrossKey, DissimilarityRow> cross = new LinkedHashMap<>();
    private int repeated;
    private double maxRepeatDifference;

    private PairTable() {
    }

    /** The pairs of the parts, in the given order. */
    public static PairTable of(List<DissimilarityPart> parts) {
        PairTable t = new PairTable();
        for (DissimilarityPart p : parts) {
            for (DissimilarityRow r : p.rows()) {
                DissimilarityRow kept;
                if (r.withinConfig()) {
                    boolean inOrder = index(r.group1()) <= index(r.group2());
                    Key k = new Key(r.arch1(), r.config1(), inOrder ? r.group1() : r.group2(),
                            inOrder ? r.group2() : r.group1(), r.metric());
                    kept = t.within.putIfAbsent(k, r);
                } else {
                    boolean rnnFirst = r.arch1().equals("rnn");
                    CrossKey k = rnnFirst ? new CrossKey(r.config1(), r.group1(), r.config2(), r.group2(), r.metric())
                            : new CrossKey(r.config2(), r.group2(), r.config1(), r.group1(), r.metric());
                    kept = t.cross.putIfAbsent(k, r);
                }
                if (kept != null) {
                    t.repeated++;
                    t.maxRepeatDifference = Math.max(t.maxRepeatDifference, Math.abs(kept.value() - r.value()));
                }
            }
        }
        return t;
    }

    private static int index(String group) {
        return AnalysisGroups.ORDER.indexOf(group);
    }

    /** Rows left out because an earlier part already had the pair. */
    public int repeated() {
        return repeated;
    }

    /** The largest |difference| between a left-out repeat and the kept value (0 without repeats). */
    public double maxRepeatDifference() {
        return maxRepeatDifference;
    }

    /** The configs of an architecture with any within-config pair, sorted. */
    public List<String> configs(String arch) {
        TreeSet<String> out = new TreeSet<>();
        within.keySet().stream().filter(k -> k.arch().equals(arch)).forEach(k -> out.add(k.config()));
        return List.copyOf(out);
    }

    /** The groups of a config that appear in any of its pairs, in analysis order. */
    public List<String> groups(String arch, String config) {
        TreeSet<Integer> idx = new TreeSet<>();
        for (Key k : within.keySet()) {
            if (k.arch().equals(arch) && k.config().equals(config)) {
                idx.add(index(k.group1()));
                idx.add(index(k.group2()));
            }
        }
        return idx.stream().map(AnalysisGroups.ORDER::get).toList();
    }

    /** The dissimilarity of two groups of one config (either order), if computed. */
    public OptionalDouble value(String arch, String config, String g1, String g2, String metric) {
        DissimilarityRow r = row(arch, config, g1, g2, metric);
        return r == null ? OptionalDouble.empty() : OptionalDouble.of(r.value());
    }

    /** The row of two groups of one config (either order), or null. */
    public DissimilarityRow row(String arch, String config, String g1, String g2, String metric) {
        boolean inOrder = index(g1) <= index(g2);
        return within.get(new Key(arch, config, inOrder ? g1 : g2, inOrder ? g2 : g1, metric));
    }

    /** Every within-config row of an architecture and metric (each unordered pair once, no self-pairs). */
    public List<DissimilarityRow> withinRows(String arch, String metric) {
        List<DissimilarityRow> out = new ArrayList<>();
        within.forEach((k, r) -> {
            if (k.arch().equals(arch) && k.metric().equals(metric)) {
                out.add(r);
            }
        });
        return out;
    }

    /** The (RNN config, Mamba config) pairs with cross rows, in first-seen order. */
    public List<List<String>> crossConfigs() {
        List<List<String>> out = new ArrayList<>();
        for (CrossKey k : cross.keySet()) {
            List<String> pair = List.of(k.rnnConfig(), k.mambaConfig());
            if (!out.contains(pair)) {
                out.add(pair);
            }
        }
        return out;
    }

    /** The cross value of (RNN config, group) vs (Mamba config, group), or NaN when not computed. */
    public double crossValue(String rnnConfig, String rnnGroup, String mambaConfig, String mambaGroup, String metric) {
        DissimilarityRow r = cross.get(new CrossKey(rnnConfig, rnnGroup, mambaConfig, mambaGroup, metric));
        return r == null ? Double.NaN : r.value();
    }
}
