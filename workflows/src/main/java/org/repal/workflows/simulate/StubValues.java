package org.repal.workflows.simulate;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.repal.core.store.Sha256;

/**
 * Deterministic stand-in numbers: each a function of its name only (SHA-256 of the name seeds the draw), so a value
 * that two tasks both write (a config's accuracy in its group matrix and in a cross matrix) is the same in both,
 * and a rerun writes the same bytes.
 */
final class StubValues {
    private StubValues() {
    }

    /** Uniform in [lo, hi), fixed by {@code name}. */
    static double uniform(String name, double lo, double hi) {
        return lo + (hi - lo) * random(name).nextDouble();
    }

    static SplittableRandom random(String name) {
        byte[] h = Sha256.newDigest().digest(name.getBytes(StandardCharsets.UTF_8));
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (h[i] & 0xff);
        }
        return new SplittableRandom(seed);
    }
}
