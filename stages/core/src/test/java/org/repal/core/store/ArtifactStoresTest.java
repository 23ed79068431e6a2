package org.repal.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoresTest {

    @Test
    void plainPathsAndFileUrisOpenLocalFolders(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("new/folder");
        try (ArtifactStore store = ArtifactStores.open(folder.toString(), Map.of())) {
            assertInstanceOf(LocalArtifactStore.class, store);
            assertTrue(Files.isDirectory(folder));
            assertEquals(folder.toRealPath().toString(), store.location());
        }
        try (ArtifactStore store = ArtifactStores.open(folder.toUri().toString(), Map.of())) {
            assertEquals(folder.toRealPath().toString(), store.location());
        }
    }

    @Test
    void rejectsUnknownSchemesAndBucketlessS3() {
        assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("gs://bucket/x", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("s3:///x", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("", Map.of()));
    }

    @Test
    void credentialsInALocationAreRefusedAndNeverShown() {
        Map<String, String> env = Map.of("REPAL_S3_ACCESS_KEY", "k", "REPAL_S3_SECRET_KEY", "s");
        for (String location : new String[] {"s3://AKIAEXAMPLE:topsecret@host:9000/bucket/x", "s3://topsecret@bucket",
                "file://user:topsecret@host/tmp/x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ArtifactStores.open(location, env));
            assertTrue(e.getMessage().contains("holds credentials") && !e.getMessage().contains("topsecret"),
                    e.getMessage());
        }
        Map<String, String> endpoint = Map.of("REPAL_S3_ENDPOINT", "http://minio:topsecret@127.0.0.1:9",
                "REPAL_S3_ACCESS_KEY", "k", "REPAL_S3_SECRET_KEY", "s");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArtifactStores.open("s3://bucket/x", endpoint));
        assertEquals("REPAL_S3_ENDPOINT: 'http://***@127.0.0.1:9' holds credentials; give them through"
                + " REPAL_S3_ACCESS_KEY and REPAL_S3_SECRET_KEY (on a cluster: the Kubernetes Secret), never in the"
                + " location", e.getMessage());
        assertEquals("/tmp/a@b", StoreLocations.redact("/tmp/a@b"));
        assertEquals("--out s3://***@host/b: 'http://***@h:9' at /tmp/a@b", StoreLocations.redactAll(
                "--out s3://KEY:topsecret@host/b: 'http://u:p@h:9' at /tmp/a@b"));
        assertFalse(StoreLocations.hasCredentials("/tmp/a@b"));
    }

    @Test
    void s3WithoutCredentialsSaysWhichVariablesToSet() {
        ArtifactStoreException e = assertThrows(ArtifactStoreException.class,
                () -> ArtifactStores.open("s3://bucket/prefix", Map.of()));
        assertTrue(e.getMessage().contains("REPAL_S3_ACCESS_KEY"), e.getMessage());
    }

    @Test
    void unreachableEndpointIsReportedAsSuch() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Map<String, String> env = Map.of("REPAL_S3_ENDPOINT", "http://127.0.0.1:" + port,
                "AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s", "REPAL_S3_RETRIES", "0");
        ArtifactStoreException e = assertThrows(ArtifactStoreException.class,
                () -> ArtifactStores.open("s3://bucket/prefix", env));
        assertTrue(e.getMessage().contains("cannot reach S3 endpoint"), e.getMessage());
        assertTrue(e.getMessage().contains("s3://bucket/prefix at http://127.0.0.1:" + port), e.getMessage());

        Map<String, String> noCreate = new java.util.HashMap<>(env);
        noCreate.put("REPAL_S3_CREATE_BUCKET", "false");
        try (ArtifactStore store = ArtifactStores.open("s3://bucket/prefix", noCreate)) {
            e = assertThrows(ArtifactStoreException.class, () -> store.get("x"));
            assertTrue(e.getMessage().contains("cannot reach S3 endpoint"), e.getMessage());
        }
    }
}
