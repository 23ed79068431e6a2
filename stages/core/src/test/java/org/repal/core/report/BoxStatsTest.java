package org.repal.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Box statistics: numpy's linear quartiles, Tukey whiskers, NaN ignored. */
class BoxStatsTest {

    @Test
    void quartilesAndWhiskers() {
        // numpy.percentile([1,2,3,4,5,6,7,8,100], [25,50,75]) = [3, 5, 7]
        BoxStats s = BoxStats.of(new double[] {8, 1, 2, Double.NaN, 3, 4, 5, 6, 7, 100});
        assertEquals(9, s.n());
        assertEquals(3, s.q1(), 1e-12);
        assertEquals(5, s.median(), 1e-12);
        assertEquals(7, s.q3(), 1e-12);
        assertEquals(1, s.lowWhisker(), 1e-12);
        assertEquals(8, s.highWhisker(), 1e-12); // 100 is beyond 7 + 1.5·4
        assertEquals(List.of(100.0), s.outliers());
        assertEquals(136.0 / 9, s.mean(), 1e-12);
        // numpy.percentile([1,2,3,4], [25,50,75]) = [1.75, 2.5, 3.25]
        BoxStats t = BoxStats.of(new double[] {4, 3, 2, 1});
        assertEquals(1.75, t.q1(), 1e-12);
        assertEquals(2.5, t.median(), 1e-12);
        assertEquals(3.25, t.q3(), 1e-12);
    }

    @Test
    void emptyAndSingle() {
        BoxStats e = BoxStats.of(new double[] {Double.NaN});
        assertEquals(0, e.n());
        assertTrue(Double.isNaN(e.median()));
        BoxStats one = BoxStats.of(new double[] {0.4});
        assertEquals(0.4, one.q1());
        assertEquals(0.4, one.q3());
        assertEquals(0.4, one.highWhisker());
    }
}
