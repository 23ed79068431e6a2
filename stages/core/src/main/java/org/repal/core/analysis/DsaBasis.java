package org.repal.core.analysis;

/**
 * In which basis each side's DSA operator is fitted ({@code --dsa-basis}).
 *
 * <ul>
 *   <li>{@link #OWN} (default): every activity on its own top-k principal components (after the same z-scoring),
 *       its DMD fitted once per activity and reused by all its pairs ({@link ActivityFits});</li>
 *   <li>{@link #PAIR}: both sides on the pair's common PCA, both DMDs fitted inside every pair — the reference's
 *       procedure ({@code --reference-compat} implies it).</li>
 * </ul>
 *
 * <p>Why a per-activity basis is legitimate: DSA compares the operators A_x, A_y (r×r) that advance the top-r
 * singular coordinates V of each side's delay embedding H, and scores min over orthogonal C of the angle between
 * Â_x and C·Â_y·Cᵀ. An orthogonal change of one side's unit basis, X ↦ X·Q, maps H ↦ H·(I_d ⊗ Q), which leaves
 * H's left singular vectors V unchanged up to their signs (and rotations within exactly repeated singular values),
 * so A ↦ D·A·Dᵀ with D orthogonal — and D is absorbed by C. So no common basis is needed for the two operators to
 * be comparable: each side may be expressed in whatever orthonormal coordinates suit it, and the per-activity PCA is
 * one such choice on each side. What the two modes do keep differently is the truncated subspace: with k below the
 * unit count, {@code own} keeps each activity's own dominant k-dimensional subspace (its dynamics summarised in its
 * own terms, independent of the partner), {@code pair} the subspace dominant in the two pooled activities, which
 * depends on the partner. With every component kept ({@code --pca-components all}) both are rotations of the
 * z-scored units, and the two modes agree up to the optimiser. One difference that is not a rotation: the PCA
 * centres by the own mean in {@code own} and by the pooled mean in {@code pair}; after z-scoring every (trial, unit)
 * has mean 0 over time, so both means are 0, but with {@code --no-zscore} they differ.
 *
 * <p>Procrustes and CKA are computed on the pair's common PCA in both modes.
 */
public enum DsaBasis {
    OWN("own"),
    PAIR("pair");

    private final String jsonName;

    DsaBasis(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The option value and the name recorded in the outputs' settings. */
    public String jsonName() {
        return jsonName;
    }

    /**
     * @throws IllegalArgumentException for anything but own or pair
     */
    public static DsaBasis parse(String s) {
        for (DsaBasis b : values()) {
            if (b.jsonName.equals(s.trim().toLowerCase())) {
                return b;
            }
        }
        throw new IllegalArgumentException("--dsa-basis must be own or pair, got '" + s + "'");
    }
}
