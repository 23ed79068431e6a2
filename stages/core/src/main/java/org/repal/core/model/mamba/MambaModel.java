package org.repal.core.model.mamba;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Batch;
import org.repal.core.model.CrossEntropy;
import org.repal.core.model.LossMode;
import org.repal.core.model.Mat;
import org.repal.core.model.ModelParameters;
import org.repal.core.model.TrainableModel;
import org.repal.core.linalg.BlasThreads;

/**
 * A Mamba network's sequence forward, loss and gradient for batches (spec §3.2). The batch's sequences are
 * split into {@link #LANES} fixed contiguous groups, each run by its own {@link MambaKernel} (forward, loss
 * rows, backward per sequence, so only one sequence's activations are held per lane) and summed into its own
 * gradient buffer; the lanes' sums are added in lane order. Lanes run on the common fork-join pool, but the
 * grouping does not depend on the thread count, so results are bit-identical on any machine. Arithmetic is in
 * double; the weights, gradients and logits keep the parameters' type (float32 for training).
 * Not thread-safe: one model per training thread.
 */
public final class MambaModel implements TrainableModel {
    static final int LANES = 4;

    private final MambaParameters params;
    private final MambaLayout layout;
    private final MambaKernel[] kernels = new MambaKernel[LANES];
    private final double[][] laneGrads = new double[LANES][];
    private final double[] laneLoss = new double[LANES];
    private final Map<Long, Mat> logits = new HashMap<>();
    private double[] x = new double[0];
    private double[] y = new double[0];

    private final boolean float32Ssm;

    /** With mamba.py's float32 A and D (see {@link MambaWeights}). */
    public MambaModel(MambaParameters params) {
        this(params, true);
    }

    /** {@code float32Ssm = false}: A and D in double (exact derivatives for finite-difference checks). */
    public MambaModel(MambaParameters params, boolean float32Ssm) {
        this.float32Ssm = float32Ssm;
        this.params = params;
        this.layout = params.layout();
        for (int i = 0; i < LANES; i++) {
            kernels[i] = new MambaKernel(layout);
        }
    }

    public MambaConfig config() {
        return layout.config();
    }

    @Override
    public MambaParameters parameters() {
        return params;
    }

    @Override
    public DataType dataType() {
        return params.dataType();
    }

    /** The weights as they are now, in double. */
    MambaWeights weights() {
        return new MambaWeights(layout, params.flat().toDoubles(), float32Ssm);
    }

    @Override
    public Mat forward(Batch batch) {
        run(batch, null, null, weights());
        return logits(batch);
    }

    @Override
    public double lossAndGradient(Batch batch, LossMode mode, ModelParameters grads, boolean frozen) {
        if (!(grads instanceof MambaParameters g) || g.layout().size() != layout.size()) {
            throw new IllegalArgumentException("gradient buffer does not belong to this Mamba network");
        }
        int counted = 0;
        for (int r = 0; r < batch.size() * batch.steps(); r++) {
            counted += CrossEntropy.counts(batch, r, mode) ? 1 : 0;
        }
        double weight = counted == 0 ? 0 : 1.0 / counted;
        MambaWeights wt = weights();
        double loss = run(batch, mode, new double[] {weight}, wt);
        double[] sum = new double[layout.size()];
        for (int lane = 0; lane < LANES; lane++) {
            double[] lg = laneGrads[lane];
            if (lg != null) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += lg[i];
                }
            }
        }
        wt.finishDecayGradient(sum);
        g.flat().setAll(sum);
        return loss;
    }

    private Mat logits(Batch batch) {
        long key = ((long) batch.size() << 32) | batch.steps();
        Mat m = logits.computeIfAbsent(key, k -> Mat.zeros(dataType(), batch.size() * batch.steps(),
                layout.config().outputs()));
        m.setAll(y.length == m.size() ? y : java.util.Arrays.copyOf(y, (int) m.size()));
        return m;
    }

    /**
     * Forward over the batch's active sequences into {@link #y} (time-major rows; inactive rows 0); with a
     * loss mode also the loss rows and the backward pass into the lanes' gradients. Returns the loss (0 without).
     */
    private double run(Batch batch, LossMode mode, double[] weight, MambaWeights wt) {
        int inputs = layout.config().inputs();
        if (batch.inputs() != inputs) {
            throw new IllegalArgumentException("batch has " + batch.inputs() + " inputs per step, the network "
                    + inputs);
        }
        int size = batch.size();
        int steps = batch.steps();
        int classes = layout.config().outputs();
        int rows = size * steps;
        if (x.length != rows * inputs) {
            x = new double[rows * inputs];
            y = new double[rows * classes];
        }
        Mat xm = batch.x();
        xm.syncToHost(); // Mamba computes in Java on the host whatever ND4J's backend (see ComputePath)
        for (int i = 0; i < x.length; i++) {
            x[i] = xm.get(i);
        }
        java.util.Arrays.fill(y, 0);
        // The lanes keep the cores busy: one OpenBLAS thread per call avoids oversubscribing them.
        BlasThreads.with(1, () -> {
            IntStream.range(0, LANES).parallel().forEach(lane -> runLane(lane, batch, mode, weight, wt));
            return null;
        });
        double total = 0;
        for (int lane = 0; lane < LANES; lane++) {
            total += laneLoss[lane];
        }
        return total;
    }

    /** One lane's fixed share of the batch's sequences, summed into its own gradient and loss. */
    private void runLane(int lane, Batch batch, LossMode mode, double[] weight, MambaWeights wt) {
        int inputs = layout.config().inputs();
        int steps = batch.steps();
        int classes = layout.config().outputs();
        int active = batch.active();
        boolean train = mode != null;
        MambaKernel k = kernels[lane];
        k.ensure(steps);
        if (train) {
            if (laneGrads[lane] == null) {
                laneGrads[lane] = new double[layout.size()];
            }
            java.util.Arrays.fill(laneGrads[lane], 0);
        }
        double loss = 0;
        for (int b = lane * active / LANES; b < (lane + 1) * active / LANES; b++) {
            for (int t = 0; t < steps; t++) {
                System.arraycopy(x, batch.row(t, b) * inputs, k.x, t * inputs, inputs);
            }
            k.forward(wt);
            for (int t = 0; t < steps; t++) {
                System.arraycopy(k.logits, t * classes, y, batch.row(t, b) * classes, classes);
            }
            if (train) {
                for (int t = 0; t < steps; t++) {
                    int row = batch.row(t, b);
                    if (CrossEntropy.counts(batch, row, mode)) {
                        loss += CrossEntropy.row(k.logits, t * classes, classes, batch.target(row), weight[0],
                                k.dlogits, t * classes);
                    } else {
                        java.util.Arrays.fill(k.dlogits, t * classes, (t + 1) * classes, 0);
                    }
                }
                k.backward(wt, laneGrads[lane]);
            }
        }
        laneLoss[lane] = loss;
    }
}
