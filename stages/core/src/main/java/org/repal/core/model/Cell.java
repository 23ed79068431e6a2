package org.repal.core.model;

import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.linalg.BlasLibrary;
import org.repal.core.linalg.BlasThreads;
import org.repal.core.linalg.FloatProduct;
import org.repal.core.linalg.VectorApi;

/**
 * The recurrence of one network for a fixed batch shape (B sequences × T steps), with every buffer allocated
 * once. The states and inputs share one array of [h | x | 0] rows: row block t (t = 0 … T) holds
 * [h_t | x_{t+1} | 0] (h_0 = 0, x_{T+1} = 0; zero columns pad the rows to a multiple of 8 floats, as the step
 * GEMM ran ~20 % slower on 263-wide rows than on 264-wide ones). So each step's pre-activations, input
 * projection included, are one GEMM of block t − 1 with the used gates' rows of [W_hh | W_ih] (transposed once
 * per pass), and the gradients of W_hh and W_ih are one GEMM of ∂L/∂a with blocks 0 … T − 1 after the loop.
 * Everything else of a step is one loop in Java over the GEMM's output (bias, activation, leak, and the local
 * derivatives that backward needs, stored in place); backward is one loop and the recurrent GEMM per step.
 * Float32 steps whose activation needs exp (the GRU's gate, softplus, tanh) run {@link FloatRows}' vectorised
 * loops on rows copied out instead. Nothing is allocated inside the time loops.
 *
 * <p>The sequences of a batch do not interact until the weight gradients, so with n OpenBLAS threads the batch is
 * cut into n {@link Lane}s of consecutive sequences that run the whole time loop each on its own thread
 * ({@link Lanes}), with single-threaded BLAS calls on their row blocks; the weight-gradient GEMM is then cut by
 * gate rows. Two OpenBLAS threads inside every step's small GEMM wake and wait for each other 800 times a batch;
 * two lanes ran a 64 × 128 relu batch at 1250 against 1040 sequences/s (2 cores beside another busy process), and
 * at 520–660 against 110–170 when that process kept both cores busy (OpenBLAS's waiting threads spin). The lane
 * count is the BLAS thread count (capped so that a lane keeps {@link #MIN_LANE_ROWS} sequences), so results depend
 * on it as they did on OpenBLAS's threads; not on timing (each lane's bias gradient is summed on its own, then in
 * lane order).
 */
