package org.repal.core.store;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An artifact store in an S3 bucket (any S3-compatible server), through the MinIO SDK. Key "a/b" is the
 * object {@code <prefix>/a/b}. Every put records the content's SHA-256 as user metadata
 * ({@code x-amz-meta-sha256}) so stat does not download the object. Every request that fails with a transient
 * error (server away, connection dropped, HTTP 5xx) is repeated with backoff as {@link S3Retry} says; requests are
 * idempotent (a put sends the whole object again), so a repeat never mixes two attempts.
 */
public final class S3ArtifactStore implements ArtifactStore {
    public static final String DEFAULT_REGION = "us-east-1";
    /** Objects above one part go multipart; 8 MiB is above S3's 5 MiB minimum part size. */
    public static final long PART_SIZE = 8L << 20;
    /** User metadata name; S3 sends it as the header x-amz-meta-sha256. */
    public static final String SHA256_METADATA = "sha256";

    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final long TRANSFER_TIMEOUT_MS = 300_000;

    private final MinioClient client;
    private final String endpoint;
    private final String bucket;
    private final String prefix;
    private final S3Retry retry;

    /** Uses region us-east-1 and expects the bucket to exist. */
    public S3ArtifactStore(String endpoint, String accessKey, String secretKey, String bucket, String prefix) {
        this(endpoint, accessKey, secretKey, DEFAULT_REGION, bucket, prefix, false);
    }

    /**
     * @param endpoint     e.g. "http://127.0.0.1:9000" or "https://s3.eu-west-1.amazonaws.com"
     * @param region       null for us-east-1; given explicitly so the SDK needs no location lookup
     * @param prefix       folder inside the bucket ("" or null for the bucket root)
     * @param createBucket create the bucket when it does not exist (contacts the server now)
     */
    public S3ArtifactStore(String endpoint, String accessKey, String secretKey, String region, String bucket,
                           String prefix, boolean createBucket) {
        this(endpoint, accessKey, secretKey, region, bucket, prefix, createBucket, S3Retry.defaults());
    }

    /** As above, with this retry policy for transient failures. */
    public S3ArtifactStore(String endpoint, String accessKey, String secretKey, String region, String bucket,
                           String prefix, boolean createBucket, S3Retry retry) {
        this.retry = java.util.Objects.requireNonNull(retry, "retry");
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.prefix = normalizePrefix(prefix);
        try {
            this.client = MinioClient.builder()
                    .endpoint(endpoint)
                    .credentials(accessKey, secretKey)
                    .region(region == null || region.isBlank() ? DEFAULT_REGION : region)
                    .build();
            BucketExistsArgs.builder().bucket(bucket).build(); // checks the bucket name now, with context
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("S3 store " + location() + " at " + endpoint + ": " + e.getMessage(), e);
        }
        // The SDK's default timeouts are minutes: fail fast on connect, stay patient for transfers.
        client.setTimeout(CONNECT_TIMEOUT_MS, TRANSFER_TIMEOUT_MS, TRANSFER_TIMEOUT_MS);
        if (createBucket) {
            createBucketIfMissing();
        }
    }

