package org.repal.core.attractor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repal.core.metric.Trajectories;

class MotifsTest {

    @Test
    void eulerStepMatchesHandComputedValues() {
        // f(1, 2, 3) with σ 10, ρ 28, β 8/3: (10·1, 1·(28 − 3) − 2, 1·2 − 8) = (10, 23, −6); dt 0.01.
        double[] s = {1, 2, 3};
        Lorenz.eulerStep(Lorenz.Params.classic(28), s, 0.01);
        assertArrayEquals(new double[] {1.1, 2.23, 3 - 0.06}, s, 1e-12);
    }

    @Test
    void benchEulerIsNormalisedEulerFromUniformStarts() {
        Lorenz.Params p = Lorenz.Params.reference(28);
        Trajectories x = Lorenz.bench(p, 2, 5, 0.01, Lorenz.Integrator.EULER, 0, new SplittableRandom(3));
        SplittableRandom r = new SplittableRandom(3);
        double[] raw = new double[15];
        double[] s = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
        for (int t = 0; t < 5; t++) {
            System.arraycopy(s, 0, raw, 3 * t, 3);
            Lorenz.eulerStep(p, s, 0.01);
        }
        double min = 1e9;
        double max = -1e9;
        for (double v : raw) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (int i = 0; i < 15; i++) {
            assertEquals((raw[i] - min) / (max - min), x.data()[i], 1e-12);
        }
    }

    @Test
    void normalisationHitsZeroAndOnePerSample() {
        double[] data = {2, 4, 6, -1, 0, 3};
        Trajectories x = Motifs.normalise(new Trajectories(data, 2, 1, 3));
        assertArrayEquals(new double[] {0, 0.5, 1, 0, 0.25, 1}, x.data(), 1e-12);
        Trajectories lor = Lorenz.bench(Lorenz.Params.reference(40), 4, 200, 0.01, Lorenz.Integrator.RK4, 100,
                new SplittableRandom(1));
        for (int k = 0; k < 4; k++) {
            double min = 1;
            double max = 0;
            for (int t = 0; t < 200; t++) {
                for (int i = 0; i < 3; i++) {
                    min = Math.min(min, lor.get(k, t, i));
                    max = Math.max(max, lor.get(k, t, i));
                }
            }
            assertEquals(0, min, 1e-12);
            assertEquals(1, max, 1e-12);
        }
    }

    @Test
    void regimesBehaveAsExpected() {
        // ρ < 1: the origin attracts every start; ρ = 28: starts spread over the butterfly (|x| of order 10).
        double[] s = {0.5, 0.5, 0.5};
        for (int t = 0; t < 2000; t++) {
            Lorenz.eulerStep(Lorenz.Params.reference(0.5), s, 0.01);
        }
        assertTrue(Math.abs(s[0]) + Math.abs(s[1]) + Math.abs(s[2]) < 1e-3, "decays to the origin");
        Trajectories chaos = Lorenz.simulate(Lorenz.Params.classic(28), 4, 500, 0.01, 500, 1, 7);
        Trajectories calm = Lorenz.simulate(Lorenz.Params.classic(0.5), 4, 500, 0.01, 2000, 1, 7);
        assertTrue(spread(chaos) > 5, "chaotic spread " + spread(chaos));
        assertTrue(spread(calm) < 1e-3, "calm spread " + spread(calm));
    }

    private static double spread(Trajectories x) {
        double sum = 0;
        for (double v : x.data()) {
            sum += v * v;
        }
        return Math.sqrt(sum / x.data().length);
    }

    @Test
    void lineMovesInAStraightLineAtConstantSpeed() {
        // Unit-length path, start in [0, 1)³: the normalising range is at most ~2, so speed ≥ ~0.5/steps.
        Trajectories line = Motifs.line(50, 100, new SplittableRandom(42));
        for (int k = 0; k < 50; k++) {
            double[] v0 = step(line, k, 0);
            double speed = Math.sqrt(v0[0] * v0[0] + v0[1] * v0[1] + v0[2] * v0[2]);
            assertTrue(speed > 0.45 / 100, "sample " + k + " speed " + speed);
            for (int t = 1; t < 99; t++) {
                assertArrayEquals(v0, step(line, k, t), 1e-12);
            }
        }
    }

    private static double[] step(Trajectories x, int k, int t) {
        double[] d = new double[3];
        for (int i = 0; i < 3; i++) {
            d[i] = x.get(k, t + 1, i) - x.get(k, t, i);
        }
        return d;
    }

