package org.repal.core.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Batch;
import org.repal.core.model.ComputePath;
import org.repal.core.model.LossMode;
import org.repal.core.model.ModelConfig;
import org.repal.core.model.ModelParameters;
import org.repal.core.model.TrainableModel;

/**
 * One optimisation step: cross-entropy + weight term, backward, Adam. With {@code inputOnly} ("frozen") Adam
 * updates the frozen prefix only (the RNN's W_ih, Mamba's embedding), as the reference whose optimiser then
 * holds only those; the weight term's value still counts every tensor.
 */
public final class TrainingStep {
    private final TrainableModel model;
    private final ModelParameters grads;
    private final Adam adam;
    private final LossMode mode;
    private final boolean inputOnly;
    private final double penalty;
    private final ComputePath path;

    public TrainingStep(TrainableModel model, double lr, LossMode mode, boolean inputOnly, double penalty) {
        this(model, lr, mode, inputOnly, penalty, ComputePath.current());
    }

    /** With the optimiser and weight term on {@code path} (the model chooses its own; tests pair them). */
    public TrainingStep(TrainableModel model, double lr, LossMode mode, boolean inputOnly, double penalty,
                        ComputePath path) {
        this.model = model;
        this.path = path;
        ModelParameters p = model.parameters();
        this.grads = p.zerosLike();
        this.adam = new Adam(lr, p.flat(), inputOnly ? p.frozenCount() : Math.toIntExact(p.flat().size()), path);
        this.mode = mode;
        this.inputOnly = inputOnly;
        this.penalty = penalty;
    }

    /** A freshly initialised network with the reference's weight term. */
    public TrainingStep(ModelConfig config, DataType type, long seed, double lr, LossMode mode, boolean inputOnly) {
        this(config.newModel(config.initialize(type, seed)), lr, mode, inputOnly,
                WeightPenalty.REFERENCE_COEFFICIENT);
    }

    public TrainableModel model() {
        return model;
    }

    public Adam adam() {
        return adam;
    }

    /**
     * Loss and gradient at the current weights, without updating (returns the total loss; the gradient is
     * in {@link #gradients()}).
     */
    public double evaluate(Batch batch) {
        double ce = model.lossAndGradient(batch, mode, grads, inputOnly);
        return ce + WeightPenalty.addGradient(model.parameters(), grads, penalty, inputOnly, path);
    }

    public ModelParameters gradients() {
        return grads;
    }

    /** Loss at the current weights, then one Adam update. Returns the loss (NaN is returned, not thrown). */
    public double run(Batch batch) {
        double loss = evaluate(batch);
        if (Double.isFinite(loss)) {
            adam.update(model.parameters().flat(), grads.flat());
        }
        return loss;
    }
}