    private static String normalizePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "" : ArtifactKeys.validate(p);
    }

    private void createBucketIfMissing() {
        call("create bucket '" + bucket + "'", null, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (io.minio.errors.ErrorResponseException e) {
                    if (!"BucketAlreadyOwnedByYou".equals(S3Errors.code(e))) { // lost a creation race: fine
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public String location() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    public String endpoint() {
        return endpoint;
    }

    private String objectName(String key) {
        ArtifactKeys.validate(key);
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    @Override
    public ArtifactInfo put(String key, byte[] data) {
        String sha = Sha256.of(data);
        upload(key, () -> new java.io.ByteArrayInputStream(data), data.length, sha);
        return new ArtifactInfo(key, data.length, sha);
    }

    /** Hashes the file first (the hash travels as metadata in the request) and checks it while sending. */
    @Override
    public ArtifactInfo put(String key, Path file) {
        objectName(key);
        String sha;
        long size;
        try {
            sha = Sha256.of(file);
            size = Files.size(file);
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + ": cannot read " + file + " for '" + key + "': " + e, e);
        }
        // Each attempt reads the file afresh; the digest of the last (successful) one is checked.
        MessageDigest[] md = new MessageDigest[1];
        upload(key, () -> {
            md[0] = Sha256.newDigest();
            try {
                return new DigestInputStream(new BufferedInputStream(Files.newInputStream(file)), md[0]);
            } catch (IOException e) {
                throw new ArtifactStoreException(location() + ": cannot read " + file + " for '" + key + "': " + e,
                        e);
            }
        }, size, sha);
        if (!Sha256.toHex(md[0].digest()).equals(sha)) {
            delete(key);
            throw new ArtifactStoreException(location() + ": " + file + " changed while uploading '" + key + "'");
        }
        return new ArtifactInfo(key, size, sha);
    }

    /** The size must be known up front and the hash before sending: spool the stream to a temp file. */
    @Override
    public ArtifactInfo put(String key, InputStream in) {
        objectName(key);
        Path tmp = null;
        try {
            tmp = Files.createTempFile("repal-s3-", ".upload");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return put(key, tmp);
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + ": cannot buffer the stream for '" + key + "': " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    /** A fresh stream over the same bytes for each attempt. */
    private interface Source {
        InputStream open();
    }

    private void upload(String key, Source source, long size, String sha) {
        String object = objectName(key);
        call("put '" + key + "'", null, () -> {
            try (InputStream in = source.open()) {
                return client.putObject(PutObjectArgs.builder()
                        .bucket(bucket)
                        .object(object)
                        .stream(in, size, PART_SIZE)
                        .userMetadata(Map.of(SHA256_METADATA, sha))
                        .contentType("application/octet-stream")
                        .build());
            }
        });
    }

    @Override
    public byte[] get(String key) {
        String object = objectName(key);
        // The whole download is one attempt: a connection lost halfway starts it again.
        return call("get '" + key + "'", key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(object).build())) {
                return in.readAllBytes();
            }
        });
    }

    @Override
    public InputStream open(String key) {
        String object = objectName(key);
        return call("get '" + key + "'", key, () -> client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(object).build()));
    }

    @Override
    public boolean exists(String key) {
        return head(key) != null;
    }

    /** Reads the recorded hash; objects written by other tools are hashed by streaming them once. */
    @Override
    public Optional<ArtifactInfo> stat(String key) {
        StatObjectResponse head = head(key);
        if (head == null) {
            return Optional.empty();
        }
        String sha = null;
        for (Map.Entry<String, String> e : head.userMetadata().entrySet()) {
            if (e.getKey().equalsIgnoreCase(SHA256_METADATA)) {
                sha = e.getValue();
            }
        }
        if (sha == null) {
            try (InputStream in = open(key)) {
                sha = Sha256.of(in);
            } catch (IOException e) {
                throw S3Errors.map(where(), location(), "hash '" + key + "'", key, e);
            }
        }
        return Optional.of(new ArtifactInfo(key, head.size(), sha));
    }

    private StatObjectResponse head(String key) {
        String object = objectName(key);
        try {
            return call("stat '" + key + "'", key, () -> client.statObject(
                    StatObjectArgs.builder().bucket(bucket).object(object).build()));
        } catch (ArtifactNotFoundException e) {
            return null;
        }
    }

    @Override
    public List<String> list(String keyPrefix) {
        ArtifactKeys.validatePrefix(keyPrefix);
        String base = prefix.isEmpty() ? "" : prefix + "/";
        List<String> keys = new ArrayList<>();
        call("list '" + keyPrefix + "'", null, () -> {
            keys.clear(); // a repeated listing starts over
            Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(base + keyPrefix).recursive(true).build());
            for (Result<Item> r : results) {
                Item item = r.get();
                String name = item.objectName();
                if (!item.isDir() && !name.endsWith("/") && name.startsWith(base)) {
                    keys.add(name.substring(base.length()));
                }
            }
            return null;
        });
        Collections.sort(keys);
        return keys;
    }

    @Override
    public void delete(String key) {
        String object = objectName(key);
        call("delete '" + key + "'", null, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(object).build());
            return null;
        });
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new ArtifactStoreException(where() + ": closing the client failed: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "S3ArtifactStore[" + location() + " at " + endpoint + "]";
    }

    private String where() {
        return "S3 store " + location() + " at " + endpoint;
    }

    /** An SDK call; it declares the SDK's eight checked exceptions, all mapped by S3Errors. */
    private interface S3Call<T> {
        T run() throws Exception;
    }

    /** Runs the call, mapping failures; with a key, a missing object becomes ArtifactNotFoundException. */
    private <T> T call(String action, String key, S3Call<T> body) {
        try {
            return retry.run(where(), action, body::run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactStoreException(where() + ": " + action + " interrupted while waiting to retry", e);
        } catch (RuntimeException e) {
            if (e instanceof ArtifactStoreException || e instanceof IllegalArgumentException) {
                throw e;
            }
            throw S3Errors.map(where(), location(), action, key, e);
        } catch (Exception e) {
            throw S3Errors.map(where(), location(), action, key, e);
        }
    }
}
