package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A fit cut to a lower rank is the fit at that rank; the full-rank fit is unchanged by keeping the moments. */
class HavokDmdTruncatableTest {

    @Test
    void cuttingToALowerRankGivesTheFitAtThatRank() {
        for (Trajectories x : new Trajectories[] {HavokDmdTest.random(6, 40, 3, 7), HavokDmdTest.random(2, 12, 9, 8)}) {
            DmdParams p = new DmdParams(4, 2, 8, 1e-3); // the second is wide (row Gram)
            HavokDmd.Truncatable t = HavokDmd.fitTruncatable(x, p);
            HavokDmd.Fit plain = HavokDmd.fit(x, p);
            assertArrayEquals(plain.a(), t.fit().a(), 0.0);
            assertSame(t.fit(), t.atRank(8));
            for (int r : new int[] {1, 3, 7}) {
                HavokDmd.Fit cut = t.atRank(r);
                HavokDmd.Fit direct = HavokDmd.fit(x, new DmdParams(4, 2, r, 1e-3));
                assertEquals(r, cut.rank());
                assertArrayEquals(direct.singularValues(), cut.singularValues(), 1e-10);
                for (int i = 0; i < r * r; i++) { // equal up to the singular vectors' signs: A ↦ D·A·D
                    assertEquals(Math.abs(direct.a()[i]), Math.abs(cut.a()[i]), 1e-9, "rank " + r + " entry " + i);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> t.atRank(9));
            assertThrows(IllegalArgumentException.class, () -> t.atRank(0));
        }
    }
}
