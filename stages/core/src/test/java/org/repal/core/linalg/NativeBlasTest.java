package org.repal.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NativeBlasTest {

    /** Sizes below, at and across the 64-wide tiles, so partial edge tiles and diagonal tiles are all exercised. */
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 63, 64, 65, 130, 200})
    void upperToFullMirrorsOntoTheHeapWithoutReadingTheLowerTriangle(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i * n + j] = j >= i ? 1000.0 * i + j + 0.25 : Double.NaN;
            }
        }
        double[] full = new double[n * n];
        try (DoublePointer p = NativeBlas.alloc((long) n * n)) {
            p.put(m);
            NativeBlas.upperToFull(p, n, full);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = j >= i ? m[i * n + j] : m[j * n + i];
                assertEquals(expected, full[i * n + j], 0.0, "element (" + i + ", " + j + ") of " + n + "x" + n);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 63, 64, 65, 130, 200})
    void mirrorUpperCopiesTheUpperTriangleDownAndLeavesItAlone(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // Distinct values everywhere; the lower triangle starts as garbage that must be overwritten.
                m[i * n + j] = j >= i ? 1000.0 * i + j + 0.25 : -1.0 - i - j;
            }
        }
        try (DoublePointer p = NativeBlas.alloc((long) n * n)) {
            p.put(m);
            NativeBlas.mirrorUpper(p, n);
            double[] out = new double[n * n];
            p.get(out);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double expected = j >= i ? m[i * n + j] : m[j * n + i];
                    assertEquals(expected, out[i * n + j], 0.0, "element (" + i + ", " + j + ") of " + n + "x" + n);
                }
            }
        }
    }
}
