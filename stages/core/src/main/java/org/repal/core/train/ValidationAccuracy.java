package org.repal.core.train;

import org.repal.core.model.Batch;
import org.repal.core.model.CrossEntropy;
import org.repal.core.model.Mat;
import org.repal.core.model.TrainableModel;

/**
 * The decision-step accuracy of a network on a task's validation samples, pooled over them: what
 * {@link PhaseTrainer#evaluate} logs per task, for networks that were never trained (and so have no log).
 */
public final class ValidationAccuracy {
    private ValidationAccuracy() {
    }

    /** NaN when the validation samples hold no decision step. */
    public static double of(TrainableModel net, TaskDataset data, int batchSize) {
        int[] val = data.validationIndices();
        long correct = 0;
        long total = 0;
        Batch batch = new Batch(net.dataType(), batchSize, data.steps(), data.inputs());
        for (int start = 0; start < val.length; start += batchSize) {
            int n = Math.min(batchSize, val.length - start);
            for (int b = 0; b < n; b++) {
                batch.setSample(b, val[start + b], data.inputArray(), data.targetArray(), data.maskArray());
            }
            batch.setActive(n);
            Mat logits = net.forward(batch);
            long[] acc = CrossEntropy.decisionAccuracy(logits, batch);
            correct += acc[0];
            total += acc[1];
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }
}
