package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The array ops against the scalar definitions, including the extremes where float32 softplus overflows. */
class ActivationTest {
    private static final double[] X = {-1000, -100, -20, -1, -0.01, 0, 0.01, 1, 19.9, 20, 20.1, 50, 100, 1000};

    @Test
    void valuesAndDerivativesMatchTheDefinitions() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tol = type == DataType.FLOAT ? 1e-6 : 1e-9;
            for (Activation f : Activation.values()) {
                Mat pre = Mat.zeros(type, 1, X.length);
                pre.setAll(X);
                Mat out = Mat.zeros(type, 1, X.length);
                Mat scratch = Mat.zeros(type, 1, X.length);
                f.apply(pre, out, scratch);
                Mat grad = Mat.zeros(type, 1, X.length);
                f.derivative(pre, out, grad);
                for (int i = 0; i < X.length; i++) {
                    double v = f.value(X[i]);
                    assertEquals(v, out.get(i), tol * Math.max(1, Math.abs(v)), f + "(" + X[i] + ") " + type);
                    assertEquals(derivative(f, X[i]), grad.get(i), tol, f + "'(" + X[i] + ") " + type);
                }
            }
        }
    }

    private static double derivative(Activation f, double x) {
        switch (f) {
            case RELU:
                return x > 0 ? 1 : 0;
            case LEAKY_RELU:
                return x > 0 ? 1 : Activation.LEAKY_SLOPE;
            case SOFTPLUS:
                return 1 / (1 + Math.exp(-x));
            default:
                return 1 - Math.tanh(x) * Math.tanh(x);
        }
    }

    @Test
    void namesParseAndUnknownNamesAreRejected() {
        assertEquals(Activation.LEAKY_RELU, Activation.parse("Leaky_ReLU"));
        assertEquals(RnnType.LEAKY_GRU, RnnType.parse("leaky_gru"));
        assertEquals(InitType.RANDORTHO, InitType.parse("randortho"));
        assertEquals("unknown activation 'elu' (expected one of relu, leaky_relu, softplus, tanh)",
                assertThrows(IllegalArgumentException.class, () -> Activation.parse("elu")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RnnType.parse("lstm"));
        assertThrows(IllegalArgumentException.class, () -> InitType.parse("he"));
    }
}
