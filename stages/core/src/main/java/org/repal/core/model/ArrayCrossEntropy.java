package org.repal.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link CrossEntropy#loss}'s softmax cross-entropy and gradient as ND4J ops on the logits array, for the
 * {@link ComputePath#ND4J} path: the batch's class ids and row weights (1/counted rows, or 0) go to ND4J once as
 * arrays, the rest runs where the logits live. The loss is summed in float64.
 */
final class ArrayCrossEntropy {
    private ArrayCrossEntropy() {
    }

    /** Mean cross-entropy of y [R, n_out] against the batch; returns dLoss/dy (same type as y). */
    static double lossAndGradient(INDArray y, Batch batch, LossMode mode, INDArray[] gradient) {
        int rows = (int) y.rows();
        int classes = (int) y.columns();
        float[] onehot = new float[rows * classes];
        double[] weight = new double[rows];
        int counted = 0;
        for (int r = 0; r < rows; r++) {
            counted += CrossEntropy.counts(batch, r, mode) ? 1 : 0;
        }
        double w = counted == 0 ? 0 : 1.0 / counted;
        for (int r = 0; r < rows; r++) {
            if (CrossEntropy.counts(batch, r, mode)) {
                weight[r] = w;
                onehot[r * classes + batch.target(r)] = 1;
            }
        }
        DataType type = y.dataType();
        INDArray target = Nd4j.createFromArray(onehot).reshape('c', rows, classes).castTo(type);
        INDArray rowWeight = Nd4j.createFromArray(weight).reshape('c', rows, 1).castTo(type);
        INDArray max = y.max(1).reshape('c', rows, 1);
        INDArray e = Transforms.exp(y.subColumnVector(max), false);
        INDArray sum = e.sum(1).reshape('c', rows, 1);
        // Per row: log Σ e^{y − max} + max − y_target.
        INDArray perRow = Transforms.log(sum, true).addi(max).subi(y.mul(target).sum(1).reshape('c', rows, 1));
        double loss = perRow.muli(rowWeight).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        gradient[0] = e.diviColumnVector(sum).subi(target).muliColumnVector(rowWeight);
        return loss;
    }
}
