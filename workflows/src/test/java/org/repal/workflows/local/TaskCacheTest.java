package org.repal.workflows.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.ArtifactIntegrityException;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.store.Sha256;
import org.repal.workflows.plan.PlanTask;

/** Markers that cover every file of a task's output folders, and what a changed file does to the cache decision. */
class TaskCacheTest {
    @TempDir
    Path dir;
    LocalArtifactStore store;
    TaskCache cache;

    /** Writes {@code data/manifest.json} (its declared output) and the files beside it, like generate. */
    private final PlanTask producer = new PlanTask("make", "generate", List.of("generate"), List.of(), List.of(),
            List.of("data/manifest.json"), null);
    private final PlanTask consumer = new PlanTask("use", "train-rnn", List.of("train-rnn"), List.of("make"),
            List.of("data/manifest.json"), List.of("models/m/final.npz"), null);

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void produce() {
        store = new LocalArtifactStore(dir.resolve("store"));
        cache = new TaskCache(store);
        store.put("data/T/train/inputs.npy", text("inputs"));
        store.put("data/T/test/inputs.npy", text("test inputs"));
        store.put("data/manifest.json", text("{}"));
        store.put("data/.tmp-staging/left/over.npy", text("a killed run's staging")); // hidden: not an artifact
        cache.complete(producer, cache.key(producer));
    }

    /** Changes a file behind the store's back, its modification time moved on as a write would. */
    private void tamper(String key) throws Exception {
        Path p = store.path(key);
        byte[] b = Files.readAllBytes(p);
        b[0] ^= 0x01;
        Files.write(p, b);
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().plusSeconds(5)));
    }

    @Test
    void theMarkerListsEveryFileOfTheOutputFolderWithItsHash() {
        TaskCache.Marker m = cache.marker(producer).orElseThrow();
        assertEquals(List.of("data/T/test/inputs.npy", "data/T/train/inputs.npy", "data/manifest.json"),
                List.copyOf(m.outputs().keySet()));
        assertEquals(Sha256.of(text("inputs")), m.outputs().get("data/T/train/inputs.npy"));
        assertTrue(cache.check(producer).done());
    }

    @Test
    void aChangedFileTheTaskDidNotDeclareMakesItRunAgainFromAnEmptyFolder() throws Exception {
        tamper("data/T/train/inputs.npy");
        assertFalse(cache.isDone(producer, cache.key(producer)));
        assertFalse(cache.check(producer).done());
        assertEquals(List.of(), store.list("data/").stream().filter(k -> !k.contains("/.")).toList(),
                "the output folder is emptied so the stage writes it afresh");
        assertTrue(cache.marker(producer).isEmpty());
    }

    @Test
    void aMissingFileMakesItRunAgain() {
        store.delete("data/T/test/inputs.npy");
        assertFalse(cache.check(producer).done());
    }

    @Test
    void aDependentTaskRefusesADamagedInputNamingIt() throws Exception {
        cache.verifyInputs(consumer); // intact: nothing to say
        tamper("data/T/test/inputs.npy");
        ArtifactIntegrityException e = assertThrows(ArtifactIntegrityException.class, () -> cache.verifyInputs(consumer));
        assertEquals(store.location() + "/data/T/test/inputs.npy", e.file());
        assertTrue(e.getMessage().contains("the marker of task make (.repal/tasks/make.json) records SHA-256 "
                + Sha256.of(text("test inputs"))), e.getMessage());
    }

    @Test
    void anEarlierMarkerThatListsOnlyTheDeclaredOutputsStillCounts() {
        store.putJson(TaskCache.markerKey(producer), new TaskCache.Marker("make", cache.key(producer),
                java.util.Map.of("data/manifest.json", Sha256.of(text("{}"))), null, null));
        assertTrue(cache.check(producer).done());
    }
}
