package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.model.mamba.MambaModel;
import org.repal.core.model.mamba.MambaParameters;
import org.repal.core.store.NpyArray;
import org.repal.core.testing.GoldenCase;
import org.repal.core.testing.GoldenChecks;
import org.repal.core.train.TrainingStep;
import org.repal.core.train.WeightPenalty;

/**
 * The {@link ComputePath#ND4J} path (every operation an ND4J op, what the CUDA backend runs on the device), run here
 * on the CPU backend: against the reference's float64 golden vectors ({@code $REPAL_SHARED/testdata/rnn}) like
 * {@link RnnParityTest}, and against the fast path in float32 (loss, every gradient, weights after Adam steps).
 */
class Nd4jPathParityTest {
    /** float32 agreement, relative to each tensor's largest magnitude: a few hundred ulps of BPTT accumulation. */
    private static final double FLOAT32_TOL = 2e-5;

    @ParameterizedTest
    @MethodSource("org.repal.core.model.RnnParityTest#cases")
    void matchesTheReferenceGoldenVectors(String name) {
        GoldenCase g = GoldenCase.of("rnn", name);
        JsonNode meta = g.json();
        Activation f = Activation.parse(meta.get("activation").asText());
        ImportedModel imported = StateDictLoader.fromArrays(g.npz("params"), name + "_params.npz", Architecture.RNN, f);
        RnnParameters p = (RnnParameters) imported.parameters();
        SequenceData data = SequenceData.of(g.npy("inputs"), "inputs", g.npy("targets"), "targets",
                SequenceLayout.TIME, 7, 3);
        Batch b = data.toBatch();

        Nd4jRnnModel model = new Nd4jRnnModel(p);
        TrainingStep step = new TrainingStep(model, 0.001, LossMode.ALL_STEPS, false,
                WeightPenalty.REFERENCE_COEFFICIENT, ComputePath.ND4J);
        double loss = step.evaluate(b);
        double penalty = WeightPenalty.value(p, WeightPenalty.REFERENCE_COEFFICIENT);
        GoldenChecks.loss(g, loss, loss - penalty, penalty);
        GoldenChecks.activity(g, "logits", model.forward(b).toDoubles());
        GoldenChecks.activity(g, "hidden", model.states(b).toDoubles());
        GoldenChecks.GradientErrors grads = GoldenChecks.gradients(g, step.gradients().toArrays());
        System.out.printf("nd4j path, rnn %s: worst gradient rel %.2e%n", name, grads.worst());
    }

    static Stream<Arguments> float32Cases() {
        return Stream.of(
                Arguments.of(RnnType.LEAKY_RNN, Activation.RELU, LossMode.ALL_STEPS),
                Arguments.of(RnnType.LEAKY_RNN, Activation.TANH, LossMode.DECISION_STEPS),
                Arguments.of(RnnType.LEAKY_RNN, Activation.SOFTPLUS, LossMode.ALL_STEPS),
                Arguments.of(RnnType.LEAKY_RNN, Activation.LEAKY_RELU, LossMode.ALL_STEPS),
                Arguments.of(RnnType.LEAKY_GRU, Activation.RELU, LossMode.ALL_STEPS),
                Arguments.of(RnnType.LEAKY_GRU, Activation.TANH, LossMode.ALL_STEPS),
                Arguments.of(RnnType.LEAKY_GRU, Activation.SOFTPLUS, LossMode.DECISION_STEPS));
    }

