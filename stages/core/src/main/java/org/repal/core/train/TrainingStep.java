package org.repal.core.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Batch;
import org.repal.core.model.Initializer;
import org.repal.core.model.LossMode;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnModel;
import org.repal.core.model.RnnParameters;

/**
 * One optimisation step: cross-entropy + weight term, BPTT, Adam. With {@code inputOnly} ("frozen") Adam
 * updates W_ih only, as the reference whose optimiser then holds only {@code weight_ih}; the weight term's
 * value still counts every tensor.
 */
public final class TrainingStep {
    private final RnnModel model;
    private final RnnParameters grads;
    private final Adam adam;
    private final LossMode mode;
    private final boolean inputOnly;
    private final double penalty;

    public TrainingStep(RnnModel model, double lr, LossMode mode, boolean inputOnly, double penalty) {
        this.model = model;
        this.grads = RnnParameters.zeros(model.config(), model.dataType());
        RnnParameters p = model.parameters();
        this.adam = new Adam(lr, p.flat(), inputOnly ? p.inputWeightCount() : Math.toIntExact(p.flat().size()));
        this.mode = mode;
        this.inputOnly = inputOnly;
        this.penalty = penalty;
    }

    /** A freshly initialised network with the reference's weight term. */
    public TrainingStep(RnnConfig config, DataType type, long seed, double lr, LossMode mode, boolean inputOnly) {
        this(new RnnModel(Initializer.initialize(config, type, seed)), lr, mode, inputOnly,
                WeightPenalty.REFERENCE_COEFFICIENT);
    }

    public RnnModel model() {
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
        return ce + WeightPenalty.addGradient(model.parameters(), grads, penalty, inputOnly);
    }

    public RnnParameters gradients() {
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
