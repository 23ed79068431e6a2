package org.repal.core.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of one level (an analysis group such as {@code untrained} or {@code master_frozen}): exactly one value
 * per model, e.g. a model's dissimilarity to its master. When a model contributes several pairs, average them first:
 * counting each pair (or both orders of a pair, as the reference did) would inflate n.
 *
 * @param level  the level's name
 * @param values one finite value per model (copied)
 */
public record LevelSample(String level, double[] values) {

    public LevelSample {
        if (level == null || level.isBlank()) {
            throw new IllegalArgumentException("level name is missing");
        }
        values = Checks.finite(values, "level " + level, 0).clone();
    }

    /** The values (a copy). */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** The number of models. */
    public int n() {
        return values.length;
    }

    /** The mean of the level's values (NaN when empty). */
    public double mean() {
        return values.length == 0 ? Double.NaN : Moments.mean(values);
    }

    /** Levels in the map's iteration order (use a {@link java.util.LinkedHashMap} to keep a meaningful order). */
    public static List<LevelSample> fromMap(Map<String, double[]> byLevel) {
        List<LevelSample> out = new ArrayList<>(byLevel.size());
        byLevel.forEach((name, v) -> out.add(new LevelSample(name, v)));
        return out;
    }

    /** Checks a list of levels: at least {@code min} of them, names unique. */
    static List<LevelSample> distinct(List<LevelSample> levels, int min) {
        if (levels == null || levels.size() < min) {
            throw new IllegalArgumentException("need at least " + min + " levels, got "
                    + (levels == null ? 0 : levels.size()));
        }
        Set<String> seen = new HashSet<>();
        for (LevelSample l : levels) {
            if (!seen.add(l.level())) {
                throw new IllegalArgumentException("level " + l.level() + " appears twice");
            }
        }
        return List.copyOf(levels);
    }

    /** Equality by name and values (the default would compare the array references). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LevelSample other && level.equals(other.level)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * level.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LevelSample[" + level + ", n=" + values.length + "]";
    }
}
