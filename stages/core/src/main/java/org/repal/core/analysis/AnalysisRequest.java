package org.repal.core.analysis;

import java.util.List;
import org.repal.core.activity.Units;
import org.repal.core.activity.WindowMode;

/**
 * What an analysis stage (dissimilarity, learning-dynamics) was asked for, checked by {@link AnalysisOptions}.
 *
 * @param configs    model config names; null = every config found
 * @param trials     analysis trials (the first N test trials of the analysis task)
 * @param settings   common PCA and DSA settings of every compared pair
 * @param window     which steps of the trials are recorded
 * @param mambaUnits which Mamba units are recorded (RNNs always record their hidden state)
 * @param threads    Java threads for the pairs
 */
public record AnalysisRequest(List<String> configs, int trials, ComparisonSettings settings, WindowMode window,
                              Units mambaUnits, int threads) {
}
