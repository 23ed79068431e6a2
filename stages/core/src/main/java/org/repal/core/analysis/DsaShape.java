package org.repal.core.analysis;

import org.repal.core.metric.DmdParams;

/**
 * The DSA parameters actually used for data of a given shape, so that the requested ones (made for 200-step
 * windows) still give a valid fit on shorter data:
 * <ol>
 *   <li>the delay interval is lowered to the largest value ≤ the request that leaves at least
 *       {@link #MIN_EMBEDDED} embedded steps, T − (d−1)τ ≥ 2 (175-step window, 33 delays: τ 6 → 5, T′ = 15);</li>
 *   <li>if even τ = 1 leaves fewer, the delays are lowered to T − 1;</li>
 *   <li>the rank is capped at what the embedding holds, min(units·d, trials·T′).</li>
 * </ol>
 * The cap depends on the shape only, so every pair of a matrix uses the same parameters; a rank above a side's
 * numerical rank is handled by {@link PairMetrics} (pair basis: both sides refitted at the lower rank) and
 * {@link ActivityFits} (own basis: that activity fitted at its numerical rank, its partners cut down to it).
 */
public final class DsaShape {
    /** Embedded steps per trial the HAVOK regression needs at least (one current → next pair). */
    public static final int MIN_EMBEDDED = 2;

    private DsaShape() {
    }

    /**
     * @throws IllegalArgumentException when the data has fewer than {@link #MIN_EMBEDDED} steps
     */
    public static DmdParams capped(DmdParams requested, int trials, int steps, int units) {
        if (steps < MIN_EMBEDDED) {
            throw new IllegalArgumentException("DSA needs at least " + MIN_EMBEDDED + " time steps, got " + steps);
        }
        int d = requested.nDelays();
        int tau = requested.delayInterval();
        if (steps - (long) (d - 1) * tau < MIN_EMBEDDED) {
            tau = Math.max(1, (steps - MIN_EMBEDDED) / (d - 1));
            if (steps - (long) (d - 1) * tau < MIN_EMBEDDED) {
                d = steps - MIN_EMBEDDED + 1;
            }
        }
        long available = Math.min((long) units * d, (long) trials * (steps - (d - 1) * tau));
        int rank = requested.rank() == 0 ? (int) available : (int) Math.min(requested.rank(), available);
        return new DmdParams(d, tau, rank, requested.ridge());
    }
}
