package org.repal.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The architecture of one network (spec §3.1): cell type, activation, sizes and the init type of W_hh.
 * Time constants are the reference's: dt = 20 ms, τ = 100 ms, so the leak d = exp(−dt/τ) = exp(−0.2).
 */
public record RnnConfig(RnnType type, Activation activation, int inputs, int hidden, int outputs, InitType init)
        implements ModelConfig {
    public static final double DT_MS = 20;
    public static final double TAU_MS = 100;

    public RnnConfig {
        Objects.requireNonNull(type, "rnn type");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(init, "init type");
        positive("inputs", inputs);
        positive("--hidden", hidden);
        positive("outputs", outputs);
    }

    private static void positive(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be positive, got " + n);
        }
    }

    /** The reference's shape: 7 inputs, 3 outputs, kaiming. */
    public static RnnConfig of(RnnType type, Activation activation, int hidden) {
        return new RnnConfig(type, activation, 7, hidden, 3, InitType.KAIMING);
    }

    public RnnConfig withInit(InitType newInit) {
        return new RnnConfig(type, activation, inputs, hidden, outputs, newInit);
    }

    /** d = exp(−dt/τ) = 0.8187307531. */
    public double decay() {
        return Math.exp(-DT_MS / TAU_MS);
    }

    /** Rows of W_ih, W_hh and b: H for the RNN, 3H for the GRU. */
    public int gateRows() {
        return type.blocks() * hidden;
    }

    /** Number of trainable values. */
    public int parameterCount() {
        long n = (long) gateRows() * (inputs + hidden + 1) + (long) outputs * hidden;
        return Math.toIntExact(n);
    }

    /** {@code {rnn_type}_{activation}_{n_rnn}_{lr}_{batch}_{init}}, e.g. {@code leaky_rnn_relu_128_0.001_64_kaiming}. */
    @Override
    public String modelName(String lr, int batchSize) {
        return type.jsonName() + "_" + activation.jsonName() + "_" + hidden + "_" + lr + "_" + batchSize + "_"
                + init.jsonName();
    }

    @Override
    public void describe(ObjectNode settings) {
        settings.put("rnn_type", type.jsonName());
        settings.put("activation", activation.jsonName());
        settings.put("hidden", hidden);
        settings.put("init", init.jsonName());
    }

    @Override
    public RnnParameters initialize(DataType dataType, long seed) {
        return Initializer.initialize(this, dataType, seed);
    }

    @Override
    public RnnParameters zeros(DataType dataType) {
        return RnnParameters.zeros(this, dataType);
    }

    @Override
    public TrainableModel newModel(ModelParameters params) {
        if (!(params instanceof RnnParameters p) || !p.config().equals(this)) {
            throw new IllegalArgumentException("parameters do not belong to " + this);
        }
        return ComputePath.current().rnnModel(p);
    }
}
