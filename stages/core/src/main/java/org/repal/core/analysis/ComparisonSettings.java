package org.repal.core.analysis;

import java.util.Objects;
import org.repal.core.activity.CommonPca;
import org.repal.core.metric.DmdParams;

/**
 * How two activities are compared.
 *
 * @param pca            PCA components and z-scoring: the common PCA of every pair (Procrustes, CKA, and DSA in
 *                       the {@link DsaBasis#PAIR pair} basis) and each activity's own PCA (DSA in the
 *                       {@link DsaBasis#OWN own} basis)
 * @param dmd            the requested DSA delays, interval, rank and ridge (capped per data shape, {@link DsaShape})
 * @param referenceAxes  DSA on the reference's axes (time taken as trials, spec §10 item 10) instead of
 *                       (trials, time, units)
 * @param alignerIterations L-BFGS iterations per start of the DSA alignment
 * @param dsaBasis       in which basis each side's DMD is fitted ({@link DsaBasis})
 */
public record ComparisonSettings(CommonPca.Options pca, DmdParams dmd, boolean referenceAxes, int alignerIterations,
                                 DsaBasis dsaBasis) {
    public ComparisonSettings {
        if (alignerIterations < 1) {
            throw new IllegalArgumentException("aligner iterations must be >= 1, got " + alignerIterations);
        }
        Objects.requireNonNull(dsaBasis, "dsaBasis");
    }

    /** PCA-20 with z-scoring, DSA 33 delays × 6, rank 50 (the profiles' dsa section), (trials, time) axes, own basis. */
    public static ComparisonSettings defaults() {
        return new ComparisonSettings(CommonPca.Options.defaults(), new DmdParams(33, 6, 50, 0), false, 1000,
                DsaBasis.OWN);
    }

    public ComparisonSettings withDsaBasis(DsaBasis basis) {
        return new ComparisonSettings(pca, dmd, referenceAxes, alignerIterations, basis);
    }
}
