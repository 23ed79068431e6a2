package org.repal.core.store;

/** Thrown by get/open (and the typed getters) of every store when the key has no artifact. */
public class ArtifactNotFoundException extends ArtifactStoreException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ArtifactNotFoundException(String location, String key) {
        super(location + ": no artifact '" + key + "'");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
