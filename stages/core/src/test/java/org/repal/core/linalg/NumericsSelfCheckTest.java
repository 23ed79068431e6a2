package org.repal.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class NumericsSelfCheckTest {

    private static final List<String> ROUTINES = List.of("daxpy/dscal/dcopy/dnrm2", "saxpy/sscal/scopy/snrm2", "dgemm",
            "sgemm", "dsyrk", "dgesv", "dgetrf/dgetrs", "dsyev", "dsyevr", "dgeev", "dgesdd", "dgeqrf/dorgqr");
    /** The names under which the check tampers with each routine's output. */
    private static final List<String> TAMPER_KEYS = List.of("daxpy/dscal/dcopy", "saxpy/sscal/scopy", "dgemm", "sgemm",
            "dsyrk", "dgesv", "dgetrf/dgetrs", "dsyev", "dsyevr", "dgeev", "dgesdd", "dgeqrf/dorgqr");

    @Test
    void everyRoutinePassesAtEverySizeOnThisMachine() {
        NumericsSelfCheck.Report report = NumericsSelfCheck.run();
        assertTrue(report.passed(), () -> "failed: " + report.firstFailure() + " on kernel " + report.core());
        Set<String> seen = new TreeSet<>();
        for (NumericsSelfCheck.Result r : report.results()) {
            seen.add(r.routine() + "@" + r.size());
            // Correct routines sit far below the limit: a check that passes everything would show up here.
            assertTrue(r.residual() < NumericsSelfCheck.TOLERANCE / 10, r + " is close to the limit");
        }
        assertEquals(ROUTINES.size() * NumericsSelfCheck.SIZES.length, seen.size(), "checks: " + seen);
        assertNotNull(report.core());
    }

    /**
     * One wrong entry in any routine's output fails that routine at every size, and nothing else: 1e-6 relative in
     * float64, 1e-4 in float32 level 1, 1e-2 in sgemm (a float32 dot product of length 200 already carries ~1e-5
     * of rounding, and the check allows 100 times the typical rounding).
     */
    @TestFactory
    List<DynamicTest> aSlightlyWrongOutputIsCaught() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < TAMPER_KEYS.size(); i++) {
            String key = TAMPER_KEYS.get(i);
            String routine = ROUTINES.get(i);
            tests.add(DynamicTest.dynamicTest(key, () -> {
                double relative = key.equals("sgemm") ? 1e-2 : key.startsWith("s") ? 1e-4 : 1e-6;
                UnaryOperator<double[]> nudge = v -> {
                    double[] w = v.clone();
                    int at = w.length / 3;
                    w[at] += relative * (Math.abs(w[at]) + 1);
                    return w;
                };
                NumericsSelfCheck.Report report = NumericsSelfCheck.runWithTamperedOutput(key, nudge);
                assertFalse(report.passed());
                for (NumericsSelfCheck.Result r : report.results()) {
                    assertEquals(!r.routine().equals(routine), r.passed(), r.toString());
                }
            }));
        }
        return tests;
    }

    @Test
    void aNanIsCaught() {
        NumericsSelfCheck.Report report = NumericsSelfCheck.runWithTamperedOutput("dsyev", v -> {
            double[] w = v.clone();
            w[0] = Double.NaN;
            return w;
        });
        NumericsSelfCheck.Result bad = report.firstFailure();
        assertEquals("dsyev", bad.routine());
        assertEquals(NumericsSelfCheck.SIZES[0], bad.size());
    }

    @Test
    void theFailureLineNamesRoutineSizeKernelAndRemedy() {
        NumericsSelfCheck.Report report = NumericsSelfCheck.runWithTamperedOutput("dgesv", v -> {
            double[] w = v.clone();
            w[0] *= 1e20;
            return w;
        });
        String line = NumericsGate.failureMessage(report);
        assertFalse(line.contains("\n"));
        assertTrue(line.contains("dgesv (n = 8)"), line);
        assertTrue(line.contains("kernel " + report.core()), line);
        assertTrue(line.contains("OPENBLAS_CORETYPE="), line);
        assertTrue(line.contains("OpenBLAS " + BlasLibrary.version()), line);
    }

    @Test
    void theGateRunsOnceAndPasses() {
        NumericsGate.ensure();
        assertTrue(NumericsGate.report() == NumericsGate.report());
    }

    @Test
    void libraryFactsAreRead() {
        assertTrue(BlasLibrary.version().matches("\\d+\\.\\d+\\.\\d+"), BlasLibrary.version());
        assertTrue(BlasLibrary.threads() >= 1);
        assertTrue(BlasLibrary.X86_64_CORES.contains(BlasLibrary.coreName()), BlasLibrary.coreName());
        int before = BlasThreads.get();
        BlasThreads.set(before + 1);
        assertEquals(before + 1, BlasLibrary.threads(), "raised above the start-up count");
        BlasThreads.set(before);
        assertEquals(before, BlasThreads.get());
    }
}
