package org.repal.core.metric;

/**
 * Parameters of the delay embedding and HAVOK regression. {@code rank} 0 means "all available" (the
 * reference's rank=None); {@code ridge} is the λ added to VmᵀVm.
 */
public record DmdParams(int nDelays, int delayInterval, int rank, double ridge) {

    public DmdParams {
        if (nDelays < 1) {
            throw new IllegalArgumentException("n_delays must be >= 1, got " + nDelays);
        }
        if (delayInterval < 1) {
            throw new IllegalArgumentException("delay_interval must be >= 1, got " + delayInterval);
        }
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 1 (or 0 for full), got " + rank);
        }
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("lambda (ridge) must be a finite number >= 0, got " + ridge);
        }
    }

    /** The reference's defaults: one delay, interval one, full rank, no ridge. */
    public static DmdParams defaults() {
        return new DmdParams(1, 1, 0, 0.0);
    }

    /** Rows of one trial's delay embedding: T − (d−1)τ. */
    public int embeddedLength(int time) {
        return time - (nDelays - 1) * delayInterval;
    }
}