    @Test
    void attachContinuesAndComposeDownsamples() {
        Trajectories a = new Trajectories(new double[] {0, 0, 0, 1, 2, 3}, 1, 2, 3);
        Trajectories b = new Trajectories(new double[] {5, 5, 5, 6, 5, 4, 8, 5, 4}, 1, 3, 3);
        Trajectories ab = Motifs.attach(a, b);
        assertEquals(5, ab.time());
        assertArrayEquals(new double[] {0, 0, 0, 1, 2, 3, 1.0001, 2.0002, 3.0003, 2.0001, 2.0002, 2.0003,
                4.0001, 2.0002, 2.0003}, ab.data(), 1e-12);
        SplittableRandom r = new SplittableRandom(5);
        Trajectories m1 = Motifs.line(3, 30, r);
        Trajectories m2 = Lorenz.bench(Lorenz.Params.reference(5), 3, 30, 0.01, Lorenz.Integrator.EULER, 0, r);
        Trajectories joined = Motifs.attach(Motifs.attach(m1, m2), m1);
        Trajectories composed = Motifs.compose(List.of(m1, m2, m1));
        assertEquals(30, composed.time());
        assertEquals(3, composed.trials());
        Trajectories expected = Motifs.normalise(Motifs.downsample(joined, 3));
        assertArrayEquals(expected.data(), composed.data(), 0);
        assertEquals(joined.get(1, 33, 2), Motifs.downsample(joined, 3).get(1, 11, 2));
    }

    @Test
    void mixPerturbAndFlip() {
        Trajectories a = new Trajectories(new double[] {1, 1, 1, 2, 3, 4}, 1, 2, 3);
        Trajectories b = new Trajectories(new double[] {0, 0, 0, 0, 0, 0}, 1, 2, 3);
        assertArrayEquals(new double[] {0, 0, 0, 0.5, 1, 1.5}, Motifs.mix(a, b, 0.5).data(), 1e-12);
        Trajectories p = Motifs.perturb(a, 0.6, new SplittableRandom(2));
        SplittableRandom r = new SplittableRandom(2);
        assertEquals(0.8 * 1 + 0.6 * r.nextGaussian(), p.data()[0], 1e-12);
        assertArrayEquals(a.data(), Motifs.perturb(a, 0, new SplittableRandom(2)).data(), 0);
        assertThrows(IllegalArgumentException.class, () -> Motifs.perturb(a, 1.5, new SplittableRandom(2)));
        Trajectories two = new Trajectories(new double[] {1, 2, 3, 4, 5, 6}, 2, 1, 3);
        assertArrayEquals(new double[] {4, 5, 6, 1, 2, 3}, Motifs.flipSamples(two).data(), 0);
    }

    @Test
    void sameSeedSameSamples() {
        Trajectories x = Lorenz.bench(Lorenz.Params.reference(30), 5, 50, 0.01, Lorenz.Integrator.EULER, 0,
                new SplittableRandom(9));
        Trajectories y = Lorenz.bench(Lorenz.Params.reference(30), 5, 50, 0.01, Lorenz.Integrator.EULER, 0,
                new SplittableRandom(9));
        Trajectories z = Lorenz.bench(Lorenz.Params.reference(30), 5, 50, 0.01, Lorenz.Integrator.EULER, 0,
                new SplittableRandom(10));
        assertArrayEquals(x.data(), y.data(), 0);
        assertTrue(x.data()[0] != z.data()[0]);
        assertArrayEquals(Motifs.line(4, 20, new SplittableRandom(1)).data(),
                Motifs.line(4, 20, new SplittableRandom(1)).data(), 0);
    }
    @Test
    void referenceLineFollowsTheMutatedDirection() {
        SplittableRandom draws = new SplittableRandom(5);
        double[] p0 = {draws.nextDouble(), draws.nextDouble(), draws.nextDouble()};
        for (int k = 1; k < 3; k++) {
            draws.nextDouble();
            draws.nextDouble();
            draws.nextDouble();
        }
        double nu = draws.nextGaussian();
        int flipped = 1 + draws.nextInt(2);
        double[] dir = new double[3];
        for (int i = 0; i < 3; i++) {
            dir[i] = nu * (i == flipped ? -nu : nu) * 1e-4;
        }
        // Sample 0 before normalisation: p1 = p0, p2 = p0 + dir, p3 = p0 + 3·dir.
        double[] raw = new double[12];
        for (int t = 0; t < 4; t++) {
            for (int i = 0; i < 3; i++) {
                raw[t * 3 + i] = p0[i] + dir[i] * t * (t - 1) / 2.0;
            }
        }
        Motifs.normaliseInPlace(raw, 0, 12);
        Trajectories line = Motifs.referenceLine(3, 4, new SplittableRandom(5));
        for (int j = 0; j < 12; j++) {
            assertEquals(raw[j], line.data()[j], 1e-12);
        }
    }

    @Test
    void referenceLineCollapsesToStaticPoints() {
        Trajectories line = Motifs.referenceLine(200, 200, new SplittableRandom(42));
        int still = 0;
        for (int k = 0; k < 200; k++) {
            double move = 0;
            for (int t = 1; t < 200; t++) {
                for (int i = 0; i < 3; i++) {
                    move = Math.max(move, Math.abs(line.get(k, t, i) - line.get(k, 0, i)));
                }
            }
            still += move < 1e-2 ? 1 : 0;
        }
        assertTrue(still > 180, still + " of 200 normalised reference lines move less than 1e-2");
    }
}
