package org.repal.core.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {

    @Test
    void sizesMatchTheReferenceSplit() {
        assertEquals(2000, ValidationSplit.count(10_000, 0.2));
        assertEquals(200, ValidationSplit.count(1000, 0.2));
        assertEquals(29, ValidationSplit.count(100, 0.29));
        assertEquals(0, ValidationSplit.count(4, 0.2));
        assertEquals(0, ValidationSplit.count(50, 0));
        assertEquals(2000, count(ValidationSplit.choose(10_000, 0.2, 5)));
    }

    @Test
    void fixedBySeed() {
        assertArrayEquals(ValidationSplit.choose(1000, 0.2, 3), ValidationSplit.choose(1000, 0.2, 3));
        assertFalse(Arrays.equals(ValidationSplit.choose(1000, 0.2, 3), ValidationSplit.choose(1000, 0.2, 4)));
    }

    @Test
    void spreadOverTheSamples() {
        boolean[] v = ValidationSplit.choose(10_000, 0.2, 1);
        boolean[] firstHalf = Arrays.copyOf(v, 5000);
        assertEquals(1000, count(firstHalf), 100);
    }

    @Test
    void fractionOutsideZeroToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.count(10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.count(10, -0.1));
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.count(10, Double.NaN));
    }

    private static int count(boolean[] flags) {
        int k = 0;
        for (boolean f : flags) {
            k += f ? 1 : 0;
        }
        return k;
    }
}
