package org.repal.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalArtifactStoreTest {
    @TempDir
    Path tmp;
    Path root;
    LocalArtifactStore store;

    @BeforeEach
    void open() {
        root = tmp.resolve("store");
        store = new LocalArtifactStore(root);
    }

    /** Computed independently of the Sha256 class under test. */
    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Every regular file under the root, including the hidden ones list() leaves out. */
    private List<String> allFiles() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void putGetListOverwriteAndStat() throws Exception {
        ArtifactInfo info = store.put("runs/1/a.txt", bytes("hello"));
        assertEquals(new ArtifactInfo("runs/1/a.txt", 5, sha256(bytes("hello"))), info);
        store.put("runs/2/b.txt", bytes("b"));
        store.put("top.txt", bytes("t"));
        assertArrayEquals(bytes("hello"), store.get("runs/1/a.txt"));
        assertEquals(List.of("runs/1/a.txt", "runs/2/b.txt", "top.txt"), store.list(""));
        assertEquals(List.of("runs/1/a.txt", "runs/2/b.txt"), store.list("runs/"));
        assertEquals(List.of("runs/2/b.txt"), store.list("runs/2"));
        assertEquals(List.of(), store.list("nothing/here"));

        store.put("runs/1/a.txt", bytes("replaced content"));
        assertArrayEquals(bytes("replaced content"), store.get("runs/1/a.txt"));
        assertEquals(new ArtifactInfo("runs/1/a.txt", 16, sha256(bytes("replaced content"))),
                store.stat("runs/1/a.txt").orElseThrow());
        try (InputStream in = store.open("top.txt")) {
            assertArrayEquals(bytes("t"), in.readAllBytes());
        }
        assertTrue(store.exists("top.txt"));
        assertFalse(store.exists("runs"));
        assertEquals(root.toRealPath().toString(), store.location());
        // sidecars and no temp files: list() must not show them
        assertTrue(allFiles().stream().anyMatch(f -> f.startsWith(LocalArtifactStore.META_DIR)));
        assertTrue(allFiles().stream().noneMatch(f -> f.contains(".tmp-")));
    }

    @Test
    void missingKeys() {
        ArtifactNotFoundException e = assertThrows(ArtifactNotFoundException.class, () -> store.get("no/such.npy"));
        assertTrue(e.getMessage().contains("'no/such.npy'"), e.getMessage());
        assertEquals("no/such.npy", e.key());
        assertThrows(ArtifactNotFoundException.class, () -> store.open("no/such.npy"));
        assertThrows(ArtifactNotFoundException.class, () -> store.getNpy("no/such.npy"));
        assertTrue(store.stat("no/such.npy").isEmpty());
        assertFalse(store.exists("no/such.npy"));
        store.delete("no/such.npy"); // no-op
    }

    @Test
    void deleteRemovesDataAndRecordAndFreesTheName() throws Exception {
        store.put("a/b", bytes("x"));
        store.delete("a/b");
        assertFalse(store.exists("a/b"));
        assertEquals(List.of(), allFiles());
        store.put("a", bytes("now a file"));
        assertEquals(sha256(bytes("now a file")), store.stat("a").orElseThrow().sha256());
        store.delete("a");
        store.put("a/c", bytes("a folder again"));
        assertEquals(List.of("a/c"), store.list(""));
        assertEquals(sha256(bytes("a folder again")), store.stat("a/c").orElseThrow().sha256());
    }

    @Test
    void streamsFilesAndRehashesWhenChangedBehindItsBack() throws Exception {
        byte[] big = new byte[3 << 20];
        new Random(1).nextBytes(big);
        Path src = tmp.resolve("src.bin");
        Files.write(src, big);
        assertEquals(sha256(big), store.put("big.bin", src).sha256());
        assertArrayEquals(big, store.get("big.bin"));

        byte[] other = big.clone();
        other[0] ^= 1; // same size, different content
        Files.write(store.path("big.bin"), other);
        Files.setLastModifiedTime(store.path("big.bin"), FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals(sha256(other), store.stat("big.bin").orElseThrow().sha256());
    }

    @Test
    void usesTheRecordsOfAStoreOpenedOnASubfolderAndStillSeesChanges() throws Exception {
        byte[] data = new byte[1 << 16];
        new Random(2).nextBytes(data);
        try (LocalArtifactStore sub = new LocalArtifactStore(root.resolve("data"))) {
            sub.put("X/train/inputs.npy", data); // a stage writing into <root>/data
        }
        // The sub-store's record is the one stat finds: a wrong value planted there is what comes back.
        Path nested = root.resolve("data/.repal-meta/sha256/X/train/inputs.npy");
        String planted = "ab".repeat(32);
        Files.writeString(nested, planted + " " + data.length + "\n");
        assertEquals(planted, store.stat("data/X/train/inputs.npy").orElseThrow().sha256(),
                "stat took the sub-store's record instead of hashing the file again");

        // A changed file is newer than every record: stat hashes it again and records the new hash.
        store.delete("data/X/train/inputs.npy");
        try (LocalArtifactStore sub = new LocalArtifactStore(root.resolve("data"))) {
            sub.put("X/train/inputs.npy", data);
        }
        assertEquals(sha256(data), store.stat("data/X/train/inputs.npy").orElseThrow().sha256());
        byte[] flipped = data.clone();
        flipped[100] ^= 0x20;
        Files.write(store.path("data/X/train/inputs.npy"), flipped);
        Files.setLastModifiedTime(store.path("data/X/train/inputs.npy"), FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals(sha256(flipped), store.stat("data/X/train/inputs.npy").orElseThrow().sha256());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "a//b", "", ".repal-meta/sha256/x", "..\\x"})
    void rejectsEscapingAndReservedKeys(String key) {
        assertThrows(IllegalArgumentException.class, () -> store.put(key, bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.get(key));
        assertThrows(IllegalArgumentException.class, () -> store.delete(key));
    }

    @Test
    void symlinksMayNotLeadOutsideTheRoot() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s");
        Files.createSymbolicLink(root.resolve("evil"), outside);
        ArtifactStoreException e = assertThrows(ArtifactStoreException.class, () -> store.put("evil/x", bytes("x")));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertThrows(ArtifactStoreException.class, () -> store.get("evil/secret"));
        assertFalse(Files.exists(outside.resolve("x")));
        assertEquals(List.of(), store.list(""));

        Files.createDirectories(root.resolve("inside"));
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("inside"));
        store.put("alias/ok", bytes("fine"));
        assertArrayEquals(bytes("fine"), store.get("inside/ok"));
    }

    @Test
    void failedWriteLeavesNoFileAndNoTempAndKeepsThePreviousVersion() throws Exception {
        InputStream failing = new InputStream() {
            int served;

            @Override
            public int read() throws IOException {
                if (served++ >= 100_000) {
                    throw new IOException("disk unplugged");
                }
                return 7;
            }
        };
        ArtifactStoreException e = assertThrows(ArtifactStoreException.class, () -> store.put("d/new.bin", failing));
        assertTrue(e.getMessage().contains("d/new.bin") && e.getMessage().contains("disk unplugged"), e.getMessage());
        assertFalse(store.exists("d/new.bin"));
        assertEquals(List.of(), allFiles());

        store.put("d/kept.bin", bytes("version 1"));
        InputStream failingAgain = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("broken pipe");
            }
        };
        assertThrows(ArtifactStoreException.class, () -> store.put("d/kept.bin", failingAgain));
        assertArrayEquals(bytes("version 1"), store.get("d/kept.bin"));
        assertEquals(sha256(bytes("version 1")), store.stat("d/kept.bin").orElseThrow().sha256());
        assertTrue(allFiles().stream().noneMatch(f -> f.contains(".tmp-")), allFiles().toString());
    }

    @Test
    void npyAndJsonHelpers() {
        NpyArray a = NpyTestArrays.of(NpyDtype.FLOAT32, 3, 4);
        store.putNpy("x/a.npy", a);
        assertEquals(a, store.getNpy("x/a.npy"));
        store.putNpz("x/all.npz", Map.of("a", a));
        assertEquals(Map.of("a", a), store.getNpz("x/all.npz"));
        store.putJson("x/meta.json", Map.of("b", 2, "a", List.of(1, 2)));
        assertEquals("{\n  \"a\" : [ 1, 2 ],\n  \"b\" : 2\n}", new String(store.get("x/meta.json"), StandardCharsets.UTF_8));
        assertEquals(Map.of("b", 2, "a", List.of(1, 2)), store.getJson("x/meta.json", Map.class));

        store.put("x/bad.npy", bytes("not numpy"));
        ArtifactStoreException e = assertThrows(ArtifactStoreException.class, () -> store.getNpy("x/bad.npy"));
        assertTrue(e.getMessage().contains("x/bad.npy: not a NumPy .npy file"), e.getMessage());
    }

    @Test
    void writingOverAFolderFails() {
        store.put("dir/child", bytes("c"));
        ArtifactStoreException e = assertThrows(ArtifactStoreException.class, () -> store.put("dir", bytes("x")));
        assertTrue(e.getMessage().contains("folder"), e.getMessage());
        assertThrows(ArtifactNotFoundException.class, () -> store.get("dir"));
    }
}