abstract class Cell {
    /**
     * Whether float32 steps may run their rows on the JDK's vector API ({@link VectorGruRow}, {@link VectorRnnRow}):
     * the module is loaded and the JIT has hardware FMA.
     */
    static final boolean VECTOR_ROWS = VectorApi.lanes() >= 2;
    /**
     * Whether float32 step products run on the JDK's vector API ({@link FloatProduct}: about twice OpenBLAS's Haswell
     * {@code sgemm} at these shapes, and the same bits whichever kernel OpenBLAS picks) instead of OpenBLAS.
     */
    static final boolean VECTOR_PRODUCTS = FloatProduct.available();
    /**
     * Whether the float32 weight gradient (one long product over all time steps) runs on {@link FloatProduct} too:
     * only where OpenBLAS runs narrower kernels than the JVM's 512-bit vectors (its Haswell kernels on an AVX-512 CPU,
     * as {@code OPENBLAS_CORETYPE=Haswell} forces). There the vector kernel took 28 against 38 ms for a relu 256
     * batch's gradient; OpenBLAS's AVX-512 kernels took 21 (the transposed operand costs the vector kernel a copy).
     */
    static final boolean HEAP_WEIGHT_GRADIENT = VECTOR_PRODUCTS && FloatProduct.vectorBits() >= 512
            && !BlasLibrary.hasAvx512Kernels();
    /** Fewer sequences per lane leave the step GEMMs too small to gain from a second thread. */
    static final int MIN_LANE_ROWS = 16;
    /**
     * Time-step rows of ∂L/∂a and [h | x] a lane copies to the heap at a time for the weight gradient on
     * {@link FloatProduct} (both blocks stay in the core's L2 while the product's tiles pass over them).
     */
    private static final int GRADIENT_CHUNK = 256;
    final RnnConfig config;
    final Activation activation;
    /** float64 networks use the exact library functions, float32 ones {@link Pointwise}'s fast ones. */
    final boolean precise;
    final boolean isDouble;
    /** This network's step products run on {@link FloatProduct} (float32 and {@link #VECTOR_PRODUCTS}). */
    final boolean heapProducts;
    /** Its weight gradient too (float32 and {@link #HEAP_WEIGHT_GRADIENT}). */
    final boolean heapWeightGradient;
    final int batch;
    final int steps;
    final int hidden;
    final int inputs;
    /** Columns of the [h | x | 0] rows: H + n_in rounded up to a multiple of 8. */
    final int width;
    /** Columns of the pre-activations: H (RNN) or 2H (GRU: z | n). */
    final int gates;
    /** First row of the used gates in W_ih, W_hh and b: 0, or H for the GRU (whose r rows are unused). */
    final int gateRow;
    final double decay;
    final double leak;
    /** relu or leaky_relu: f(x) = x·f'(x) with f'(x) = slope + (1 − slope)·[x > 0], which the loops inline. */
    final boolean piecewise;
    final double slope;
    /** [(T+1)·B, width]: row block t is [h_t | x_{t+1} | 0]. */
    final Mat xh;
    /** [T·B, gates]: each step's GEMM output, then the local derivatives (forward), then ∂L/∂a (backward). */
    final Mat pre;
    /** dL/dh_t, [(T+1)·B, H]; the caller fills blocks 1 … T with the readout's part before backward. */
    final Mat stateGrads;
    /** The used gates' rows of [W_hh | W_ih | 0], transposed: [width, gates]. */
    private final Mat weightsT;
    /** Their gradient, [gates, width]. */
    private final Mat weightGrads;
    final double[] bias;
    /** The bias as float32 (float32 networks, whose bias values are floats): for loops over float rows. */
    final float[] biasFloats;
    /** The bias gradient, summed over the lanes' own in lane order. */
    final double[] biasGrad;
    final Vec xhV;
    final Vec preV;
    final Vec gradV;
    private final Vec weightsTV;
    private final Vec weightGradsV;
    /** Row block t of {@link #stateGrads}. */
    final Pointer[] gradAt;
    private final Pointer weightsTAt;
    /** With {@link #heapProducts}: {@link #weightsT} and the used gates' rows of W_hh ([gates, H]) as floats. */
    private final float[] weightsTFloats;
    private final float[] recurrentFloats;
    /**
     * With {@link #heapWeightGradient}: the weight gradient transposed, [width, gates], as [h | x]ᵀ·∂L/∂a (each lane its
     * rows): its rows come in whole tiles of 8 where the gradient's 259 columns would leave a partial vector.
     */
    private final float[] weightGradT;
    /** The current split of the batch (rebuilt when the BLAS thread count changes). */
    private Lane[] lanes;
    /** h_1 … h_T: [T·B, H] with leading dimension {@link #width}. */
    final Pointer after;
    /** h_1 … h_T copied contiguous, on demand. */
    private Mat states;

    Cell(RnnConfig config, DataType type, int batch, int steps, int gates, int gateRow) {
        this.config = config;
        this.activation = config.activation();
        this.isDouble = type == DataType.DOUBLE;
        this.precise = isDouble;
        this.heapProducts = !isDouble && VECTOR_PRODUCTS;
        this.heapWeightGradient = !isDouble && HEAP_WEIGHT_GRADIENT;
        this.batch = batch;
        this.steps = steps;
        this.hidden = config.hidden();
        this.inputs = config.inputs();
        this.width = (hidden + inputs + 7) / 8 * 8;
        this.gates = gates;
        this.gateRow = gateRow;
        this.decay = config.decay();
        this.leak = 1 - decay;
        this.piecewise = activation == Activation.RELU || activation == Activation.LEAKY_RELU;
        this.slope = activation == Activation.LEAKY_RELU ? Activation.LEAKY_SLOPE : 0;
        this.xh = Mat.zeros(type, (steps + 1) * batch, width);
        this.pre = Mat.zeros(type, steps * batch, gates);
        this.stateGrads = Mat.zeros(type, (steps + 1) * batch, hidden);
        this.weightsT = Mat.zeros(type, width, gates);
        this.weightGrads = Mat.zeros(type, gates, width);
        this.bias = new double[gates];
        this.biasFloats = new float[isDouble ? 0 : gates];
        this.biasGrad = new double[gates];
        this.xhV = Vec.of(xh);
        this.preV = Vec.of(pre);
        this.gradV = Vec.of(stateGrads);
        this.weightsTV = Vec.of(weightsT);
        this.weightGradsV = Vec.of(weightGrads);
        this.gradAt = new Pointer[steps + 1];
        for (int t = 0; t <= steps; t++) {
            gradAt[t] = Ops.at(stateGrads, (long) t * batch * hidden);
        }
        this.weightsTAt = Ops.at(weightsT, 0);
        this.weightsTFloats = new float[heapProducts ? width * gates : 0];
        this.recurrentFloats = new float[heapProducts ? gates * hidden : 0];
        this.weightGradT = new float[heapWeightGradient ? width * gates : 0];
        this.after = Ops.at(xh, (long) batch * width);
    }

