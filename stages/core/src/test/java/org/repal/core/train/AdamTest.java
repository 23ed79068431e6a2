package org.repal.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Mat;

/** Adam's update against PyTorch's formula written out per element. */
class AdamTest {

    @Test
    void matchesTheTorchUpdateAndLeavesTheRestAlone() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Mat p = Mat.zeros(type, 1, 5);
            Mat g = Mat.zeros(type, 1, 5);
            double[] p0 = {0.5, -1, 2, 0.25, 3};
            p.setAll(p0);
            Adam adam = new Adam(0.01, p, 3); // the first three only
            double[] ref = p0.clone();
            double[] m = new double[3];
            double[] v = new double[3];
            for (int step = 1; step <= 4; step++) {
                double[] grad = {0.1 * step, -0.3, step % 2 == 0 ? 1e-3 : -2, 7, 7};
                g.setAll(grad);
                adam.update(p, g);
                for (int i = 0; i < 3; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * grad[i];
                    v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
                    double mHat = m[i] / (1 - Math.pow(0.9, step));
                    double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, step)) + 1e-8;
                    ref[i] -= 0.01 * mHat / denom;
                }
                for (int i = 0; i < 5; i++) {
                    assertEquals(ref[i], p.get(i), type == DataType.DOUBLE ? 1e-14 : 1e-6, type + " step " + step + " [" + i + "]");
                }
            }
            assertEquals(4, adam.step());
        }
        assertThrows(IllegalArgumentException.class, () -> new Adam(0, Mat.zeros(DataType.FLOAT, 1, 2), 2));
        assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN, Mat.zeros(DataType.FLOAT, 1, 2), 2));
    }
}
