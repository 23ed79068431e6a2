package org.repal.core.store;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How an S3 store rides out a server that is briefly away (restarting, overloaded, a dropped connection): a call
 * that fails with a transient error ({@link S3Errors#isTransient}) is repeated up to {@code retries} times, after a
 * delay that doubles from {@code baseDelayMs} up to {@code maxDelayMs}, half of it fixed and half random (so many
 * pods that lost the same server do not come back in step). The jitter only spreads the retries in time and never
 * reaches an artifact, so it needs no seed. Each retry is announced with one line on stderr (the store, the action,
 * the error and the wait; never the credentials); the final failure names the action, its key and the attempts.
 *
 * <p>Defaults: 10 retries, 0.5 s doubling to at most 10 s: about 33–66 s of waiting in all, enough for a
 * server restart. Environment: {@code REPAL_S3_RETRIES} (0 turns retrying off) and {@code REPAL_S3_RETRY_BASE_MS}.
 */
public record S3Retry(int retries, long baseDelayMs, long maxDelayMs, PrintStream log) {
    public static final int DEFAULT_RETRIES = 10;
    public static final long DEFAULT_BASE_DELAY_MS = 500;
    public static final long DEFAULT_MAX_DELAY_MS = 10_000;
    public static final String RETRIES_VARIABLE = "REPAL_S3_RETRIES";
    public static final String BASE_DELAY_VARIABLE = "REPAL_S3_RETRY_BASE_MS";

    public S3Retry {
        if (retries < 0 || baseDelayMs < 0 || maxDelayMs < baseDelayMs) {
            throw new IllegalArgumentException("S3 retry policy: retries " + retries + ", base delay " + baseDelayMs
                    + " ms, max delay " + maxDelayMs + " ms (need retries >= 0 and 0 <= base <= max)");
        }
    }

    /** The defaults, logging to the process's stderr. */
    public static S3Retry defaults() {
        return new S3Retry(DEFAULT_RETRIES, DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, System.err);
    }

    /** The defaults with {@value #RETRIES_VARIABLE} and {@value #BASE_DELAY_VARIABLE} applied when set. */
    public static S3Retry fromEnv(Map<String, String> env) {
        int retries = (int) number(env, RETRIES_VARIABLE, DEFAULT_RETRIES, 1000);
        long base = number(env, BASE_DELAY_VARIABLE, DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS);
        return new S3Retry(retries, base, DEFAULT_MAX_DELAY_MS, System.err);
    }

    private static long number(Map<String, String> env, String name, long fallback, long max) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": expected a whole number from 0 to " + max + ", got '" + v + "'");
    }

    /** The wait before retry {@code k} (1-based): half of min(max, base·2^(k−1)) plus up to as much again. */
    long delayMs(int k) {
        long full = Math.min(maxDelayMs, baseDelayMs << Math.min(k - 1, 30));
        long half = full / 2;
        return half + (full - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(full - half + 1));
    }

    /** One S3 request (or a group of them that is safe to repeat as a whole). */
    interface Attempt<T> {
        T run() throws Exception;
    }

    /**
     * Runs the attempt, repeating it on transient errors.
     *
     * @param where  "S3 store s3://bucket/prefix at http://host:port"
     * @param action what is attempted, e.g. "put 'data/manifest.json'" (names the key when there is one)
     * @throws Exception the last attempt's error, with the retries noted as a suppressed exception
     */
    <T> T run(String where, String action, Attempt<T> attempt) throws Exception {
        long t0 = System.nanoTime();
        for (int k = 1; ; k++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                if (!S3Errors.isTransient(e)) {
                    throw e;
                }
                if (k > retries) {
                    if (retries > 0) {
                        e.addSuppressed(new GaveUp(action + ": gave up after " + k + " attempts over "
                                + String.format("%.1f", (System.nanoTime() - t0) / 1e9) + " s"));
                    }
                    throw e;
                }
                long wait = delayMs(k);
                if (log != null) {
                    log.println(where + ": " + action + " failed (" + S3Errors.brief(e) + "); retry " + k + "/"
                            + retries + " in " + String.format("%.1f", wait / 1000.0) + " s");
                    log.flush();
                }
                Thread.sleep(wait);
            }
        }
    }

    /** Marks an error as the last of several attempts; its message is added to the final error. */
    static final class GaveUp extends Exception {
        private static final long serialVersionUID = 1L;

        GaveUp(String message) {
            super(message, null, false, false);
        }
    }
}
