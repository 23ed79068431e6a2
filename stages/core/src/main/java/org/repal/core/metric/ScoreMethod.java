package org.repal.core.metric;

import java.util.Locale;

/** How two fitted DMD operators are turned into one DSA number. */
public enum ScoreMethod {
    /** min over C ∈ O(r) of the angle between Â and C·B̂·Cᵀ, radians in [0, π] (the paper's). */
    ANGULAR,
    /** min over C ∈ O(r) of ‖Â − C·B̂·Cᵀ‖_F on Frobenius-normalised operators, in [0, 2]. */
    EUCLIDEAN,
    /** Squared 2-Wasserstein distance between the eigenvalue spectra; no optimisation. */
    WASSERSTEIN;

    public static ScoreMethod parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown score method '" + text + "' (expected angular, euclidean or "
                    + "wasserstein)");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
