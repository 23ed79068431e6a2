package org.repal.core.model;

/**
 * Softmax cross-entropy of the logits against the batch's class ids, averaged over all steps or the
 * decision steps, with its gradient; and decision-step accuracy. Done in Java over the [T·B, n_out] logits
 * (n_out is 2 or 3: a loop beats a chain of ND4J ops), accumulating in double.
 */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /**
     * Mean cross-entropy; writes dLoss/dlogits into {@code dy} when it is not null. With
     * {@link LossMode#DECISION_STEPS} and no decision step in the batch the loss and gradient are 0.
     */
    public static double loss(Mat y, Batch batch, LossMode mode, Mat dy) {
        int rows = y.rows();
        int classes = y.cols();
        int counted = 0;
        for (int r = 0; r < rows; r++) {
            counted += used(batch, r, mode) ? 1 : 0;
        }
        double weight = counted == 0 ? 0 : 1.0 / counted;
        double[] p = new double[classes];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            boolean used = used(batch, r, mode);
            int target = batch.target(r);
            if (!used) {
                if (dy != null) {
                    for (int k = 0; k < classes; k++) {
                        dy.set(r, k, 0);
                    }
                }
                continue;
            }
            long base = (long) r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                p[k] = y.get(base + k);
                max = Math.max(max, p[k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                p[k] = Math.exp(p[k] - max);
                sum += p[k];
            }
            total += weight * (Math.log(sum) + max - y.get(base + target));
            if (dy != null) {
                for (int k = 0; k < classes; k++) {
                    dy.set(base + k, weight * (p[k] / sum - (k == target ? 1 : 0)));
                }
            }
        }
        return total;
    }

    /**
     * weight·CE of one row of logits {@code y[yo…yo+classes)} against {@code target}; writes weight·(softmax − onehot)
     * into {@code dy[dyo…]}. For models that fuse the loss into a per-sequence pass.
     */
    public static double row(double[] y, int yo, int classes, int target, double weight, double[] dy, int dyo) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, y[yo + k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp(y[yo + k] - max);
        }
        for (int k = 0; k < classes; k++) {
            dy[dyo + k] = weight * (Math.exp(y[yo + k] - max) / sum - (k == target ? 1 : 0));
        }
        return weight * (Math.log(sum) + max - y[yo + target]);
    }

    /** Whether row {@code r} counts in the loss. */
    public static boolean counts(Batch batch, int r, LossMode mode) {
        return used(batch, r, mode);
    }

    private static boolean used(Batch batch, int r, LossMode mode) {
        return batch.isActive(r) && (mode == LossMode.ALL_STEPS || batch.isDecision(r));
    }

    /** {correct, decision steps}: argmax of the logits (first maximum) against the target at decision steps. */
    public static long[] decisionAccuracy(Mat y, Batch batch) {
        int classes = y.cols();
        long correct = 0;
        long total = 0;
        for (int r = 0; r < y.rows(); r++) {
            if (!batch.isDecision(r) || !batch.isActive(r)) {
                continue;
            }
            long base = (long) r * classes;
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (y.get(base + k) > y.get(base + best)) {
                    best = k;
                }
            }
            total++;
            correct += best == batch.target(r) ? 1 : 0;
        }
        return new long[] {correct, total};
    }
}
