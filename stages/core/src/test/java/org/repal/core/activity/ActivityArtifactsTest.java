package org.repal.core.activity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.model.mamba.MambaParameters;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.store.NpyArray;
import org.repal.core.store.NpyDtype;
import org.repal.core.task.TaskSet;

/** Activity artifacts: .npy plus sidecar, written sidecar-last and read only when they match. */
class ActivityArtifactsTest {
    @TempDir
    Path dir;

    @Test
    void writeReadAndIncompleteArtifacts() throws Exception {
        ArtifactStore data = new LocalArtifactStore(dir.resolve("data"));
        ActivityFixtures.writeTestSplit(data, 3);
        AnalysisTrials trials = AnalysisTrials.load(data, TaskSet.PDM, 3);
        ActivityWindow w = ActivityWindow.of(trials, WindowMode.REFERENCE_COMPAT);
        MambaConfig c = MambaConfig.of(8, 2);
        MambaParameters p = c.initialize(DataType.FLOAT, 4);
        Units units = Units.mambaSsm(1).withReferenceCompatConv();
        Activity a = ActivityRecorder.record(p, trials, w, units);
        ActivityInfo info = ActivityInfo.of("master/mamba_8_2_0.001_32", c, Snapshot.checkpoint("train", 3), units,
                trials, w);
        String key = ActivityArtifacts.key(info);
        assertEquals("master/mamba_8_2_0.001_32/train_epoch_3.mamba_ssm_l1.refconv.reference_compat", key);

        ArtifactStore store = new LocalArtifactStore(dir.resolve("act"));
        ActivityArtifacts.write(store, key, info, a);
        NpyArray npy = store.getNpy(key + ".npy");
        assertEquals(NpyDtype.FLOAT64, npy.dtype());
        assertArrayEquals(new int[] {3, 200, 256}, npy.shape());
        JsonNode meta = new ObjectMapper().readTree(store.get(key + ".json"));
        assertEquals("train_epoch_3", meta.path("snapshot").asText());
        assertEquals("mamba_ssm", meta.path("units").path("kind").asText());
        assertEquals(1, meta.path("units").path("layer").asInt());
        assertTrue(meta.path("units").path("reference_compat_conv").asBoolean());
        assertEquals("reference_compat", meta.path("window").path("mode").asText());
        assertEquals(0, meta.path("window").path("start").asInt());
        assertEquals(200, meta.path("window").path("end").asInt());
        assertEquals(trials.sha256(), meta.path("trials").path("sha256").asText());
        assertEquals(3, meta.path("trials").path("count").asInt());
        assertEquals(store.stat(key + ".npy").orElseThrow().sha256(), meta.path("npy_sha256").asText());

        ActivityArtifacts.Stored back = ActivityArtifacts.read(store, key);
        assertEquals(info, back.info());
        assertArrayEquals(a.values(), back.activity().values(), 0.0);

        // An .npy that no longer matches its sidecar (a writer killed between the two) is not an activity.
        store.putNpy(key + ".npy", new Activity(3, 200, 256, new double[3 * 200 * 256]).toNpy());
        assertTrue(ActivityArtifacts.find(store, key).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ActivityArtifacts.read(store, key));
        assertTrue(e.getMessage().contains(key + ".json: no complete activity"), e.getMessage());
        assertTrue(ActivityArtifacts.find(store, "nothing/here").isEmpty());

        // Shape and finiteness are checked before anything is written.
        assertThrows(IllegalArgumentException.class, () -> ActivityArtifacts.write(store, "x", info,
                new Activity(3, 200, 8, new double[3 * 200 * 8])));
        double[] bad = a.values().clone();
        bad[5] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> ActivityArtifacts.write(store, "y", info,
                new Activity(3, 200, 256, bad)));
        assertTrue(store.list("x").isEmpty() && store.list("y").isEmpty());
    }
}
