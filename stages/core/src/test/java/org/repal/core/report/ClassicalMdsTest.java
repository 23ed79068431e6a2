package org.repal.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Classical MDS recovers configurations that truly live in two dimensions, up to rotation and reflection. */
class ClassicalMdsTest {

    @Test
    void recoversPlanarPointsDistancesExactly() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 30;
        double[][] p = new double[n][2];
        for (double[] q : p) {
            q[0] = 10 * r.nextDouble() - 5;
            q[1] = 3 * r.nextDouble() - 1;
        }
        double[][] d = distances(p);
        double[][] e = ClassicalMds.embed(d);
        assertEquals(n, e.length);
        double[][] back = distances(e);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(d[i][j], back[i][j], 1e-9, "distance " + i + "-" + j);
            }
        }
        // centred at the origin
        double mx = 0;
        double my = 0;
        for (double[] q : e) {
            mx += q[0];
            my += q[1];
        }
        assertEquals(0, mx / n, 1e-9);
        assertEquals(0, my / n, 1e-9);
    }

    @Test
    void rotatedAndReflectedCopiesGiveTheSameEmbedding() {
        double[][] p = {{0, 0}, {3, 0}, {3, 1}, {0, 2}, {-1, 4}, {2, 5}};
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[][] q = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            q[i] = new double[] {c * p[i][0] - s * p[i][1] + 4, -(s * p[i][0] + c * p[i][1]) - 2}; // rotate, reflect, shift
        }
        double[][] a = ClassicalMds.embed(distances(p));
        double[][] b = ClassicalMds.embed(distances(q));
        for (int i = 0; i < p.length; i++) {
            assertArrayEquals(a[i], b[i], 1e-9, "the sign convention makes the output unique");
        }
    }

    @Test
    void collinearPointsUseOneDimension() {
        double[][] p = {{0, 0}, {1, 0}, {3, 0}, {7, 0}};
        ClassicalMds.Result res = ClassicalMds.embed(distances(p), 2);
        double[][] back = distances(res.coordinates());
        double[][] d = distances(p);
        for (int i = 0; i < p.length; i++) {
            assertArrayEquals(d[i], back[i], 1e-9);
            assertEquals(0, res.coordinates()[i][1], 1e-6);
        }
        assertTrue(res.eigenvalues()[0] > 0);
        assertEquals(0, res.eigenvalues()[1], 1e-9);
        assertEquals(p.length, res.eigenvalues().length);
    }

    @Test
    void asymmetricInputIsSymmetrisedAndDiagonalIgnored() {
        double[][] p = {{0, 0}, {1, 0}, {0, 1}};
        double[][] d = distances(p);
        double[][] noisy = {{5, d[0][1] + 0.1, d[0][2]}, {d[1][0] - 0.1, Double.NaN, d[1][2]}, {d[2][0], d[2][1], 0}};
        double[][] e = ClassicalMds.embed(noisy);
        double[][] back = distances(e);
        assertEquals(d[0][1], back[0][1], 1e-9);
        assertEquals(d[1][2], back[1][2], 1e-9);
    }

    @Test
    void tinyAndInvalidInputs() {
        assertEquals(0, ClassicalMds.embed(new double[0][0]).length);
        assertArrayEquals(new double[] {0, 0}, ClassicalMds.embed(new double[][] {{0}})[0]);
        assertThrows(IllegalArgumentException.class, () -> ClassicalMds.embed(new double[][] {{0, 1}, {1}}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassicalMds.embed(new double[][] {{0, Double.NaN}, {1, 0}}));
        assertThrows(IllegalArgumentException.class, () -> ClassicalMds.embed(new double[][] {{0}}, 0));
    }

    static double[][] distances(double[][] p) {
        int n = p.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < p[i].length; k++) {
                    double x = p[i][k] - p[j][k];
                    s += x * x;
                }
                d[i][j] = Math.sqrt(s);
            }
        }
        return d;
    }
}
