package org.repal.core.linalg;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.bytedeco.openblas.global.openblas;

/**
 * Checks, by residuals, every BLAS/LAPACK routine the project calls on seeded matrices of sizes that reach the
 * unblocked and the blocked code paths (8, 64, 200). Some OpenBLAS releases compute wrong results with some
 * kernel sets (0.3.19's LAPACK on SkylakeX: dgesv residuals of 1e26); this finds that before any real work.
 *
 * <p>Each residual is scaled so that a correct routine gives O(1) (an error bound over n·ε) and checked against
 * {@link #TOLERANCE}; a broken kernel gives 1e3 and far more. Products are checked through random probe vectors
 * (S·V·x against V·Λ·x) in plain Java, so a check costs O(n²) besides the routine itself and never uses the
 * routine under test; GEMM and SYRK, whose kernels are the ones that differ most between CPUs, are checked
 * entry by entry against a Java product.
 */
public final class NumericsSelfCheck {

    /** Sizes: below every LAPACK block size, one block, and past the blocked crossovers (NX = 128). */
    public static final int[] SIZES = {8, 64, 200};
    /** Largest accepted scaled residual (correct routines give below ~1). */
    public static final double TOLERANCE = 100;

    private static final double EPS64 = Math.ulp(1.0);
    private static final double EPS32 = Math.ulp(1.0f);

    /** One routine at one size: its scaled residual and whether it passed. */
    public record Result(String routine, int size, double residual, boolean passed) {
    }

    /** All checks with the library facts they ran on. */
    public record Report(String core, int threads, List<Result> results, double seconds) {
        public boolean passed() {
            return results.stream().allMatch(Result::passed);
        }

        /** The first failed check, or null. */
        public Result firstFailure() {
            return results.stream().filter(r -> !r.passed()).findFirst().orElse(null);
        }
    }

    private final UnaryOperator<double[]> tamper;
    private final String tamperedRoutine;

    private NumericsSelfCheck(String tamperedRoutine, UnaryOperator<double[]> tamper) {
        this.tamperedRoutine = tamperedRoutine;
        this.tamper = tamper;
    }

    /** Runs every check once. */
    public static Report run() {
        return new NumericsSelfCheck(null, null).runAll();
    }

    /**
     * Runs the checks with {@code routine}'s output passed through {@code tamper} first: how tests show that a
     * wrong result of that routine is caught.
     */
    static Report runWithTamperedOutput(String routine, UnaryOperator<double[]> tamper) {
        return new NumericsSelfCheck(routine, tamper).runAll();
    }

    private Report runAll() {
        long t0 = System.nanoTime();
        BlasLibrary.load();
        List<Result> results = new ArrayList<>();
        for (int n : SIZES) {
            SplittableRandom rng = new SplittableRandom(0x5EEDL + n);
            results.add(level1(n, rng));
            results.add(level1Float(n, rng));
            results.add(dgemm(n, rng));
            results.add(sgemm(n, rng));
            results.add(dsyrk(n, rng));
            results.add(dgesv(n, rng));
            results.add(dgetrfGetrs(n, rng));
            results.add(dsyev(n, rng));
            results.add(dsyevr(n, rng));
            results.add(dgeev(n, rng));
            results.add(dgesdd(n, rng));
            results.add(dgeqrfOrgqr(n, rng));
        }
        return new Report(BlasLibrary.coreName(), BlasLibrary.threads(), List.copyOf(results),
                (System.nanoTime() - t0) / 1e9);
    }

    private double[] out(String routine, double[] values) {
        return routine.equals(tamperedRoutine) ? tamper.apply(values) : values;
    }

    private static Result result(String routine, int n, double residual) {
        return new Result(routine, n, residual, Double.isFinite(residual) && residual <= TOLERANCE);
    }

    // ------------------------------------------------------------------ BLAS