    /**
     * Sequences [first, first + count) of the batch, run through all steps by one thread: pointers to their row
     * blocks, their bias gradient and the subclass's scratch rows.
     */
    static class Lane {
        final int first;
        final int count;
        final int end;
        /** Rows of this lane in block t of xh (t = 0 … T), pre (t = 0 … T − 1) and the state gradients. */
        final Pointer[] xhAt;
        final Pointer[] preAt;
        final Pointer[] gradAt;
        final double[] biasGrad;
        /** One row of floats, for {@link Vec}'s row copies of float32 storage. */
        final float[] floatRow;
        /** This lane's share of the weight-gradient rows: gates [gateFirst, gateEnd). */
        final int gateFirst;
        final int gateEnd;
        /** With {@link #heapProducts}: a step product's operand and result rows. */
        final float[] productIn;
        final float[] productOut;
        /** With {@link #heapWeightGradient}: this lane's rows [widthFirst, widthEnd) of the transposed gradient. */
        final int widthFirst;
        final int widthEnd;
        /** With {@link #heapWeightGradient}: {@link #GRADIENT_CHUNK} rows of ∂L/∂a and of [h | x]. */
        final float[] preChunk;
        final float[] xhChunk;

        Lane(Cell cell, int index, int lanes, int first, int count) {
            this.first = first;
            this.count = count;
            this.end = first + count;
            int b = cell.batch;
            this.xhAt = new Pointer[cell.steps + 1];
            this.gradAt = new Pointer[cell.steps + 1];
            this.preAt = new Pointer[cell.steps];
            for (int t = 0; t <= cell.steps; t++) {
                xhAt[t] = Ops.at(cell.xh, ((long) t * b + first) * cell.width);
                gradAt[t] = Ops.at(cell.stateGrads, ((long) t * b + first) * cell.hidden);
                if (t < cell.steps) {
                    preAt[t] = Ops.at(cell.pre, ((long) t * b + first) * cell.gates);
                }
            }
            this.biasGrad = new double[cell.gates];
            this.floatRow = new float[cell.isDouble ? 0 : cell.width];
            this.gateFirst = (int) ((long) cell.gates * index / lanes);
            this.gateEnd = (int) ((long) cell.gates * (index + 1) / lanes);
            int rows = cell.heapProducts ? count : 0;
            this.productIn = new float[rows * Math.max(cell.width, cell.gates)];
            this.productOut = new float[rows * Math.max(cell.gates, cell.hidden)];
            int tiles = cell.width / 8; // width is a multiple of 8
            this.widthFirst = (int) ((long) tiles * index / lanes) * 8;
            this.widthEnd = (int) ((long) tiles * (index + 1) / lanes) * 8;
            int chunk = cell.heapWeightGradient ? GRADIENT_CHUNK : 0;
            this.preChunk = new float[chunk * cell.gates];
            this.xhChunk = new float[chunk * cell.width];
        }
    }

    /** A lane with the subclass's scratch. */
    abstract Lane newLane(int index, int lanes, int first, int count);

    /**
     * Whether a float32 forward step works on the lane's rows as float blocks ({@code forwardBlock}); with
     * {@link #heapProducts} it then takes the step's product and operand straight from {@link Lane#productOut} and
     * {@link Lane#productIn}, and writes {@code pre} itself.
     */
    abstract boolean floatBlockSteps();

    /** Step t's element-wise work (t = 1 … T) on the lane's rows of {@code pre} block t − 1: h_t and derivatives. */
    abstract void forwardStep(Lane lane, int t);

    /**
     * Step t's element-wise work backward on the lane's rows: ∂L/∂a_t into {@code pre} block t − 1 from dL/dh_t,
     * the lane's bias gradient, and, for t > 1, the non-GEMM part of dL/dh_{t−1} added to its block. With
     * {@link #heapProducts} it also leaves ∂L/∂a_t in {@link Lane#productIn} and, for t > 1, dL/dh_{t−1} so far in
     * {@link Lane#productOut} instead of its block, which the recurrent product then completes and writes.
     */
    abstract void backwardStep(Lane lane, int t);

    /**
     * How many lanes a pass of this cell runs for the current OpenBLAS thread count (the count is read here, once
     * per pass: the caller then lowers OpenBLAS to one thread while the lanes run).
     */
    int laneCount() {
        return Math.max(1, Math.min(BlasThreads.get(), batch / MIN_LANE_ROWS));
    }

