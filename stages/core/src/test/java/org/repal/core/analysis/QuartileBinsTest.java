package org.repal.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Within-learning quartile bins and the pairs averaged per entry, on hand-made lengths. */
class QuartileBinsTest {

    @Test
    void edgesAreFloorsOfQuartilePercentages() {
        assertArrayEquals(new int[] {0, 2, 4, 6, 8}, QuartileBins.edges(8));
        assertArrayEquals(new int[] {0, 1, 2, 3, 5}, QuartileBins.edges(5));
        assertArrayEquals(new int[] {0, 0, 1, 2, 3}, QuartileBins.edges(3)); // first bin empty
        assertArrayEquals(new int[] {0, 0, 0, 0, 1}, QuartileBins.edges(1)); // only the last bin
        assertArrayEquals(new int[] {0, 12, 25, 38, 51}, QuartileBins.edges(51)); // pretrained + 50 checkpoints
    }

    @Test
    void emptyRangesBorrowTheSnapshotAtTheirLowerEdge() {
        assertArrayEquals(new int[][] {{0, 1}, {2, 3}, {4, 5}, {6, 7}}, QuartileBins.members(8));
        assertArrayEquals(new int[][] {{0}, {0}, {1}, {2}}, QuartileBins.members(3));
        assertArrayEquals(new int[][] {{0}, {0}, {1}, {1}}, QuartileBins.members(2));
        assertArrayEquals(new int[][] {{0}, {0}, {0}, {0}}, QuartileBins.members(1)); // untrained: one snapshot
        assertThrows(IllegalArgumentException.class, () -> QuartileBins.members(0));
    }

    @Test
    void entryAveragesUpperTrianglePairsUpToTheSmallerBin() {
        int[] sizes = {2, 2, 3, 0};
        List<int[]> t = WithinLearning.terms(sizes, 1, 2);
        assertEquals(3, t.size()); // p = 2: (0,0), (0,1), (1,1)
        assertArrayEquals(new int[] {1, 2, 0, 1}, t.get(1));
        assertEquals(6, WithinLearning.terms(sizes, 2, 2).size()); // p = 3
        assertEquals(0, WithinLearning.terms(sizes, 0, 3).size()); // terms are over the bins' members, never empty
    }
}
