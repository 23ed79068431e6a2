package org.repal.core.linalg;

/** The BLAS/LAPACK self-check failed: this process would compute wrong numbers, so it must not go on. */
public final class NumericsCheckFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NumericsCheckFailedException(String message) {
        super(message);
    }
}
