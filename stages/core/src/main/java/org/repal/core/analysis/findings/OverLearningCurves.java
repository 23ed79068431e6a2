package org.repal.core.analysis.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.repal.core.analysis.results.OverLearningRow;
import org.repal.core.analysis.stats.Summary;
import org.repal.core.task.TaskSet;

/**
 * Dissimilarity to master over training, per shared-task level (spec §8, notebook 4 (d)). A group's level is
 * 100·|its pretraining ruleset| / 3 (0, 33, 67 or 100 %, the reference's {@code find_group_pairs_master});
 * pretrain_unfrozen (100 %, but every weight trained) has its own curve, and master against itself (an identity
 * check) none. Each model's series is binned by fraction of training — fraction 0 alone, then (0, 0.2], (0.2,
 * 0.4], …, (0.8, 1] — taking the median of its values in a bin (the reference's binning, on fractions rather than
 * indices); each bin's curve point is the mean ± SEM of those medians over the models with a value in the bin (n
 * per point).
 *
 * @param arch     architecture
 * @param metric   metric
 * @param curves   one per level present, levels in increasing order, the unfrozen curve last
 */
public record OverLearningCurves(String arch, String metric, List<Curve> curves) {

    /** Bin centres on the fraction axis: 0, then the middle of each fifth. */
    public static final double[] X = {0, 0.1, 0.3, 0.5, 0.7, 0.9};

    /** One curve; points of bins without models are NaN (n = 0). */
    public record Curve(String label, double[] mean, double[] sem, int[] n) {
    }

    /** The curves of one architecture and metric. */
    public static OverLearningCurves compute(String arch, String metric, List<OverLearningRow> rows, TaskSet set) {
        // level label -> model -> bin -> values
        Map<String, Map<String, List<List<Double>>>> byLevel = new TreeMap<>(OverLearningCurves::compareLabels);
        for (OverLearningRow r : rows) {
            if (!r.arch().equals(arch) || !r.metric().equals(metric) || r.group().equals("master")) {
                continue;
            }
            String label = label(set, r.group());
            List<List<Double>> bins = byLevel.computeIfAbsent(label, l -> new LinkedHashMap<>())
                    .computeIfAbsent(r.config() + "/" + r.group(), m -> {
                        List<List<Double>> b = new ArrayList<>();
                        for (int i = 0; i < X.length; i++) {
                            b.add(new ArrayList<>());
                        }
                        return b;
                    });
            bins.get(bin(r.fraction())).add(r.value());
        }
        List<Curve> curves = new ArrayList<>();
        byLevel.forEach((label, models) -> {
            double[] mean = new double[X.length];
            double[] sem = new double[X.length];
            int[] n = new int[X.length];
            for (int b = 0; b < X.length; b++) {
                List<Double> medians = new ArrayList<>();
                for (List<List<Double>> bins : models.values()) {
                    if (!bins.get(b).isEmpty()) {
                        medians.add(Summary.of(bins.get(b).stream().mapToDouble(Double::doubleValue).toArray()).median());
                    }
                }
                n[b] = medians.size();
                double[] v = medians.stream().mapToDouble(Double::doubleValue).toArray();
                Summary sum = v.length == 0 ? null : Summary.of(v);
                mean[b] = sum == null ? Double.NaN : sum.mean();
                sem[b] = sum == null ? Double.NaN : sum.sem();
            }
            curves.add(new Curve(label, mean, sem, n));
        });
        return new OverLearningCurves(arch, metric, List.copyOf(curves));
    }

    /** The curve label of a group: "0 %", "33 %", "67 %", "100 %", or "100 % unfrozen". */
    public static String label(TaskSet set, String group) {
        int level = SharedTasks.masterLevelPercent(set, group);
        return level + " %" + (group.equals("pretrain_unfrozen") ? " unfrozen" : "");
    }

    /** The bin of a fraction of training: 0 for fraction 0, else 1 + ⌈5·fraction⌉ − 1. */
    static int bin(double fraction) {
        if (fraction <= 0) {
            return 0;
        }
        return Math.min(5, Math.max(1, (int) Math.ceil(fraction * 5 - 1e-12)));
    }

    /** Orders curve labels by their level, then "unfrozen" after the plain label. */
    public static int compareLabels(String a, String b) {
        int la = Integer.parseInt(a.substring(0, a.indexOf(' ')));
        int lb = Integer.parseInt(b.substring(0, b.indexOf(' ')));
        return la != lb ? Integer.compare(la, lb) : a.compareTo(b);
    }
}