    /** Splits the batch into {@code n} lanes for the next passes (kept while n stays the same). */
    final void useLanes(int n) {
        if (lanes == null || lanes.length != n) {
            Lane[] split = new Lane[n];
            for (int i = 0; i < n; i++) {
                int first = (int) ((long) batch * i / n);
                int end = (int) ((long) batch * (i + 1) / n);
                split[i] = newLane(i, n, first, end - first);
            }
            lanes = split;
        }
    }

    private Lane[] lanes() {
        if (lanes == null) {
            useLanes(1);
        }
        return lanes;
    }

    /** Runs the recurrence over x ([T·B, n_in], time-major), filling h_1 … h_T. */
    final void forward(Mat x, RnnParameters p) {
        loadWeights(p);
        if (heapProducts) {
            weightsTV.getFloats(0, weightsTFloats, width * gates);
        }
        loadInputs(x);
        if (!isDouble) {
            for (int i = 0; i < biasFloats.length; i++) {
                biasFloats[i] = (float) bias[i];
            }
        }
        weightsLoaded();
        Lanes.run(lanes(), this::forwardLane);
    }

    /** Called after the weights and bias are loaded, before the lanes start (for copies all lanes read). */
    void weightsLoaded() {
    }

    private void forwardLane(Lane lane) {
        for (int t = 1; t <= steps; t++) {
            if (heapProducts) {
                xhV.getFloats(((t - 1) * batch + lane.first) * width, lane.productIn, lane.count * width);
                FloatProduct.multiply(lane.count, gates, width, lane.productIn, width, weightsTFloats, gates,
                        lane.productOut, gates, false);
                if (!floatBlockSteps()) {
                    preV.setFloats(((t - 1) * batch + lane.first) * gates, lane.productOut, lane.count * gates);
                }
            } else {
                Ops.gemm(isDouble, false, false, lane.count, gates, width, 1, lane.xhAt[t - 1], width, weightsTAt,
                        gates, 0, lane.preAt[t - 1], gates);
            }
            forwardStep(lane, t);
        }
    }

    /**
     * Back-propagates through time from the readout's state gradients in {@link #stateGrads} (blocks 1 … T,
     * overwritten) and writes the gradients of W_ih, W_hh and b into {@code grads} (W_out is the caller's).
     * Must follow {@link #forward} with the same x and p. With {@code inputOnly} only W_ih's gradient is formed.
     */
    final void backward(RnnParameters p, RnnParameters grads, boolean inputOnly) {
        Lane[] split = lanes();
        Pointer whh = Ops.at(p.weightHh(), (long) gateRow * hidden);
        if (heapProducts) {
            Vec.of(p.weightHh()).getFloats(gateRow * hidden, recurrentFloats, gates * hidden);
        }
        Lanes.run(split, lane -> backwardLane(lane, whh));
        Arrays.fill(biasGrad, 0);
        for (Lane lane : split) {
            for (int r = 0; r < gates; r++) {
                biasGrad[r] += lane.biasGrad[r];
            }
        }
        int rows = steps * batch;
        Vec gih = Vec.of(grads.weightIh());
        zeroRows(gih, inputs);
        Pointer pre0 = Ops.at(pre, 0);
        if (inputOnly) {
            Pointer xs = Ops.at(xh, hidden);
            Pointer out = Ops.at(grads.weightIh(), (long) gateRow * inputs);
            Lanes.run(split, lane -> Ops.gemm(isDouble, true, false, lane.gateEnd - lane.gateFirst, inputs, rows, 1,
                    Ops.offset(pre0, lane.gateFirst), gates, xs, width, 0, Ops.offset(out, (long) lane.gateFirst * inputs),
                    inputs));
            return;
        }
        if (heapWeightGradient) {
            Lanes.run(split, lane -> weightGradientOnHeap(lane, rows));
        } else {
            Pointer xs = Ops.at(xh, 0);
            Pointer out = Ops.at(weightGrads, 0);
            Lanes.run(split, lane -> Ops.gemm(isDouble, true, false, lane.gateEnd - lane.gateFirst, width, rows, 1,
                    Ops.offset(pre0, lane.gateFirst), gates, xs, width, 0,
                    Ops.offset(out, (long) lane.gateFirst * width), width));
        }
        Vec ghh = Vec.of(grads.weightHh());
        Vec gb = Vec.of(grads.bias());
        zeroRows(ghh, hidden);
        zeroRows(gb, 1);
        for (int r = 0; r < gates; r++) {
            int ih = (gateRow + r) * inputs;
            for (int c = 0; c < inputs; c++) {
                gih.set(ih + c, weightGrad(r, hidden + c));
            }
            int hh = (gateRow + r) * hidden;
            for (int j = 0; j < hidden; j++) {
                ghh.set(hh + j, weightGrad(r, j));
            }
            gb.set(gateRow + r, biasGrad[r]);
        }
    }

