package org.repal.core.store;

/** A failed artifact store operation; the message names the store and what to check. */
public class ArtifactStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArtifactStoreException(String message) {
        super(message);
    }

    public ArtifactStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
