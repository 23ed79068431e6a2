package org.repal.core.store;

/**
 * The one place artifact keys are checked. A key is a relative, '/'-separated path such as
 * "runs/42/weights.npy"; anything that could escape a store's root or mean different things on
 * different backends is rejected.
 */
public final class ArtifactKeys {
    private ArtifactKeys() {
    }

    /**
     * Returns the key if valid.
     *
     * @throws IllegalArgumentException naming the key and the rule it breaks
     */
    public static String validate(String key) {
        if (key == null) {
            throw new IllegalArgumentException("artifact key is null");
        }
        if (key.isEmpty()) {
            throw bad(key, "is empty");
        }
        if (key.indexOf('\0') >= 0) {
            throw bad(key, "contains a NUL character");
        }
        if (key.indexOf('\\') >= 0) {
            throw bad(key, "contains a backslash (separate segments with '/')");
        }
        if (key.startsWith("/")) {
            throw bad(key, "is absolute (keys are relative paths such as 'runs/x.npy')");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw bad(key, "has an empty segment ('//' or a trailing '/')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw bad(key, "has a '" + segment + "' segment (keys may not navigate the tree)");
            }
        }
        return key;
    }

    /**
     * Checks a listing prefix: "" (everything), a key, a key with a trailing '/', or a partial last
     * segment ("runs/4" matches "runs/42/x").
     */
    public static String validatePrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("artifact key prefix is null");
        }
        if (!prefix.isEmpty()) {
            validate(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        }
        return prefix;
    }

    private static IllegalArgumentException bad(String key, String rule) {
        return new IllegalArgumentException("invalid artifact key '" + key.replace("\0", "\\0") + "': " + rule);
    }
}
