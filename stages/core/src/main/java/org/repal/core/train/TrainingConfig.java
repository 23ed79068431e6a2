package org.repal.core.train;

import java.util.Objects;
import org.repal.core.model.LossMode;
import org.repal.core.model.ModelConfig;

/**
 * Everything that decides a training run besides its data and curriculum. Defaults follow the reference:
 * 50 epochs per phase, loss over all steps, weight term 1e-4, no reachable early stop ({@code target} NaN:
 * none; the reference's 0.99 cannot be met on PDM tasks, whose accuracy ceiling is ≈ 0.90).
 */
public record TrainingConfig(ModelConfig model, double lr, int batchSize, int epochs, long seed, LossMode lossMode,
                             double target, double penalty) {
    public static final int REFERENCE_EPOCHS = 50;

    public TrainingConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(lossMode, "loss mode");
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a positive number, got " + lr);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be positive, got " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
        }
        if (!Double.isNaN(target) && !(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("--target-accuracy must be in (0, 1], got " + target);
        }
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("weight penalty must be >= 0, got " + penalty);
        }
    }

    /** The reference's settings for this network, learning rate and batch size. */
    public static TrainingConfig reference(ModelConfig model, double lr, int batchSize) {
        return new TrainingConfig(model, lr, batchSize, REFERENCE_EPOCHS, 0, LossMode.ALL_STEPS, Double.NaN,
                WeightPenalty.REFERENCE_COEFFICIENT);
    }

    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(model, lr, batchSize, n, seed, lossMode, target, penalty);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(model, lr, batchSize, epochs, s, lossMode, target, penalty);
    }

    public TrainingConfig withLossMode(LossMode m) {
        return new TrainingConfig(model, lr, batchSize, epochs, seed, m, target, penalty);
    }

    public TrainingConfig withTarget(double t) {
        return new TrainingConfig(model, lr, batchSize, epochs, seed, lossMode, t, penalty);
    }

    public boolean hasTarget() {
        return !Double.isNaN(target);
    }

    /**
     * The reference's model name with the learning rate as Python prints it, e.g.
     * {@code leaky_rnn_relu_128_0.001_64_kaiming} or {@code mamba_16_2_0.001_32}.
     */
    public String modelName() {
        return model.modelName(PyFloat.repr(lr), batchSize);
    }
}
