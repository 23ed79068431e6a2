package org.repal.core.train;

import java.util.List;
import org.repal.core.model.ComputePath;
import org.repal.core.model.Mat;
import org.repal.core.model.ModelParameters;

/**
 * The reference's weight term: coefficient·Σ over every tensor of its un-squared Frobenius norm ‖p‖_F
 * (l2_weight 1e-4, spec §4), frozen tensors included in the value. Its gradient is coefficient·p/‖p‖
 * (0 for an all-zero tensor).
 */
public final class WeightPenalty {
    public static final double REFERENCE_COEFFICIENT = 1e-4;

    private WeightPenalty() {
    }

    /** The term's value. */
    public static double value(ModelParameters p, double coefficient) {
        double sum = 0;
        for (Mat t : p.tensors()) {
            sum += norm(t);
        }
        return coefficient * sum;
    }

    /**
     * Adds the term's gradient to {@code grads} (with {@code inputOnly}, only to the tensors of the frozen
     * prefix: W_ih, or Mamba's embedding) and returns its value.
     */
    public static double addGradient(ModelParameters p, ModelParameters grads, double coefficient, boolean inputOnly) {
        return addGradient(p, grads, coefficient, inputOnly, ComputePath.current());
    }

    /** As {@link #addGradient(ModelParameters, ModelParameters, double, boolean)}, with ND4J ops on that path. */
    public static double addGradient(ModelParameters p, ModelParameters grads, double coefficient, boolean inputOnly,
                                     ComputePath path) {
        List<Mat> tensors = p.tensors();
        List<Mat> gradTensors = grads.tensors();
        double sum = 0;
        long end = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Mat t = tensors.get(i);
            double n = path == ComputePath.ND4J ? t.array().norm2Number().doubleValue() : norm(t);
            sum += n;
            end += t.size();
            if (n > 0 && (!inputOnly || end <= p.frozenCount())) {
                Mat g = gradTensors.get(i);
                if (path == ComputePath.ND4J) {
                    g.array().addi(t.array().mul(coefficient / n));
                    continue;
                }
                for (long k = 0; k < t.size(); k++) {
                    g.set(k, g.get(k) + coefficient * t.get(k) / n);
                }
            }
        }
        return coefficient * sum;
    }

    private static double norm(Mat t) {
        t.syncToHost(); // after ND4J ops on a device (a no-op on the CPU backend)
        double s = 0;
        for (long k = 0; k < t.size(); k++) {
            double x = t.get(k);
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
