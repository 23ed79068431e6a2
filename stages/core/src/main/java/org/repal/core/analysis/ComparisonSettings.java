package org.repal.core.analysis;

import org.repal.core.activity.CommonPca;
import org.repal.core.metric.DmdParams;

/**
 * How two activities are compared.
 *
 * @param pca            common PCA per pair (components, z-scoring)
 * @param dmd            the requested DSA delays, interval, rank and ridge (capped per data shape, {@link DsaShape})
 * @param referenceAxes  DSA on the reference's axes (time taken as trials, spec §10 item 10) instead of
 *                       (trials, time, units)
 * @param alignerIterations L-BFGS iterations per start of the DSA alignment
 */
public record ComparisonSettings(CommonPca.Options pca, DmdParams dmd, boolean referenceAxes, int alignerIterations) {
    public ComparisonSettings {
        if (alignerIterations < 1) {
            throw new IllegalArgumentException("aligner iterations must be >= 1, got " + alignerIterations);
        }
    }

    /** PCA-20 with z-scoring, DSA 33 delays × 6, rank 50 (the profiles' dsa section), (trials, time) axes. */
    public static ComparisonSettings defaults() {
        return new ComparisonSettings(CommonPca.Options.defaults(), new DmdParams(33, 6, 50, 0), false, 1000);
    }
}
