package org.repal.core.analysis.results;

/**
 * One model's recorded activity on the analysis window (an analysis stage's {@code activity/} artifact, trials ×
 * time × units), averaged over trials.
 *
 * @param arch   "rnn" or "mamba"
 * @param config model config name
 * @param group  analysis group
 * @param key    the artifact's key in the run
 * @param trials trials averaged
 * @param mean   mean[t][unit]
 */
public record ActivityMean(String arch, String config, String group, String key, int trials, double[][] mean) {

    /** Reads and averages a trials × time × units array. */
    static ActivityMean read(StoreFiles files, String arch, String config, String group, String key) {
        org.repal.core.store.NpyArray a = files.npy(key);
        int[] s = a.shape();
        if (s.length != 3 || s[0] < 1 || s[1] < 2 || s[2] < 1) {
            throw new IllegalArgumentException(files.source(key) + ": shape " + java.util.Arrays.toString(s)
                    + ", expected (trials, time, units)");
        }
        double[] flat = a.toDoubleArray();
        double[][] mean = new double[s[1]][s[2]];
        int at = 0;
        for (int n = 0; n < s[0]; n++) {
            for (int t = 0; t < s[1]; t++) {
                for (int u = 0; u < s[2]; u++) {
                    double v = flat[at++];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(files.source(key) + ": non-finite value at (" + n + ", " + t
                                + ", " + u + ")");
                    }
                    mean[t][u] += v;
                }
            }
        }
        for (double[] row : mean) {
            for (int u = 0; u < row.length; u++) {
                row[u] /= s[0];
            }
        }
        return new ActivityMean(arch, config, group, key, s[0], mean);
    }
}
