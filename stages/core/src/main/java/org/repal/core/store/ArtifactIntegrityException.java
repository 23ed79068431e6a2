package org.repal.core.store;

/**
 * An artifact whose bytes no longer have the SHA-256 recorded when it was written (a flipped byte, a truncated or
 * replaced file). The message names the file, both hashes and where the expected one was recorded; the command
 * line maps it to exit code 2 like other bad input.
 */
public class ArtifactIntegrityException extends ArtifactStoreException {
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * @param file     the artifact, as the user would look for it ("/abs/data/X/train/inputs.npy", "s3://b/p/k")
     * @param actual   the hash of the bytes read, or null when the artifact is missing
     * @param expected the recorded hash
     * @param recorded where the expected hash comes from, e.g. "/abs/data/manifest.json"
     */
    public ArtifactIntegrityException(String file, String actual, String expected, String recorded) {
        super(file + ": " + (actual == null ? "missing" : "SHA-256 " + actual) + ", but " + recorded
                + " records SHA-256 " + expected + ": the file changed after it was written; remake it (rerun the"
                + " task or stage that wrote it) or restore it");
        this.file = file;
    }

    public String file() {
        return file;
    }
}
