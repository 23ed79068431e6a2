package org.repal.core.task;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.repal.core.store.Sha256;

/**
 * Stable 64-bit seeds for named random streams: the first 8 bytes of SHA-256 over a domain tag, the parent
 * seed and a label. Unlike {@code String.hashCode} mixing, distinct labels give unrelated seeds and the
 * value never changes between Java versions, so a stream depends only on its own path from the root seed.
 */
public final class Seeds {
    private static final byte[] DOMAIN = "repal-seed/v1\0".getBytes(StandardCharsets.UTF_8);

    private Seeds() {
    }

    /** Seed of the stream named {@code label} below {@code parent}. */
    public static long derive(long parent, String label) {
        MessageDigest md = Sha256.newDigest();
        md.update(DOMAIN);
        md.update(ByteBuffer.allocate(Long.BYTES).putLong(parent).array());
        md.update((byte) 's');
        md.update(label.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(md.digest()).getLong();
    }

    /** Seed of the {@code index}-th child stream below {@code parent} (e.g. one per sample). */
    public static long child(long parent, long index) {
        MessageDigest md = Sha256.newDigest();
        md.update(DOMAIN);
        md.update(ByteBuffer.allocate(Long.BYTES).putLong(parent).array());
        md.update((byte) 'i');
        md.update(ByteBuffer.allocate(Long.BYTES).putLong(index).array());
        return ByteBuffer.wrap(md.digest()).getLong();
    }
}