    /**
     * The lane's rows of [h | x]ᵀ·∂L/∂a over all T·B time-step rows, chunk by chunk on the heap: every element one
     * fused multiply-add chain over the rows in order, whatever the chunking and the lane split.
     */
    private void weightGradientOnHeap(Lane lane, int rows) {
        for (int r = 0; r < rows; r += GRADIENT_CHUNK) {
            int n = Math.min(GRADIENT_CHUNK, rows - r);
            preV.getFloats(r * gates, lane.preChunk, n * gates);
            xhV.getFloats(r * width, lane.xhChunk, n * width);
            FloatProduct.multiplyTransposed(lane.widthEnd - lane.widthFirst, gates, n, lane.xhChunk, lane.widthFirst,
                    width, lane.preChunk, 0, gates, weightGradT, lane.widthFirst * gates, gates, r > 0);
        }
    }

    /** The weight gradient's element for gate r and column c of [h | x]. */
    private double weightGrad(int r, int c) {
        return heapWeightGradient ? weightGradT[c * gates + r] : weightGradsV.get(r * width + c);
    }

    private void backwardLane(Lane lane, Pointer whh) {
        Arrays.fill(lane.biasGrad, 0);
        for (int t = steps; t >= 1; t--) {
            backwardStep(lane, t);
            if (t > 1 && heapProducts) {
                // backwardStep left ∂L/∂a_t in productIn and the rest of dL/dh_{t−1} in productOut.
                int gr = ((t - 1) * batch + lane.first) * hidden;
                FloatProduct.multiply(lane.count, hidden, gates, lane.productIn, gates, recurrentFloats, hidden,
                        lane.productOut, hidden, true);
                gradV.setFloats(gr, lane.productOut, lane.count * hidden);
            } else if (t > 1) {
                Ops.gemm(isDouble, false, false, lane.count, hidden, gates, 1, lane.preAt[t - 1], gates, whh, hidden,
                        1, lane.gradAt[t - 1], hidden);
            }
        }
    }

    /** Zeroes the unused gate rows (the GRU's r block) of a gradient with {@code cols} columns. */
    private void zeroRows(Vec v, int cols) {
        for (int i = 0; i < gateRow * cols; i++) {
            v.set(i, 0);
        }
    }

    /** The used gates' rows of [W_hh | W_ih] transposed into {@link #weightsT}, and their bias. */
    private void loadWeights(RnnParameters p) {
        Vec wih = Vec.of(p.weightIh());
        Vec whh = Vec.of(p.weightHh());
        Vec b = Vec.of(p.bias());
        for (int r = 0; r < gates; r++) {
            int ih = (gateRow + r) * inputs;
            for (int c = 0; c < inputs; c++) {
                weightsTV.set((hidden + c) * gates + r, wih.get(ih + c));
            }
            int hh = (gateRow + r) * hidden;
            for (int j = 0; j < hidden; j++) {
                weightsTV.set(j * gates + r, whh.get(hh + j));
            }
            bias[r] = b.get(gateRow + r);
        }
    }

    /** x's columns into columns H … H + n_in − 1 of row blocks 0 … T − 1. */
    private void loadInputs(Mat x) {
        if (x.rows() != steps * batch || x.cols() != inputs || x.isDouble() != isDouble) {
            throw new IllegalArgumentException("inputs are " + x.rows() + "x" + x.cols() + ", the pass needs "
                    + steps * batch + "x" + inputs);
        }
        for (int c = 0; c < inputs; c++) {
            Ops.copy(isDouble, steps * batch, Ops.at(x, c), inputs, Ops.at(xh, hidden + c), width);
        }
    }

    /** h_1 … h_T of the last forward pass as a [T·B, H] matrix (a copy, valid until the next call). */
    final Mat states() {
        if (states == null) {
            states = Mat.zeros(isDouble ? DataType.DOUBLE : DataType.FLOAT, steps * batch, hidden);
        }
        Vec out = Vec.of(states);
        for (int r = 0; r < steps * batch; r++) {
            int src = (batch + r) * width;
            for (int j = 0; j < hidden; j++) {
                out.set(r * hidden + j, xhV.get(src + j));
            }
        }
        return states;
    }

    static Cell create(RnnConfig config, DataType type, int batch, int steps) {
        return config.type() == RnnType.LEAKY_GRU ? new LeakyGruCell(config, type, batch, steps)
                : new LeakyRnnCell(config, type, batch, steps);
    }
}
