package org.repal.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference's corresponding_training_time on hand-computed cases, and the pairs built from it. */
class TrainingProgressTest {

    @Test
    void shorterSeriesMapsToTheFirstClosestPercentage() {
        // n = 2, p = 5: percentages 0, 50 against 0, 20, 40, 60, 80; 50 is 10 from both 40 and 60 → the first, 2.
        assertArrayEquals(new int[] {0, 2}, TrainingProgress.correspondingTrainingTime(2, 5));
        // n = 3, p = 4: 0, 33, 66 against 0, 25, 50, 75 → 0, 1 (gap 8), 3 (gap 9).
        assertArrayEquals(new int[] {0, 1, 3}, TrainingProgress.correspondingTrainingTime(3, 4));
        // n = 4, p = 10: 0, 25, 50, 75 against 0, 10, …, 90; ties 20/30 and 70/80 → 2 and 7.
        assertArrayEquals(new int[] {0, 2, 5, 7}, TrainingProgress.correspondingTrainingTime(4, 10));
    }

    @Test
    void equalLengthsAreTheIdentityAndOneEntryMapsToTheFirst() {
        assertArrayEquals(new int[] {0, 1, 2}, TrainingProgress.correspondingTrainingTime(3, 3));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, TrainingProgress.correspondingTrainingTime(7, 7));
        assertArrayEquals(new int[] {0}, TrainingProgress.correspondingTrainingTime(1, 1));
        assertArrayEquals(new int[] {0}, TrainingProgress.correspondingTrainingTime(1, 6));
        assertThrows(IllegalArgumentException.class, () -> TrainingProgress.correspondingTrainingTime(3, 2));
        assertThrows(IllegalArgumentException.class, () -> TrainingProgress.correspondingTrainingTime(0, 2));
    }

    @Test
    void alignKeepsEveryEntryOfTheShorterSeriesInEitherOrder() {
        List<int[]> shortFirst = TrainingProgress.align(2, 5);
        assertEquals(2, shortFirst.size());
        assertArrayEquals(new int[] {0, 0}, shortFirst.get(0));
        assertArrayEquals(new int[] {1, 2}, shortFirst.get(1));
        List<int[]> longFirst = TrainingProgress.align(5, 2); // the reference's Mamba version crashed here
        assertEquals(2, longFirst.size());
        assertArrayEquals(new int[] {0, 0}, longFirst.get(0));
        assertArrayEquals(new int[] {2, 1}, longFirst.get(1));
        assertEquals(0, TrainingProgress.align(0, 4).size());
        assertEquals(4, TrainingProgress.align(4, 4).size());
    }

    @Test
    void overLearningPairsStepZeroThenMinCheckpointsAtFractionsUpToOne() {
        // Series of 3 and 6 snapshots = step 0 + 2 and + 5 checkpoints: map(2, 5) = [0, 2].
        List<int[]> p = OverLearning.pairs(3, 6);
        assertEquals(3, p.size());
        assertArrayEquals(new int[] {0, 0}, p.get(0));
        assertArrayEquals(new int[] {1, 1}, p.get(1));
        assertArrayEquals(new int[] {2, 3}, p.get(2));
        assertArrayEquals(new double[] {0, 0.5, 1}, OverLearning.fractions(3, 6), 0);
        assertArrayEquals(new double[] {0, 0.5, 1}, OverLearning.fractions(6, 3), 0);
        List<int[]> q = OverLearning.pairs(6, 3);
        assertArrayEquals(new int[] {3, 2}, q.get(2));
        // No checkpoints on one side: step 0 only.
        assertEquals(1, OverLearning.pairs(1, 4).size());
        assertArrayEquals(new double[] {0}, OverLearning.fractions(1, 4), 0);
        // Equal lengths: every checkpoint with its own, the last included.
        List<int[]> same = OverLearning.pairs(4, 4);
        assertEquals(4, same.size());
        assertArrayEquals(new int[] {3, 3}, same.get(3));
    }
}
