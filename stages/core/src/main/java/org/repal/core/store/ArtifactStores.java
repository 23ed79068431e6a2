package org.repal.core.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Opens a store from a location string, the form used on command lines and in workflow parameters. */
public final class ArtifactStores {
    public static final String DEFAULT_S3_ENDPOINT = "http://127.0.0.1:9000";

    private ArtifactStores() {
    }

    /** Like {@link #open(String, Map)} with the process environment. */
    public static ArtifactStore open(String location) {
        return open(location, System.getenv());
    }

    /**
     * "s3://bucket/prefix" opens an {@link S3ArtifactStore} configured from REPAL_S3_ENDPOINT (default
     * http://127.0.0.1:9000), REPAL_S3_ACCESS_KEY / REPAL_S3_SECRET_KEY (else AWS_ACCESS_KEY_ID /
     * AWS_SECRET_ACCESS_KEY), REPAL_S3_REGION (else AWS_REGION, else us-east-1) and
     * REPAL_S3_CREATE_BUCKET (default true: create the bucket when missing), and the retry policy from
     * REPAL_S3_RETRIES / REPAL_S3_RETRY_BASE_MS ({@link S3Retry}). "file:///path" or a plain
     * path opens a {@link LocalArtifactStore}, creating the folder. Other "scheme://" locations are
     * rejected rather than taken as folder names.
     */
    public static ArtifactStore open(String location, Map<String, String> env) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("artifact store location is empty");
        }
        StoreLocations.rejectCredentials("artifact store location", location);
        if (location.startsWith("s3://")) {
            return openS3(location, env);
        }
        if (location.startsWith("file://")) {
            return new LocalArtifactStore(Path.of(java.net.URI.create(location)));
        }
        int scheme = location.indexOf("://");
        if (scheme > 0 && location.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new IllegalArgumentException("unsupported artifact store location '" + location
                    + "': use s3://bucket/prefix or a local folder");
        }
        return new LocalArtifactStore(Path.of(location));
    }

    private static ArtifactStore openS3(String location, Map<String, String> env) {
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("S3 location '" + location + "' has no bucket (s3://bucket/prefix)");
        }
        String endpoint = first(env, "REPAL_S3_ENDPOINT");
        String accessKey = first(env, "REPAL_S3_ACCESS_KEY", "AWS_ACCESS_KEY_ID");
        String secretKey = first(env, "REPAL_S3_SECRET_KEY", "AWS_SECRET_ACCESS_KEY");
        String region = first(env, "REPAL_S3_REGION", "AWS_REGION");
        String create = first(env, "REPAL_S3_CREATE_BUCKET");
        StoreLocations.rejectCredentials("REPAL_S3_ENDPOINT", endpoint);
        if (accessKey == null || secretKey == null) {
            throw new ArtifactStoreException("S3 store " + location + ": no credentials: set REPAL_S3_ACCESS_KEY"
                    + " and REPAL_S3_SECRET_KEY (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
        }
        boolean createBucket = create == null || !create.trim().toLowerCase(Locale.ROOT).matches("false|0|no");
        return new S3ArtifactStore(endpoint == null ? DEFAULT_S3_ENDPOINT : endpoint, accessKey, secretKey,
                region, bucket, prefix, createBucket, S3Retry.fromEnv(env));
    }

    /** The first of the variables that is set and not blank. */
    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
