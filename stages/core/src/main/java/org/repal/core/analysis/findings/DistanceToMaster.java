package org.repal.core.analysis.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.repal.core.analysis.AnalysisGroups;
import org.repal.core.analysis.stats.LevelSample;

/**
 * One model's dissimilarity to the master model of its own config (spec §8, notebook 3): the unit of the level
 * statistics. Each model appears once, whichever order its pair was written in.
 *
 * @param arch   "rnn" or "mamba"
 * @param config model config
 * @param group  analysis group (never master)
 * @param level  the group's level
 * @param metric "dsa", "procrustes" or "cka"
 * @param value  the dissimilarity
 */
public record DistanceToMaster(String arch, String config, String group, AnalysisLevel level, String metric,
                               double value) {

    /** Every model of the architecture with a master in its config, configs sorted, groups in analysis order. */
    public static List<DistanceToMaster> of(PairTable pairs, String arch, String metric) {
        List<DistanceToMaster> out = new ArrayList<>();
        for (String config : pairs.configs(arch)) {
            for (String group : AnalysisGroups.ORDER) {
                AnalysisLevel level = AnalysisLevel.of(group).orElse(null);
                OptionalDouble v = pairs.value(arch, config, group, "master", metric);
                if (level != null && v.isPresent()) {
                    out.add(new DistanceToMaster(arch, config, group, level, metric, v.getAsDouble()));
                }
            }
        }
        return out;
    }

    /**
     * The models of the architecture that have no value because their config has no master pair (master absent
     * or unfinished), as "config/group".
     */
    public static List<String> withoutMaster(PairTable pairs, String arch) {
        List<String> out = new ArrayList<>();
        for (String config : pairs.configs(arch)) {
            List<String> groups = pairs.groups(arch, config);
            if (!groups.contains("master")) {
                groups.forEach(g -> out.add(config + "/" + g));
            }
        }
        return out;
    }

    /** The values of the given levels, in that order (a level without models is an empty sample). */
    public static List<LevelSample> samples(List<DistanceToMaster> values, List<AnalysisLevel> levels) {
        List<LevelSample> out = new ArrayList<>();
        for (AnalysisLevel l : levels) {
            out.add(new LevelSample(l.label(), values.stream().filter(v -> v.level() == l)
                    .mapToDouble(DistanceToMaster::value).toArray()));
        }
        return out;
    }
}