    private Result level1(int n, SplittableRandom rng) {
        double[] x = ReferenceMath.gaussian(rng, n);
        double[] y = ReferenceMath.gaussian(rng, n);
        double[] z = new double[n];
        openblas.cblas_dcopy(n, x, 1, z, 1);
        openblas.cblas_daxpy(n, 0.75, y, 1, z, 1);
        openblas.cblas_dscal(n, -2.0, z, 1);
        z = out("daxpy/dscal/dcopy", z);
        double err = 0;
        for (int i = 0; i < n; i++) {
            // Entry by entry against the rounding scale of its own operands.
            double expect = -2.0 * (x[i] + 0.75 * y[i]);
            err = Math.max(err, Math.abs(z[i] - expect) / (2.0 * (Math.abs(x[i]) + 0.75 * Math.abs(y[i]))));
        }
        double norm = openblas.cblas_dnrm2(n, x, 1);
        double normErr = Math.abs(norm - Math.sqrt(ReferenceMath.dot(x, x))) / Math.sqrt(ReferenceMath.dot(x, x));
        return result("daxpy/dscal/dcopy/dnrm2", n, nanToInf(Math.max(err, normErr)) / (4 * EPS64));
    }

    private Result level1Float(int n, SplittableRandom rng) {
        float[] x = ReferenceMath.toFloat(ReferenceMath.gaussian(rng, n));
        float[] y = ReferenceMath.toFloat(ReferenceMath.gaussian(rng, n));
        float[] z = new float[n];
        openblas.cblas_scopy(n, x, 1, z, 1);
        openblas.cblas_saxpy(n, 0.75f, y, 1, z, 1);
        openblas.cblas_sscal(n, -2.0f, z, 1);
        double[] zd = out("saxpy/sscal/scopy", ReferenceMath.toDouble(z));
        double err = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double expect = -2.0 * ((double) x[i] + 0.75 * (double) y[i]);
            err = Math.max(err, Math.abs(zd[i] - expect) / (2.0 * (Math.abs(x[i]) + 0.75 * Math.abs(y[i]))));
            sq += (double) x[i] * x[i];
        }
        double normErr = Math.abs(openblas.cblas_snrm2(n, x, 1) - Math.sqrt(sq)) / Math.sqrt(sq);
        return result("saxpy/sscal/scopy/snrm2", n, nanToInf(Math.max(err, normErr)) / (4 * EPS32));
    }

    /** C = A·B and Aᵀ·B on rectangular shapes (the kernels' edge tiles), against a Java product. */
    private Result dgemm(int n, SplittableRandom rng) {
        int m = n + 3;
        int k = n + 5;
        int p = Math.max(1, n - 3);
        double[] a = ReferenceMath.gaussian(rng, m * k);
        double[] b = ReferenceMath.gaussian(rng, k * p);
        double[] c = new double[m * p];
        openblas.cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, p, k, 1.0, a, k, b, p, 0.0, c, p);
        double worst = productError(out("dgemm", c), a, b, m, p, k, rng) / EPS64;
        double[] at = ReferenceMath.transpose(a, m, k);
        openblas.cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, p, k, 1.0, at, m, b, p, 0.0, c, p);
        worst = Math.max(worst, productError(out("dgemm", c), a, b, m, p, k, rng) / EPS64);
        return result("dgemm", n, worst);
    }

    private Result sgemm(int n, SplittableRandom rng) {
        int m = n + 3;
        int k = n + 5;
        int p = Math.max(1, n - 3);
        float[] a = ReferenceMath.toFloat(ReferenceMath.gaussian(rng, m * k));
        float[] b = ReferenceMath.toFloat(ReferenceMath.gaussian(rng, k * p));
        float[] c = new float[m * p];
        openblas.cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, p, k, 1f, a, k,
                ReferenceMath.toFloat(ReferenceMath.transpose(ReferenceMath.toDouble(b), k, p)), k, 0f, c, p);
        double err = productError(out("sgemm", ReferenceMath.toDouble(c)), ReferenceMath.toDouble(a), ReferenceMath.toDouble(b), m, p, k, rng);
        return result("sgemm", n, err / EPS32);
    }

    /** Upper triangle of A·Aᵀ. */
    private Result dsyrk(int n, SplittableRandom rng) {
        int k = n + 7;
        double[] a = ReferenceMath.gaussian(rng, n * k);
        double[] c = new double[n * n];
        openblas.cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, n, k, 1.0, a, k, 0.0, c, n);
        c = out("dsyrk", c);
        double[] full = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                full[i * n + j] = c[i * n + j];
                full[j * n + i] = c[i * n + j];
            }
        }
        return result("dsyrk", n, productError(full, a, ReferenceMath.transpose(a, n, k), n, n, k, rng) / EPS64);
    }

    // ------------------------------------------------------------------ LAPACK

    /** A·X = B, the backward error ‖A·X − B‖ / (‖A‖·‖X‖·n·ε). */
    private Result dgesv(int n, SplittableRandom rng) {
        int nrhs = 3;
        double[] a = ReferenceMath.gaussian(rng, n * n);
        double[] b = ReferenceMath.gaussian(rng, n * nrhs);
        double[] lu = a.clone();
        double[] x = b.clone();
        int info = openblas.LAPACKE_dgesv(LAPACK_ROW_MAJOR, n, nrhs, lu, n, new int[n], x, nrhs);
        if (info != 0) {
            return result("dgesv", n, Double.POSITIVE_INFINITY);
        }
        return result("dgesv", n, solveResidual(a, out("dgesv", x), b, n, nrhs));
    }

    /** The column-major LU factor-then-solve pair ({@code _work} variants), as SmallMatrices calls it. */
    private Result dgetrfGetrs(int n, SplittableRandom rng) {
        int nrhs = 2;
        double[] a = ReferenceMath.gaussian(rng, n * n);
        double[] b = ReferenceMath.gaussian(rng, n * nrhs);
        double[] lu = ReferenceMath.transpose(a, n, n);
        int[] ipiv = new int[n];
        double[] xCol = ReferenceMath.transpose(b, n, nrhs);
        int info = openblas.LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n, n, lu, n, ipiv);
        if (info == 0) {
            info = openblas.LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, (byte) 'N', n, nrhs, lu, n, ipiv, xCol, n);
        }
        if (info != 0) {
            return result("dgetrf/dgetrs", n, Double.POSITIVE_INFINITY);
        }
        double[] x = out("dgetrf/dgetrs", ReferenceMath.transpose(xCol, nrhs, n));
        return result("dgetrf/dgetrs", n, solveResidual(a, x, b, n, nrhs));
    }

    /** All eigenpairs of a symmetric matrix: ‖S·V − V·Λ‖ and ‖VᵀV − I‖, over n·ε·‖S‖. */
    private Result dsyev(int n, SplittableRandom rng) {
        double[] s = randomSymmetric(n, rng);
        double[] v = s.clone();
        double[] w = new double[n];
        int info = openblas.LAPACKE_dsyev(LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'U', n, v, n, w);
        if (info != 0) {
            return result("dsyev", n, Double.POSITIVE_INFINITY);
        }
        return result("dsyev", n, eigenResidual(s, out("dsyev", v), w, n, n, rng));
    }

    /** The top quarter of the eigenpairs by index range, as TopEigen's LAPACK fallback asks for them. */
    private Result dsyevr(int n, SplittableRandom rng) {
        double[] s = randomSymmetric(n, rng);
        int count = Math.max(1, n / 4);
        double[] work = s.clone();
        double[] w = new double[n];
        double[] z = new double[n * count];
        int[] found = new int[1];
        int info = openblas.LAPACKE_dsyevr(LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'I', (byte) 'U', n, work, n, 0, 0,
                n - count + 1, n, 0.0, found, w, z, count, new int[2 * count]);
        if (info != 0 || found[0] != count) {
            return result("dsyevr", n, Double.POSITIVE_INFINITY);
        }
        return result("dsyevr", n, eigenResidual(s, out("dsyevr", z), w, n, count, rng));
    }

    /**
     * Eigenvalues only (as EigenWasserstein calls it) of Q·T·Qᵀ, where T is block upper triangular with known
     * real eigenvalues and complex pairs and Q is orthogonal (built by Java Householder reflections): each
     * computed eigenvalue against the nearest known one, over n·ε·‖T‖.
     */
    private Result dgeev(int n, SplittableRandom rng) {
        double[] t = new double[n * n];
        double[][] known = new double[n][];
        int i = 0;
        while (i < n) {
            double re = rng.nextDouble(-2, 2);
            if (i + 1 < n && rng.nextBoolean()) {
                double im = rng.nextDouble(0.2, 2);
                t[i * n + i] = re;
                t[(i + 1) * n + i + 1] = re;
                t[i * n + i + 1] = im;
                t[(i + 1) * n + i] = -im;
                known[i] = new double[] {re, im};
                known[i + 1] = new double[] {re, -im};
                i += 2;
            } else {
                t[i * n + i] = re;
                known[i] = new double[] {re, 0};
                i++;
            }
        }
        // A mild strictly-upper part keeps the eigenvalues (block triangular) and makes the matrix non-normal.
        for (int r = 0; r < n; r++) {
            for (int c = r + 2; c < n; c++) {
                t[r * n + c] = 0.3 * rng.nextGaussian() / Math.sqrt(n);
            }
        }
        double[] a = similarity(t, n, rng);
        double[] wr = new double[n];
        double[] wi = new double[n];
        double[] unused = new double[n];
        int info = openblas.LAPACKE_dgeev(LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'N', n, a, n, wr, wi, unused, n,
                unused, n);
        if (info != 0) {
            return result("dgeev", n, Double.POSITIVE_INFINITY);
        }
        double[] re = out("dgeev", wr);
        double worst = 0;
        boolean[] used = new boolean[n];
        for (int j = 0; j < n; j++) {
            double best = Double.POSITIVE_INFINITY;
            int at = -1;
            for (int k = 0; k < n; k++) {
                if (!used[k]) {
                    double d = Math.hypot(re[j] - known[k][0], wi[j] - known[k][1]);
                    if (d < best) {
                        best = d;
                        at = k;
                    }
                }
            }
            used[at] = true;
            worst = Math.max(worst, best);
        }
        return result("dgeev", n, worst / (ReferenceMath.frobenius(t) * n * EPS64));
    }

    /** A = U·Σ·Vᵀ with orthonormal U and V (full SVD of a square matrix, as Procrustes calls it). */
    private Result dgesdd(int n, SplittableRandom rng) {
        double[] a = ReferenceMath.gaussian(rng, n * n);
        double[] work = a.clone();
        double[] s = new double[n];
        double[] u = new double[n * n];
        double[] vt = new double[n * n];
        int info = openblas.LAPACKE_dgesdd(LAPACK_ROW_MAJOR, (byte) 'A', n, n, work, n, s, u, n, vt, n);
        if (info != 0) {
            return result("dgesdd", n, Double.POSITIVE_INFINITY);
        }
        u = out("dgesdd", u);
        // A·x against U·(Σ·(Vᵀ·x)).
        double[] x = ReferenceMath.gaussian(rng, n);
        double[] y = ReferenceMath.matVec(vt, n, n, x);
        for (int i = 0; i < n; i++) {
            y[i] *= s[i];
        }
        double err = ReferenceMath.maxAbsDiff(ReferenceMath.matVec(u, n, n, y), ReferenceMath.matVec(a, n, n, x)) / (ReferenceMath.frobenius(a) * ReferenceMath.frobenius(x) * n * EPS64);
        err = Math.max(err, orthonormalityError(u, n, n, rng) / (n * EPS64));
        err = Math.max(err, orthonormalityError(ReferenceMath.transpose(vt, n, n), n, n, rng) / (n * EPS64));
        return result("dgesdd", n, err);
    }

    /** Q from a Householder QR: orthonormal columns, and Q·R = A. */
    private Result dgeqrfOrgqr(int n, SplittableRandom rng) {
        int m = n + 4;
        double[] a = ReferenceMath.gaussian(rng, m * n);
        double[] q = a.clone();
        double[] tau = new double[n];
        int info = openblas.LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, m, n, q, n, tau);
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                r[i * n + j] = q[i * n + j];
            }
        }
        if (info == 0) {
            info = openblas.LAPACKE_dorgqr(LAPACK_ROW_MAJOR, m, n, n, q, n, tau);
        }
        if (info != 0) {
            return result("dgeqrf/dorgqr", n, Double.POSITIVE_INFINITY);
        }
        q = out("dgeqrf/dorgqr", q);
        double[] x = ReferenceMath.gaussian(rng, n);
        double err = ReferenceMath.maxAbsDiff(ReferenceMath.matVec(q, m, n, ReferenceMath.matVec(r, n, n, x)), ReferenceMath.matVec(a, m, n, x))
                / (ReferenceMath.frobenius(a) * ReferenceMath.frobenius(x) * m * EPS64);
        err = Math.max(err, orthonormalityError(q, m, n, rng) / (m * EPS64));
        return result("dgeqrf/dorgqr", n, err);
    }

    // ------------------------------------------------------------------ references and residuals

    private static double solveResidual(double[] a, double[] x, double[] b, int n, int nrhs) {
        double[] ax = ReferenceMath.javaProduct(a, x, n, nrhs, n);
        return ReferenceMath.maxAbsDiff(ax, b) / (ReferenceMath.normInf(a, n, n) * ReferenceMath.normInf(x, n, nrhs) * n * EPS64);
    }

    /** Eigenvectors as the columns of v (n×count): ‖(S·V − V·Λ)·x‖ / (‖S‖·‖x‖·n·ε) and orthonormality. */
    private static double eigenResidual(double[] s, double[] v, double[] w, int n, int count, SplittableRandom rng) {
        double[] x = ReferenceMath.gaussian(rng, count);
        double[] lx = x.clone();
        for (int c = 0; c < count; c++) {
            lx[c] *= w[c];
        }
        double[] vx = ReferenceMath.matVec(v, n, count, x);
        double err = ReferenceMath.maxAbsDiff(ReferenceMath.matVec(s, n, n, vx), ReferenceMath.matVec(v, n, count, lx)) / (ReferenceMath.frobenius(s) * ReferenceMath.frobenius(x) * n * EPS64);
        return Math.max(err, orthonormalityError(v, n, count, rng) / (n * EPS64));
    }

    /** ‖(QᵀQ − I)·x‖∞ / ‖x‖₂ for Q m×k and a random probe x. */
    private static double orthonormalityError(double[] q, int m, int k, SplittableRandom rng) {
        double[] x = ReferenceMath.gaussian(rng, k);
        double[] back = ReferenceMath.matTransVec(q, m, k, ReferenceMath.matVec(q, m, k, x));
        return ReferenceMath.maxAbsDiff(back, x) / ReferenceMath.frobenius(x);
    }

    /**
     * C against a Java product entry by entry, over each entry's typical rounding √k·‖aᵢ‖·‖bⱼ‖ (ε left to the
     * caller): O(1) for a correct product. Products are checked in full: a kernel bug may touch one tile only.
     */
    private static double productError(double[] c, double[] a, double[] b, int m, int p, int k, SplittableRandom rng) {
        double[] ref = ReferenceMath.javaProduct(a, b, m, p, k);
        double[] colNorm = new double[p];
        for (int l = 0; l < k; l++) {
            for (int j = 0; j < p; j++) {
                colNorm[j] += b[l * p + j] * b[l * p + j];
            }
        }
        double worst = 0;
        for (int i = 0; i < m; i++) {
            double row = 0;
            for (int l = 0; l < k; l++) {
                row += a[i * k + l] * a[i * k + l];
            }
            for (int j = 0; j < p; j++) {
                double e = Math.abs(c[i * p + j] - ref[i * p + j]) / Math.sqrt(k * row * colNorm[j]);
                worst = Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(worst, e);
            }
        }
        return worst;
    }

    private static double nanToInf(double x) {
        return Double.isNaN(x) ? Double.POSITIVE_INFINITY : x;
    }

    /** Q·T·Qᵀ with Q a product of Householder reflections built in Java. */
    private static double[] similarity(double[] t, int n, SplittableRandom rng) {
        double[] a = t.clone();
        int reflections = Math.min(n, 6);
        for (int h = 0; h < reflections; h++) {
            double[] v = ReferenceMath.gaussian(rng, n);
            double vv = ReferenceMath.dot(v, v);
            // A ← H·A·H with H = I − 2vvᵀ/vᵀv (symmetric and orthogonal).
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += v[r] * a[r * n + c];
                }
                double f = 2 * s / vv;
                for (int r = 0; r < n; r++) {
                    a[r * n + c] -= f * v[r];
                }
            }
            for (int r = 0; r < n; r++) {
                double s = 0;
                for (int c = 0; c < n; c++) {
                    s += a[r * n + c] * v[c];
                }
                double f = 2 * s / vv;
                for (int c = 0; c < n; c++) {
                    a[r * n + c] -= f * v[c];
                }
            }
        }
        return a;
    }

    private static double[] randomSymmetric(int n, SplittableRandom rng) {
        double[] g = ReferenceMath.gaussian(rng, n * n);
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i * n + j] = 0.5 * (g[i * n + j] + g[j * n + i]);
            }
        }
        return s;
    }
}
