package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repal.core.store.NpyArray;

/** Both layouts read into the same time-major rows; malformed inputs and labels are refused by file. */
class SequenceDataTest {
    private static final int B = 2;
    private static final int T = 3;

    /** Value of (sequence b, step t, feature c) as a number that spells it. */
    private static double v(int b, int t, int c) {
        return 100 * b + 10 * t + c;
    }

    @Test
    void bothLayoutsGiveTimeMajorRows() {
        double[] batchMajor = new double[B * T * 2];
        double[] timeMajor = new double[B * T * 2];
        byte[] yb = new byte[B * T];
        byte[] yt = new byte[B * T];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                for (int c = 0; c < 2; c++) {
                    batchMajor[(b * T + t) * 2 + c] = v(b, t, c);
                    timeMajor[(t * B + b) * 2 + c] = v(b, t, c);
                }
                yb[b * T + t] = (byte) ((b + t) % 3);
                yt[t * B + b] = (byte) ((b + t) % 3);
            }
        }
        SequenceData fromBatch = SequenceData.of(NpyArray.ofDoubles(batchMajor, B, T, 2), "x", NpyArray.ofBytes(yb, B, T),
                "y", SequenceLayout.BATCH, 2, 3);
        SequenceData fromTime = SequenceData.of(NpyArray.ofDoubles(timeMajor, T, B, 2), "x", NpyArray.ofBytes(yt, T, B),
                "y", SequenceLayout.TIME, 2, 3);
        assertArrayEquals(timeMajor, fromBatch.inputs());
        assertArrayEquals(timeMajor, fromTime.inputs());
        assertArrayEquals(fromTime.targets(), fromBatch.targets());
        assertArrayEquals(batchMajor, fromTime.batchMajorInputs());
        Batch batch = fromBatch.toBatch();
        assertEquals((1 + 2) % 3, batch.target(batch.row(2, 1)));
        assertEquals(v(1, 2, 1), batch.x().get(batch.row(2, 1) * 2L + 1));
        assertArrayEquals(timeMajor, SequenceLayout.BATCH.toTimeMajor(batchMajor, B, T, 2));
    }

    private static void refused(NpyArray x, NpyArray y, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceData.of(x, "X.npy", y, "Y.npy", SequenceLayout.TIME, 7, 3));
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), () -> "'" + m + "' not in: " + e.getMessage());
        }
    }

    @Test
    void refusesMalformedInputsAndLabels() {
        NpyArray x = NpyArray.ofDoubles(new double[T * B * 7], T, B, 7);
        refused(NpyArray.ofDoubles(new double[T * B * 7], T * B, 7), null, "X.npy", "(6, 7)", "(steps, batch, 7)");
        refused(NpyArray.ofDoubles(new double[T * B * 6], T, B, 6), null, "X.npy", "(3, 2, 6)");
        refused(NpyArray.ofInts(new int[T * B * 7], T, B, 7), null, "X.npy", "int32");
        double[] nan = new double[T * B * 7];
        nan[7 * 3 + 4] = Double.NaN;
        refused(NpyArray.ofDoubles(nan, T, B, 7), null, "X.npy", "[1, 1, 4]", "NaN");
        refused(x, NpyArray.ofBytes(new byte[B * T], B, T), "Y.npy", "(2, 3)", "expected (3, 2)");
        refused(x, NpyArray.ofDoubles(new double[B * T], T, B), "Y.npy", "float64", "integer");
        byte[] big = new byte[B * T];
        big[5] = 3;
        refused(x, NpyArray.ofBytes(big, T, B), "Y.npy", "label 3 at [2, 1]", "0..2");
    }
}
