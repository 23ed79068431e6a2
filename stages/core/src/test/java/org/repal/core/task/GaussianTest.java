package org.repal.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianTest {

    @Test
    void momentsAreStandardNormal() {
        Gaussian g = new Gaussian(new SplittableRandom(1));
        int n = 400_000;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        int beyond2 = 0;
        for (int i = 0; i < n; i++) {
            double z = g.next();
            s1 += z;
            s2 += z * z;
            s3 += z * z * z;
            s4 += z * z * z * z;
            beyond2 += Math.abs(z) > 2 ? 1 : 0;
        }
        assertEquals(0, s1 / n, 5 * Math.sqrt(1.0 / n));
        assertEquals(1, s2 / n, 5 * Math.sqrt(2.0 / n));
        assertEquals(0, s3 / n, 5 * Math.sqrt(15.0 / n));
        assertEquals(3, s4 / n, 5 * Math.sqrt(96.0 / n));
        assertEquals(0.0455, beyond2 / (double) n, 0.002); // P(|Z| > 2)
    }

    @Test
    void sameSeedSameDraws() {
        Gaussian a = new Gaussian(new SplittableRandom(9));
        Gaussian b = new Gaussian(new SplittableRandom(9));
        for (int i = 0; i < 1000; i++) {
            assertEquals(Double.doubleToLongBits(a.next()), Double.doubleToLongBits(b.next()));
        }
    }
}
