package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumericalRankTest {

    @Test
    void oneSinusoidHasHankelRankTwo() {
        int t = 80;
        double[] data = new double[2 * t];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < t; i++) {
                data[k * t + i] = Math.sin(0.3 * i + k);
            }
        }
        Trajectories x = new Trajectories(data, 2, t, 1);
        DmdParams p = new DmdParams(6, 2, 4, 0);
        assertEquals(2, HavokDmd.numericalRank(x, p));
        assertThrows(IllegalArgumentException.class, () -> HavokDmd.fit(x, p));
        HavokDmd.fit(x, new DmdParams(6, 2, 2, 0));
    }
}