    @ParameterizedTest
    @MethodSource("float32Cases")
    void float32LossGradientsAndTrainingMatchTheFastPath(RnnType type, Activation f, LossMode mode) {
        RnnConfig config = ModelFixtures.config(type, f, 32);
        // Inputs ×3 so that softplus and tanh leave their near-linear range.
        Batch batch = ModelFixtures.randomBatch(DataType.FLOAT, 6, 40, 7, 3, 3.0, 11);
        batch.setActive(5); // a short last batch: the inactive sequence must not count on either path
        RnnParameters fastWeights = config.initialize(DataType.FLOAT, 4);
        RnnParameters arrayWeights = fastWeights.copy(DataType.FLOAT);

        for (boolean frozen : new boolean[] {false, true}) {
            arrayWeights.copyFrom(fastWeights); // the same start for each case
            TrainingStep fast = new TrainingStep(new RnnModel(fastWeights), 0.01, mode, frozen,
                    WeightPenalty.REFERENCE_COEFFICIENT, ComputePath.FAST);
            TrainingStep array = new TrainingStep(new Nd4jRnnModel(arrayWeights), 0.01, mode, frozen,
                    WeightPenalty.REFERENCE_COEFFICIENT, ComputePath.ND4J);
            double lossFast = fast.evaluate(batch);
            double lossArray = array.evaluate(batch);
            assertEquals(lossFast, lossArray, FLOAT32_TOL * lossFast, "loss");
            assertClose(fast.gradients().toArrays(), array.gradients().toArrays(), frozen ? 1 : 4,
                    type + " " + f + (frozen ? " frozen" : "") + " gradient");
            assertClose(toArrays(fast.model().forward(batch)), toArrays(array.model().forward(batch)), 1, "logits");
            Map<String, double[]> noisySteps = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                double a = fast.run(batch);
                double b = array.run(batch);
                assertEquals(a, b, 1e-4 * a, "loss at step " + i);
                countNoisyGradients(fast.gradients().toArrays(), noisySteps);
            }
            assertEquals(fast.adam().step(), array.adam().step());
            assertCloseAfterAdam(fastWeights.toArrays(), arrayWeights.toArrays(), noisySteps, 0.01,
                    type + " " + f + " weights after Adam");
        }
    }

    @Test
    void mambaTrainsTheSameOnBothPaths() {
        // Mamba computes in Java on either path; only Adam and the weight term change to ND4J ops.
        MambaConfig config = MambaConfig.of(8, 1);
        MambaParameters w1 = config.initialize(DataType.FLOAT, 2);
        MambaParameters w2 = config.initialize(DataType.FLOAT, 2);
        Batch batch = ModelFixtures.randomBatch(DataType.FLOAT, 4, 20, 7, 3, 1.0, 5);
        TrainingStep fast = new TrainingStep(new MambaModel(w1), 0.01,
                LossMode.ALL_STEPS, false, WeightPenalty.REFERENCE_COEFFICIENT, ComputePath.FAST);
        TrainingStep array = new TrainingStep(new MambaModel(w2), 0.01,
                LossMode.ALL_STEPS, false, WeightPenalty.REFERENCE_COEFFICIENT, ComputePath.ND4J);
        for (int i = 0; i < 4; i++) {
            double a = fast.run(batch);
            double b = array.run(batch);
            assertEquals(a, b, 1e-5 * a, "loss at step " + i);
        }
        assertClose(w1.toArrays(), w2.toArrays(), 1, "mamba weights after Adam");
    }

    /**
     * Per element, the steps whose gradient was within the gradient tolerance of zero (4·{@link #FLOAT32_TOL} of the
     * tensor's largest, not exactly 0): the two paths agree on such a gradient only to rounding, not in sign or size.
     */
    private static void countNoisyGradients(Map<String, NpyArray> grads, Map<String, double[]> noisySteps) {
        for (Map.Entry<String, NpyArray> e : grads.entrySet()) {
            double[] g = e.getValue().toDoubleArray();
            double max = 0;
            for (double v : g) {
                max = Math.max(max, Math.abs(v));
            }
            double[] count = noisySteps.computeIfAbsent(e.getKey(), k -> new double[g.length]);
            for (int i = 0; i < g.length; i++) {
                if (g[i] != 0 && Math.abs(g[i]) <= 4 * FLOAT32_TOL * max) {
                    count[i]++;
                }
            }
        }
    }

    /**
     * Weights after Adam steps within 4·{@link #FLOAT32_TOL} of each tensor's largest, except that an element gets
     * lr more for every step whose gradient was rounding noise: Adam divides a gradient by its own running size
     * (+ ε = 1e-8), so a 1e-9 gradient moves its weight by ≈ lr/10 and a rounding change in it by a few 1e-5 (a
     * GRU element measured so: 1.147e-9 against 1.188e-9 with the rest of the tensor's gradient agreeing to 9e-7).
     */
    private static void assertCloseAfterAdam(Map<String, NpyArray> want, Map<String, NpyArray> got,
            Map<String, double[]> noisySteps, double lr, String what) {
        assertEquals(want.keySet(), got.keySet(), what + ": names");
        for (String k : want.keySet()) {
            double[] a = want.get(k).toDoubleArray();
            double[] b = got.get(k).toDoubleArray();
            double[] noisy = noisySteps.getOrDefault(k, new double[a.length]);
            double max = 0;
            for (double v : a) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max > 0, what + " " + k + ": all zero");
            for (int i = 0; i < a.length; i++) {
                double allowed = 4 * FLOAT32_TOL * max + lr * noisy[i];
                assertTrue(Math.abs(a[i] - b[i]) <= allowed, what + " " + k + "[" + i + "]: " + a[i] + " against "
                        + b[i] + " (allowed " + allowed + ", " + (int) noisy[i] + " noisy gradient steps)");
            }
        }
    }

    private static Map<String, NpyArray> toArrays(Mat m) {
        return Map.of("m", NpyArray.ofDoubles(m.toDoubles(), m.rows(), m.cols()));
    }

    /** Every tensor within {@code scale}·{@link #FLOAT32_TOL} of its largest magnitude (and not all zero). */
    static void assertClose(Map<String, NpyArray> want, Map<String, NpyArray> got, double scale, String what) {
        assertEquals(want.keySet(), got.keySet(), what + ": names");
        double worst = 0;
        for (String k : want.keySet()) {
            double[] a = want.get(k).toDoubleArray();
            double[] b = got.get(k).toDoubleArray();
            assertEquals(a.length, b.length, what + " " + k + ": size");
            double max = 0;
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i]));
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            if (max == 0) {
                assertEquals(0, diff, what + " " + k);
                continue;
            }
            worst = Math.max(worst, diff / max);
            assertTrue(diff <= scale * FLOAT32_TOL * max, what + " " + k + ": max difference " + diff + " of "
                    + max + " (" + diff / max + " relative)");
        }
        System.out.printf("%s: worst relative difference %.2e%n", what, worst);
    }

}
