package org.repal.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
