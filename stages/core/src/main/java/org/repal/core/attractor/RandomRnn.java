package org.repal.core.attractor;

import java.util.SplittableRandom;
import org.repal.core.metric.Trajectories;

/**
 * Activity of a random rate network h_{t+1} = tanh(g·W·h_t + noise), W ~ N(0, 1/n): a cheap stand-in for
 * trained-RNN recordings in benchmarks and demos (gain g sets how chaotic it is).
 */
public final class RandomRnn {

    private RandomRnn() {
    }

    public static Trajectories simulate(int trials, int steps, int neurons, double gain, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[neurons * neurons];
        double scale = gain / Math.sqrt(neurons);
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian(random) * scale;
        }
        double[] out = new double[trials * steps * neurons];
        double[] h = new double[neurons];
        double[] next = new double[neurons];
        for (int k = 0; k < trials; k++) {
            for (int i = 0; i < neurons; i++) {
                h[i] = gaussian(random);
            }
            for (int t = 0; t < steps; t++) {
                System.arraycopy(h, 0, out, (k * steps + t) * neurons, neurons);
                for (int i = 0; i < neurons; i++) {
                    double s = 0;
                    for (int j = 0; j < neurons; j++) {
                        s += w[i * neurons + j] * h[j];
                    }
                    next[i] = Math.tanh(s + noise * gaussian(random));
                }
                System.arraycopy(next, 0, h, 0, neurons);
            }
        }
        return new Trajectories(out, trials, steps, neurons);
    }

    static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
