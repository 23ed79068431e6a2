package org.repal.core.store;

/** What a store knows about one artifact: its key, size in bytes and SHA-256 (lowercase hex). */
public record ArtifactInfo(String key, long size, String sha256) {
}
