package org.repal.core.analysis.findings;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.repal.core.store.Sha256;

/**
 * Seeds of the report's random statistics: the first 8 bytes of SHA-256 over the run's seed and the statistic's
 * name, so each bootstrap or permutation has its own stream and does not depend on which others ran before it.
 */
public final class Seeds {

    private Seeds() {
    }

    /** The seed of the statistic named by {@code parts} under the run seed {@code base}. */
    public static long of(long base, String... parts) {
        StringBuilder sb = new StringBuilder(Long.toString(base));
        for (String p : parts) {
            sb.append('/').append(p);
        }
        byte[] digest = Sha256.newDigest().digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest, 0, 8).getLong();
    }
}
