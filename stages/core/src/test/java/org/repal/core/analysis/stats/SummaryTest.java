package org.repal.core.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Descriptive statistics on a hand-computed sample. */
class SummaryTest {

    @Test
    void handExample() {
        // values 2 4 4 4 5 5 7 9: mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32
        // SD = √(32/7) = 2.138089935…, SEM = SD/√8 = √(32/56) = √(4/7) = 0.755928946…
        // type-7 quantiles on the sorted values (index h = 7q): median h = 3.5 → 4 + 0.5·(5−4) = 4.5;
        // Q1 h = 1.75 → 4 + 0.75·(4−4) = 4; Q3 h = 5.25 → 5 + 0.25·(7−5) = 5.5
        Summary s = Summary.of(new double[] {5, 9, 4, 2, 4, 7, 4, 5});
        assertEquals(8, s.n());
        assertEquals(5.0, s.mean(), 1e-15);
        assertEquals(Math.sqrt(32.0 / 7), s.sd(), 1e-15);
        assertEquals(Math.sqrt(4.0 / 7), s.sem(), 1e-15);
        assertEquals(s.sd() / Math.sqrt(8), s.sem(), 1e-15);
        assertEquals(4.5, s.median(), 1e-15);
        assertEquals(4.0, s.q1(), 1e-15);
        assertEquals(5.5, s.q3(), 1e-15);
        assertEquals(1.5, s.iqr(), 1e-15);
        assertEquals(2.0, s.min());
        assertEquals(9.0, s.max());
    }

    @Test
    void oddLengthMedianIsTheMiddleValue() {
        Summary s = Summary.of(new double[] {3, 1, 2});
        assertEquals(2.0, s.median());
        assertEquals(1.5, s.q1(), 1e-15); // h = 0.5
        assertEquals(1.0, s.sd(), 1e-15); // deviations 1, 0, 1 → 2/2
    }

    @Test
    void singleValueHasNoSpread() {
        Summary s = Summary.of(new double[] {0.4});
        assertEquals(1, s.n());
        assertEquals(0.4, s.mean());
        assertEquals(0.4, s.median());
        assertTrue(Double.isNaN(s.sd()));
        assertTrue(Double.isNaN(s.sem()));
    }

    @Test
    void largeOffsetDoesNotLoseTheSpread() {
        // a one-pass Σx² − n·mean² would cancel here; the two-pass variance keeps it: values 1e9 + {1, 2, 3}
        Summary s = Summary.of(new double[] {1e9 + 1, 1e9 + 2, 1e9 + 3});
        assertEquals(1.0, s.sd(), 1e-12);
    }

    @Test
    void rejectsNaNEmptyAndInfinite() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Summary.of(new double[] {1, Double.NaN, 3}));
        assertTrue(nan.getMessage().contains("NaN") && nan.getMessage().contains("index 1"), nan.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Summary.of(new double[0]));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[] {Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> Summary.of(null));
    }

    @Test
    void doesNotReorderTheInput() {
        double[] v = {3, 1, 2};
        Summary.of(v);
        assertEquals(3.0, v[0]);
    }
}
