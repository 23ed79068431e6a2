package org.repal.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lowercase hex, the form both artifact stores record. */
public final class Sha256 {
    private static final int BUFFER = 1 << 16;

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    /** Hex digest of the bytes. */
    public static String of(byte[] data) {
        return toHex(newDigest().digest(data));
    }

    /** Hex digest of the rest of the stream (not closed). */
    public static String of(InputStream in) throws IOException {
        MessageDigest md = newDigest();
        byte[] buf = new byte[BUFFER];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return toHex(md.digest());
    }

    /** Hex digest of a file's contents. */
    public static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /** Lowercase hex of a finished digest. */
    public static String toHex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
