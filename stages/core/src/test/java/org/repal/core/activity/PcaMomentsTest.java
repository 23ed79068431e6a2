package org.repal.core.activity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Moments of a data set, their pooling, and the PCA from them (the common PCA and the own PCA of the own DSA basis). */
class PcaMomentsTest {

    private static Activity activity(int trials, int steps, int units, long seed, double offset) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[trials * steps * units];
        for (int i = 0; i < v.length; i++) {
            int u = i % units;
            v[i] = offset + u * 0.5 + r.nextGaussian() * (1 + u);
        }
        return new Activity(trials, steps, units, v);
    }

    @Test
    void pooledMomentsAreThoseOfTheStackedData() {
        Activity a = activity(5, 30, 6, 1, 100.0); // large offsets: the centred update must not cancel
        Activity b = activity(3, 30, 6, 2, -40.0);
        double[] stacked = Arrays.copyOf(a.values(), a.values().length + b.values().length);
        System.arraycopy(b.values(), 0, stacked, a.values().length, b.values().length);
        Pca.Moments whole = Pca.Moments.of(stacked, 240, 6);
        Pca.Moments pooled = Pca.Moments.pooled(CommonPca.moments(a), CommonPca.moments(b));
        assertEquals(240, pooled.rows());
        assertArrayEquals(whole.mean(), pooled.mean(), 1e-10);
        for (int i = 0; i < 36; i++) {
            assertEquals(whole.scatter()[i], pooled.scatter()[i], 1e-9 * Math.abs(whole.scatter()[i]) + 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> Pca.Moments.pooled(pooled, CommonPca.moments(
                activity(2, 30, 5, 3, 0))));
    }

    @Test
    void pcaFromMomentsIsThePcaOfTheData() {
        Activity a = activity(5, 30, 6, 1, 3.0);
        Pca direct = Pca.fit(a.values(), 150, 6, 4);
        Pca viaMoments = Pca.fit(CommonPca.moments(a), 4);
        assertArrayEquals(direct.variances(), viaMoments.variances(), 1e-10);
        assertArrayEquals(direct.loadings(), viaMoments.loadings(), 1e-9); // same sign convention
        assertArrayEquals(direct.mean(), viaMoments.mean(), 1e-12);
        assertEquals(direct.totalVariance(), viaMoments.totalVariance(), 1e-9);
    }

    @Test
    void jointFromMomentsMatchesTheCommonPca() {
        Activity a = CommonPca.prepare(activity(5, 30, 6, 1, 3.0), 6, true);
        Activity b = CommonPca.prepare(activity(4, 30, 6, 2, 1.0), 6, true);
        for (int k : new int[] {3, CommonPca.Options.ALL}) {
            CommonPca.Result data = CommonPca.joint(a, b, k);
            CommonPca.Result moments = CommonPca.joint(a, CommonPca.moments(a), b, CommonPca.moments(b), k);
            assertArrayEquals(data.first().values(), moments.first().values(), 1e-9);
            assertArrayEquals(data.second().values(), moments.second().values(), 1e-9);
            assertArrayEquals(data.explainedVarianceRatio(), moments.explainedVarianceRatio(), 1e-12);
        }
        CommonPca.Result none = CommonPca.joint(a, CommonPca.moments(a), b, CommonPca.moments(b), CommonPca.Options.NONE);
        assertSame(a, none.first());
        assertThrows(IllegalArgumentException.class, () -> CommonPca.joint(a, CommonPca.moments(b), b,
                CommonPca.moments(b), 3));
    }

    @Test
    void ownPcaProjectsAnActivityOnItsOwnComponents() {
        Activity a = activity(5, 30, 6, 1, 3.0);
        Activity own = CommonPca.own(a, CommonPca.moments(a), 4);
        assertArrayEquals(new int[] {5, 30, 4}, own.shape());
        Pca p = Pca.fit(a.values(), 150, 6, 4);
        assertArrayEquals(p.project(a.values(), 150), own.values(), 1e-9);
        assertEquals(6, CommonPca.own(a, CommonPca.moments(a), CommonPca.Options.ALL).units());
        assertEquals(6, CommonPca.own(a, CommonPca.moments(a), 50).units());
        assertSame(a, CommonPca.own(a, CommonPca.moments(a), CommonPca.Options.NONE));
    }
}
