package org.repal.core.store;

import java.io.IOException;

/** A .npy/.npz input that cannot be decoded; the message starts with the source name. */
public class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;

    public NpyFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public NpyFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file or entry name the problem was found in. */
    public String source() {
        return source;
    }
}
