package org.repal.core.metric;

/**
 * Linear centred kernel alignment (Kornblith et al. 2019) with the biased HSIC (the reference,
 * sim_metric's lin_cka) and the unbiased HSIC estimator (Song et al. 2012), both computed in feature space
 * in O(samples·features²) without forming the samples×samples kernels. RepAL's dissimilarity is
 * 2·arccos(CKA)/π on the biased value.
 */
public final class Cka {

    /** Below this distance from 1 the reference's arccos returns exactly 0. */
    private static final double ONE_TOLERANCE = 1e-10;

    public record Result(double cka, double ckaUnbiased, double dissimilarity) {
    }

    private Cka() {
    }

    public static Result compare(Samples x, Samples y) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("CKA needs the same number of samples (trials*time): " + x.rows()
                    + " vs " + y.rows());
        }
        int m = x.rows();
        if (m < 4) {
            throw new IllegalArgumentException("CKA needs at least 4 samples (the unbiased estimator divides by "
                    + "m(m-3)), got " + m);
        }
        Samples xc = x.centered();
        Samples yc = y.centered();
        double xx = frobeniusSquared(xc.crossProduct(xc));
        double yy = frobeniusSquared(yc.crossProduct(yc));
        if (xx == 0 || yy == 0) {
            throw new IllegalArgumentException("CKA is undefined for data with zero variance (" + (xx == 0 ? "first"
                    : "second") + " array is constant over samples)");
        }
        double xy = frobeniusSquared(xc.crossProduct(yc));
        double cka = xy / (Math.sqrt(xx) * Math.sqrt(yy));
        double angle = Math.abs(cka - 1.0) < ONE_TOLERANCE ? 0.0 : Math.acos(Math.max(-1.0, Math.min(1.0, cka)));
        double unbiased = unbiased(xc, yc, xy, xx, yy);
        return new Result(cka, unbiased, 2.0 * angle / Math.PI);
    }

    /**
     * HSIC_u(K,L) = [tr(K̃L̃) + 1ᵀK̃1·1ᵀL̃1/((m−1)(m−2)) − 2/(m−2)·(K̃1)ᵀ(L̃1)] / (m(m−3)), with K̃ the
     * linear kernel XXᵀ with its diagonal zeroed; every term reduces to feature-space sums.
     */
    private static double unbiased(Samples xc, Samples yc, double xy, double xx, double yy) {
        double[] kDiag = rowSquaredNorms(xc);
        double[] lDiag = rowSquaredNorms(yc);
        double[] kRow = rowSumsOfKernel(xc, kDiag);
        double[] lRow = rowSumsOfKernel(yc, lDiag);
        double kl = hsicUnbiased(xy, kDiag, lDiag, kRow, lRow);
        double kk = hsicUnbiased(xx, kDiag, kDiag, kRow, kRow);
        double ll = hsicUnbiased(yy, lDiag, lDiag, lRow, lRow);
        if (!(kk > 0) || !(ll > 0)) {
            throw new IllegalArgumentException("unbiased CKA is undefined: the unbiased HSIC of a representation with "
                    + "itself is not positive (too few samples or near-constant data)");
        }
        return kl / Math.sqrt(kk * ll);
    }

    private static double hsicUnbiased(double trKL, double[] kDiag, double[] lDiag, double[] kRow, double[] lRow) {
        int m = kDiag.length;
        double trTilde = trKL;
        double kSum = 0;
        double lSum = 0;
        double rowDot = 0;
        for (int i = 0; i < m; i++) {
            trTilde -= kDiag[i] * lDiag[i];
            kSum += kRow[i];
            lSum += lRow[i];
            rowDot += kRow[i] * lRow[i];
        }
        return (trTilde + kSum * lSum / ((m - 1.0) * (m - 2.0)) - 2.0 / (m - 2.0) * rowDot) / (m * (m - 3.0));
    }

    private static double[] rowSquaredNorms(Samples s) {
        double[] out = new double[s.rows()];
        double[] d = s.data();
        for (int i = 0; i < s.rows(); i++) {
            double acc = 0;
            for (int j = 0; j < s.cols(); j++) {
                double v = d[i * s.cols() + j];
                acc += v * v;
            }
            out[i] = acc;
        }
        return out;
    }

    /** (K̃1)_i = x_i·(Σ_j x_j) − ‖x_i‖². */
    private static double[] rowSumsOfKernel(Samples s, double[] diag) {
        double[] total = new double[s.cols()];
        double[] d = s.data();
        for (int i = 0; i < s.rows(); i++) {
            for (int j = 0; j < s.cols(); j++) {
                total[j] += d[i * s.cols() + j];
            }
        }
        double[] out = new double[s.rows()];
        for (int i = 0; i < s.rows(); i++) {
            double acc = 0;
            for (int j = 0; j < s.cols(); j++) {
                acc += d[i * s.cols() + j] * total[j];
            }
            out[i] = acc - diag[i];
        }
        return out;
    }

    private static double frobeniusSquared(double[] m) {
        double s = 0;
        for (double v : m) {
            s += v * v;
        }
        return s;
    }
}
