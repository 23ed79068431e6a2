package org.repal.core.train;

/** The loss became NaN or infinite: training stops; the checkpoints written so far stay. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
