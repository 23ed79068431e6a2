package org.repal.core.metric;

import org.repal.core.linalg.SmallMatrices;

/**
 * The similarity-transform distance between two fitted HAVOK operators ("Procrustes over vector fields"):
 * normalise both, find the best orthogonal conjugation, and report it in the chosen score.
 */
public final class DsaComparison {

    /** score in the chosen method's units; loss = ‖Â − C·B̂·Cᵀ‖² at the optimum (NaN for wasserstein). */
    public record Result(double score, double loss, String optimizer, int iterations, double seconds) {
    }

    private DsaComparison() {
    }

    public static Result compare(HavokDmd.Fit x, HavokDmd.Fit y, OrthogonalAligner aligner, ScoreMethod method) {
        long start = System.nanoTime();
        if (method == ScoreMethod.WASSERSTEIN) {
            double w = EigenWasserstein.score(x.a(), x.rank(), y.a(), y.rank());
            return new Result(w, Double.NaN, "none", 0, seconds(start));
        }
        if (x.rank() != y.rank()) {
            throw new IllegalArgumentException("DMD ranks differ (" + x.rank() + " vs " + y.rank() + "): set --rank to a "
                    + "common value or use --score wasserstein");
        }
        int n = x.rank();
        double[] a = normalised(x.a(), "first");
        double[] b = normalised(y.a(), "second");
        OrthogonalAligner.Alignment best = aligner.align(a, b, n);
        double loss = SmallMatrices.similarityResidualSquared(a, b, best.c(), n);
        double distance = Math.sqrt(loss);
        double score = method == ScoreMethod.ANGULAR ? angleFromChord(distance) : distance;
        return new Result(score, loss, aligner.name(), best.iterations(), seconds(start));
    }

    /**
     * For unit-norm Â and an orthogonal C, ‖Â − CB̂Cᵀ‖² = 2 − 2cos θ, so θ = 2·asin(‖·‖/2): the same angle as
     * the reference's arccos of the trace, without its loss of precision near θ = 0.
     */
    static double angleFromChord(double chord) {
        return 2.0 * Math.asin(Math.min(1.0, chord / 2.0));
    }

    private static double[] normalised(double[] m, String which) {
        double norm = SmallMatrices.frobeniusNorm(m);
        if (!(norm > 0)) {
            throw new IllegalArgumentException("the " + which + " DMD operator is zero: DSA is undefined");
        }
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] / norm;
        }
        return out;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
