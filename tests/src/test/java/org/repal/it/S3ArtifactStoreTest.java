package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.ArtifactNotFoundException;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.ArtifactStores;
import org.repal.core.store.NpyArray;
import org.repal.core.store.S3ArtifactStore;

/** S3ArtifactStore against a real S3 server (S3Proxy), one server for the class. */
class S3ArtifactStoreTest {
    private static final String BUCKET = "repal-it";
    private static S3ProxyServer server;
    private static S3ArtifactStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.shared();
        store = new S3ArtifactStore(server.endpoint(), server.accessKey(), server.secretKey(), null,
                BUCKET, "run-1", true);
    }

    @AfterAll
    static void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private MinioClient rawClient() {
        return MinioClient.builder().endpoint(server.endpoint())
                .credentials(server.accessKey(), server.secretKey()).region("us-east-1").build();
    }

    @Test
    void putGetListOverwriteAndStat() throws Exception {
        ArtifactInfo info = store.put("basic/a.txt", bytes("hello"));
        assertEquals(new ArtifactInfo("basic/a.txt", 5, sha256(bytes("hello"))), info);
        store.put("basic/sub/b.txt", bytes("b"));
        assertArrayEquals(bytes("hello"), store.get("basic/a.txt"));
        assertEquals(List.of("basic/a.txt", "basic/sub/b.txt"), store.list("basic/"));

        store.put("basic/a.txt", bytes("second version"));
        assertArrayEquals(bytes("second version"), store.get("basic/a.txt"));
        assertEquals(new ArtifactInfo("basic/a.txt", 14, sha256(bytes("second version"))),
                store.stat("basic/a.txt").orElseThrow());
        try (InputStream in = store.open("basic/sub/b.txt")) {
            assertArrayEquals(bytes("b"), in.readAllBytes());
        }
        assertTrue(store.exists("basic/a.txt"));
        assertEquals("s3://" + BUCKET + "/run-1", store.location());

        store.delete("basic/a.txt");
        assertFalse(store.exists("basic/a.txt"));
        store.delete("basic/a.txt"); // no-op, as in the local store
        assertEquals(List.of("basic/sub/b.txt"), store.list("basic/"));
    }

    @Test
    void missingKeysBehaveAsInTheLocalStore() {
        ArtifactNotFoundException e = assertThrows(ArtifactNotFoundException.class, () -> store.get("nope/x.npy"));
        assertEquals("nope/x.npy", e.key());
        assertTrue(e.getMessage().contains("'nope/x.npy'"), e.getMessage());
        assertThrows(ArtifactNotFoundException.class, () -> store.open("nope/x.npy"));
        assertTrue(store.stat("nope/x.npy").isEmpty());
        assertFalse(store.exists("nope/x.npy"));
        assertThrows(IllegalArgumentException.class, () -> store.get("../x"));
    }

    @Test
    void multipartObjectRoundTripsByteExact(@TempDir Path dir) throws Exception {
        byte[] data = new byte[12 << 20];
        new Random(12).nextBytes(data);
        Path file = Files.write(dir.resolve("big.bin"), data);
        ArtifactInfo info = store.put("big/file.bin", file);
        assertEquals(new ArtifactInfo("big/file.bin", data.length, sha256(data)), info);
        assertArrayEquals(data, store.get("big/file.bin"));
        assertEquals(info, store.stat("big/file.bin").orElseThrow());
        // A multipart upload's ETag is "<md5 of part md5s>-<part count>"
        String etag = rawClient().statObject(StatObjectArgs.builder().bucket(BUCKET)
                .object("run-1/big/file.bin").build()).etag();
        assertTrue(etag.endsWith("-2"), "expected a 2-part upload, ETag " + etag);

        assertEquals(info.sha256(), store.put("big/bytes.bin", data).sha256());
        assertArrayEquals(data, store.get("big/bytes.bin"));
        byte[] streamed = java.util.Arrays.copyOf(data, 1 << 20);
        assertEquals(sha256(streamed), store.put("big/stream.bin", new ByteArrayInputStream(streamed)).sha256());
        assertArrayEquals(streamed, store.get("big/stream.bin"));
    }

    @Test
    void listHonoursKeyAndStorePrefixes() {
        store.put("lst/a/1", bytes("1"));
        store.put("lst/a/2", bytes("2"));
        store.put("lst/ab/3", bytes("3"));
        store.put("lst/b/4", bytes("4"));
        try (S3ArtifactStore other = new S3ArtifactStore(server.endpoint(), server.accessKey(),
                server.secretKey(), BUCKET, "run-10")) {
            other.put("lst/a/elsewhere", bytes("x"));
            assertEquals(List.of("lst/a/elsewhere"), other.list("lst/"));
        }
        assertEquals(List.of("lst/a/1", "lst/a/2"), store.list("lst/a/"));
        assertEquals(List.of("lst/a/1", "lst/a/2", "lst/ab/3"), store.list("lst/a"));
        assertEquals(List.of("lst/a/1", "lst/a/2", "lst/ab/3", "lst/b/4"), store.list("lst/"));
        assertEquals(List.of(), store.list("lst/zzz"));
    }

    @Test
    void statHashesObjectsWrittenByOtherTools() throws Exception {
        byte[] data = bytes("uploaded without our metadata");
        rawClient().putObject(PutObjectArgs.builder().bucket(BUCKET).object("run-1/foreign/x")
                .stream(new ByteArrayInputStream(data), data.length, -1).build());
        assertEquals(sha256(data), store.stat("foreign/x").orElseThrow().sha256());
    }

    @Test
    void npyAndJsonHelpers() {
        NpyArray a = NpyArray.ofDoubles(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        store.putNpy("helpers/a.npy", a);
        assertEquals(a, store.getNpy("helpers/a.npy"));
        store.putJson("helpers/m.json", Map.of("k", 1));
        assertEquals(Map.of("k", 1), store.getJson("helpers/m.json", Map.class));
    }

    @Test
    void wrongCredentialsSayAccessDenied() {
        try (S3ArtifactStore wrong = new S3ArtifactStore(server.endpoint(), server.accessKey(), "wrong-secret",
                null, BUCKET, "run-1", false)) {
            for (Runnable op : List.<Runnable>of(() -> wrong.get("x"), () -> wrong.put("x", bytes("x")),
                    () -> wrong.list(""), () -> wrong.stat("basic/a.txt"))) {
                ArtifactStoreException e = assertThrows(ArtifactStoreException.class, op::run);
                assertAccessDenied(e);
            }
        }
        ArtifactStoreException e = assertThrows(ArtifactStoreException.class, () -> new S3ArtifactStore(
                server.endpoint(), "nobody", server.secretKey(), null, BUCKET, "", true));
        assertAccessDenied(e);
    }

    private static void assertAccessDenied(ArtifactStoreException e) {
        String m = e.getMessage();
        assertTrue(m.contains("access denied") && m.contains("REPAL_S3_ACCESS_KEY"), m);
        assertTrue(m.contains("at " + server.endpoint()), m);
    }

    @Test
    void openFromLocationAndEnvironment() {
        Map<String, String> env = server.storeEnv();
        try (ArtifactStore opened = ArtifactStores.open("s3://fresh-bucket/some/prefix", env)) {
            assertInstanceOf(S3ArtifactStore.class, opened);
            assertEquals("s3://fresh-bucket/some/prefix", opened.location());
            opened.put("k/v.txt", bytes("via env"));
            assertEquals(List.of("k/v.txt"), opened.list(""));
        }
        Map<String, String> awsEnv = Map.of(
                "REPAL_S3_ENDPOINT", server.endpoint(),
                "AWS_ACCESS_KEY_ID", server.accessKey(),
                "AWS_SECRET_ACCESS_KEY", server.secretKey());
        try (ArtifactStore again = ArtifactStores.open("s3://fresh-bucket/some", awsEnv)) {
            assertArrayEquals(bytes("via env"), again.get("prefix/k/v.txt"));
        }
    }
}
