package org.repal.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads checked against a manifest's recorded SHA-256, as the stages read their data set. */
class VerifyingArtifactStoreTest {
    @TempDir
    Path tmp;
    LocalArtifactStore store;
    byte[] big;

    @BeforeEach
    void write() {
        store = new LocalArtifactStore(tmp.resolve("data"));
        big = new byte[(1 << 18) + 17];
        new Random(3).nextBytes(big);
        ArtifactInfo a = store.put("T/train/inputs.npy", big);
        ArtifactInfo b = store.put("T/train/trials.json", "{\"records\":[]}\n".getBytes(StandardCharsets.UTF_8));
        store.put("unlisted.txt", "free".getBytes(StandardCharsets.UTF_8));
        String manifest = "{\"format\":\"repal-dataset/1\",\"files\":["
                + "{\"key\":\"" + a.key() + "\",\"size\":" + a.size() + ",\"sha256\":\"" + a.sha256() + "\"},"
                + "{\"key\":\"" + b.key() + "\",\"size\":" + b.size() + ",\"sha256\":\"" + b.sha256() + "\"}]}\n";
        store.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    }

    private void flipByte(String key, int at) throws Exception {
        Path p = store.path(key);
        byte[] b = Files.readAllBytes(p);
        b[at] ^= 0x01;
        Files.write(p, b); // behind the store's back, as a disk error or a stray edit would
    }

    @Test
    void intactArtifactsReadAsWritten() throws Exception {
        ArtifactStore v = VerifyingArtifactStore.ofManifest(store);
        assertTrue(v instanceof VerifyingArtifactStore, "a manifest with files gives a checking view");
        assertEquals(2, ((VerifyingArtifactStore) v).expected().size());
        assertArrayEquals(big, v.get("T/train/inputs.npy"));
        try (InputStream in = v.open("T/train/inputs.npy")) {
            assertArrayEquals(big, in.readAllBytes());
        }
        try (InputStream in = v.open("T/train/inputs.npy")) {
            assertEquals(big[0] & 0xff, in.read()); // a partial read is fine when the rest is intact
        }
    }

    @Test
    void aFlippedByteFailsGetNamingTheFileAndTheManifest() throws Exception {
        flipByte("T/train/inputs.npy", 12345);
        ArtifactStore v = VerifyingArtifactStore.ofManifest(store);
        ArtifactIntegrityException e = assertThrows(ArtifactIntegrityException.class, () -> v.get("T/train/inputs.npy"));
        assertEquals(store.location() + "/T/train/inputs.npy", e.file());
        assertTrue(e.getMessage().startsWith(store.location() + "/T/train/inputs.npy: SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().contains(store.location() + "/manifest.json records SHA-256 "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertThrows(ArtifactIntegrityException.class, () -> v.getNpy("T/train/inputs.npy"));
    }

    @Test
    void aFlippedByteFailsAStreamAtItsEndOrWhenClosedEarly() throws Exception {
        flipByte("T/train/inputs.npy", big.length - 1); // the very last byte: only the end can tell
        ArtifactStore v = VerifyingArtifactStore.ofManifest(store);
        assertThrows(ArtifactIntegrityException.class, () -> {
            try (InputStream in = v.open("T/train/inputs.npy")) {
                in.readAllBytes();
            }
        });
        assertThrows(ArtifactIntegrityException.class, () -> {
            try (InputStream in = v.open("T/train/inputs.npy")) {
                in.read(new byte[10]);
            }
        }, "closing a partly read stream hashes the rest and fails");
    }

    @Test
    void unlistedKeysPassAndWritesDropTheExpectation() {
        ArtifactStore v = VerifyingArtifactStore.ofManifest(store);
        assertArrayEquals("free".getBytes(StandardCharsets.UTF_8), v.get("unlisted.txt"));
        v.put("T/train/trials.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), v.get("T/train/trials.json"));
    }

    @Test
    void withoutAManifestTheStoreIsReadAsItIs() {
        store.delete("manifest.json");
        assertSame(store, VerifyingArtifactStore.ofManifest(store));
        store.put("manifest.json", "{\"format\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertSame(store, VerifyingArtifactStore.ofManifest(store), "a manifest without files checks nothing");
        store.put("manifest.json", "{not json".getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VerifyingArtifactStore.ofManifest(store));
        assertTrue(e.getMessage().startsWith(store.location() + "/manifest.json: not valid JSON"), e.getMessage());
    }

    @Test
    void checksAgainstGivenHashes() {
        VerifyingArtifactStore v = new VerifyingArtifactStore(store, Map.of("unlisted.txt", "00".repeat(32)),
                "the test's list");
        ArtifactIntegrityException e = assertThrows(ArtifactIntegrityException.class, () -> v.get("unlisted.txt"));
        assertTrue(e.getMessage().contains("the test's list records SHA-256 " + "00".repeat(32)), e.getMessage());
        assertEquals(List.of("T/train/inputs.npy", "T/train/trials.json", "manifest.json", "unlisted.txt"),
                v.list(""));
    }
}
