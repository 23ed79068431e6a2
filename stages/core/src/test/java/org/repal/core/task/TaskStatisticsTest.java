package org.repal.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every task on a few thousand trials: the coding of spec §2.4 checked step by step against the trial records,
 * and the statistics of the drawn variables and of the noise.
 */
class TaskStatisticsTest {
    private static final TaskSetConfig CONFIG = TaskSetConfig.defaults();
    private static final int SEQUENCES = 1500;
    private static final int TEST_TRIALS = 500;

    private static DatasetGenerator generator(Task task) {
        return new DatasetGenerator(task.taskSet(), CONFIG, 7, 0.2, 2);
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void trainingSequencesFollowTheCoding(Task task) {
        TaskData data = generator(task).training(task, SEQUENCES, 400, n -> { });
        Stats stats = checkSteps(data);
        assertTrue(stats.trials >= 2000, "only " + stats.trials + " trials");
        int[][] allowed = CONFIG.timing(task, true).steps(CONFIG.dtMs());
        for (Period p : Period.values()) {
            Map<Integer, Integer> counts = stats.durations.get(p);
            for (int d : counts.keySet()) {
                assertTrue(contains(allowed[p.ordinal()], d), task + " " + p + " duration " + d + " not allowed");
            }
            for (int d : allowed[p.ordinal()]) {
                double share = counts.getOrDefault(d, 0) / (double) stats.trials;
                double expected = 1.0 / allowed[p.ordinal()].length;
                assertEquals(expected, share, 0.05, task + " " + p + " share of " + d);
            }
        }
        assertEquals(0.5, stats.secondChannel / (double) stats.trials, 0.05, "stronger/shown channel balance");
        if (task.isGoNogo()) {
            assertTrue(stats.coherenceCounts.isEmpty());
        } else {
            for (double coh : CONFIG.coherences()) {
                assertEquals(0.2, stats.coherenceCounts.getOrDefault(coh, 0) / (double) stats.trials, 0.04,
                        "share of coherence " + coh);
            }
            checkNoise(stats);
        }
        // Every class of the task set's outputs occurs, and no other (GoNogo: 0 and 1 only).
        assertEquals(task.taskSet().outputs(), stats.labelsSeen.size(), "output classes " + stats.labelsSeen);
        assertEquals(task.taskSet().outputs() - 1, ((TreeMap<Integer, Integer>) stats.labelsSeen).lastKey());
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void testTrialsHaveTheFixedTiming(Task task) {
        TaskData data = generator(task).testing(task, TEST_TRIALS, n -> { });
        assertEquals(task.hasDelay() ? 350 : 220, data.steps());
        for (int i = 0; i < data.samples(); i++) {
            List<TrialRecord> trials = data.trials(i);
            assertEquals(1, trials.size());
            Trial t = trials.get(0).trial();
            assertEquals(0, trials.get(0).onset());
            assertEquals(data.steps(), t.length());
            int[] expected = task.hasDelay() ? new int[] {25, 200, 100, 25} : new int[] {10, 200, 0, 10};
            for (Period p : Period.values()) {
                assertEquals(expected[p.ordinal()], t.duration(p), p.jsonName());
            }
        }
        Stats stats = checkSteps(data);
        if (!task.isGoNogo()) {
            checkNoise(stats);
        }
    }

    private static void checkNoise(Stats stats) {
        double sd = CONFIG.noiseSd();
        for (Map.Entry<String, double[]> e : stats.channelMoments.entrySet()) {
            double[] m = e.getValue(); // count, sum, sum of squares, expected mean
            double mean = m[1] / m[0];
            double sampleSd = Math.sqrt((m[2] - m[0] * mean * mean) / (m[0] - 1));
            double se = sampleSd / Math.sqrt(m[0]);
            assertTrue(Math.abs(mean - m[3]) <= 3 * se, e.getKey() + ": mean " + mean + " expected " + m[3]
                    + " ± 3·" + se);
        }
        double noiseSd = Math.sqrt(stats.residualSquares / stats.residualCount);
        assertEquals(sd, noiseSd, 0.02 * sd, "noise sd over " + stats.residualCount + " values");
    }

    /** Checks every step of every sample against its trial record; collects the statistics. */
    private static Stats checkSteps(TaskData data) {
        Task task = data.task();
        Stats stats = new Stats();
        for (int i = 0; i < data.samples(); i++) {
            for (TrialRecord r : data.trials(i)) {
                Trial t = r.trial();
                stats.count(t);
                checkLabel(task, t);
                int[] b = r.bounds();
                double[] channelSums = new double[3];
                for (int s = r.onset(); s < Math.min(r.end(), data.steps()); s++) {
                    boolean decision = s >= b[3];
                    boolean stimulus = s >= b[1] && s < b[2];
                    assertEquals(decision ? 0f : 1f, data.input(i, s, 0), "fixation at step " + s);
                    for (int col = 3; col < 7; col++) {
                        assertEquals(col == data.ruleColumn() ? 1f : 0f, data.input(i, s, col), "rule column " + col);
                    }
                    assertEquals(decision, data.mask(i, s), "mask at step " + s);
                    assertEquals(decision ? t.label() : 0, data.target(i, s), "target at step " + s);
                    stats.labelsSeen.merge(data.target(i, s), 1, Integer::sum);
                    for (int ch = 1; ch <= 2; ch++) {
                        float v = data.input(i, s, ch);
                        if (!stimulus) {
                            assertEquals(0f, v, "stimulus channel " + ch + " outside the stimulus, step " + s);
                        } else if (task.isGoNogo()) {
                            assertEquals(ch == t.channel() ? 1f : 0f, v, "GoNogo is noise-free");
                        } else {
                            stats.add(t, ch, v);
                            channelSums[ch] += v;
                        }
                    }
                }
                if (!task.isGoNogo() && t.coherence() == 51.2 && r.end() <= data.steps()) {
                    // From the data alone: the label names the stronger channel (pro) or the weaker (anti).
                    int stronger = channelSums[1] > channelSums[2] ? 1 : 2;
                    assertEquals(task.isAnti() ? 3 - stronger : stronger, t.label(), "label vs observed stimulus");
                }
            }
        }
        return stats;
    }

    private static void checkLabel(Task task, Trial t) {
        if (task.isGoNogo()) {
            assertEquals(t.channel() - 1, t.gt());
            assertEquals(task.isAnti() ? 2 - t.channel() : t.channel() - 1, t.label(), "GoNogo label");
            assertTrue(Double.isNaN(t.coherence()));
        } else {
            assertEquals(task.hasDelay() ? t.channel() : t.channel() - 1, t.gt(), "reference gt convention");
            assertEquals(task.isAnti() ? 3 - t.channel() : t.channel(), t.label(), "PDM label");
        }
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static final class Stats {
        int trials;
        int secondChannel;
        final Map<Period, Map<Integer, Integer>> durations = new HashMap<>();
        final Map<Double, Integer> coherenceCounts = new HashMap<>();
        final Map<Integer, Integer> labelsSeen = new TreeMap<>();
        final Map<String, double[]> channelMoments = new TreeMap<>();
        double residualSquares;
        long residualCount;

        void count(Trial t) {
            trials++;
            secondChannel += t.channel() == 2 ? 1 : 0;
            for (Period p : Period.values()) {
                durations.computeIfAbsent(p, k -> new HashMap<>()).merge(t.duration(p), 1, Integer::sum);
            }
            if (!Double.isNaN(t.coherence())) {
                coherenceCounts.merge(t.coherence(), 1, Integer::sum);
            }
        }

        void add(Trial t, int channel, float v) {
            double expected = channel == t.channel() ? 0.5 + t.coherence() / 200 : 0.5 - t.coherence() / 200;
            String key = "coh " + t.coherence() + (channel == t.channel() ? " stronger" : " weaker");
            double[] m = channelMoments.computeIfAbsent(key, k -> new double[] {0, 0, 0, expected});
            m[0]++;
            m[1] += v;
            m[2] += (double) v * v;
            residualSquares += (v - expected) * (v - expected);
            residualCount++;
        }
    }

}
