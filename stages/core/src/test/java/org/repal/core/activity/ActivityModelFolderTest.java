package org.repal.core.activity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Activation;
import org.repal.core.model.InitType;
import org.repal.core.model.ModelParameters;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.store.NpyArray;
import org.repal.core.task.DatasetGenerator;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TaskSetConfig;
import org.repal.core.task.TimingTable;
import org.repal.core.train.Checkpoints;
import org.repal.core.train.Curriculum;
import org.repal.core.train.CurriculumRun;
import org.repal.core.train.PhaseTrainer;
import org.repal.core.train.TaskDataset;
import org.repal.core.train.TrainingConfig;

/** Model folders as the training stages write them: config, snapshots, checkpoints, then recording from them. */
class ActivityModelFolderTest {
    @TempDir
    Path dir;

    /** Short trials (75 steps) in 160-step sequences: a couple of epochs take a second. */
    private static TaskDataset quick(org.repal.core.task.Task task) {
        TaskSetConfig d = TaskSetConfig.defaults();
        TimingTable delay = new TimingTable(List.of(100), List.of(1000), List.of(200), List.of(200));
        TimingTable noDelay = new TimingTable(List.of(100), List.of(1000), List.of(0), List.of(200));
        TaskSetConfig c = new TaskSetConfig(d.dtMs(), d.coherences(), 0.5, noDelay, d.withoutDelayTesting(), delay,
                d.withDelayTesting());
        return TaskDataset.of(new DatasetGenerator(TaskSet.PDM, c, 0, 0.2, 1).training(task, 40, 160, n -> { }));
    }

    private static String train(ArtifactStore out, String group, TrainingConfig c) {
        CurriculumRun run = new CurriculumRun(TaskSet.PDM, Curriculum.parse(TaskSet.PDM, group), c, out, DataType.FLOAT);
        run.run(ActivityModelFolderTest::quick, new PhaseTrainer.Listener() { });
        return c.modelName();
    }

    private static double[] flat(ModelParameters p) {
        return p.flat().toDoubles();
    }

    @Test
    void rnnFolderSnapshotsAndRecording() {
        ArtifactStore models = new LocalArtifactStore(dir.resolve("models"));
        RnnConfig rc = new RnnConfig(RnnType.LEAKY_GRU, Activation.SOFTPLUS, 7, 8, 3, InitType.KAIMING);
        TrainingConfig c = TrainingConfig.reference(rc, 0.01, 16).withEpochs(2).withSeed(7);
        String name = train(models, "master", c);

        ModelFolder f = ModelFolder.open(models, "master", name);
        assertEquals(rc, f.config());
        assertEquals("master/" + name, f.name());
        assertEquals(7, f.seed());
        assertEquals(DataType.FLOAT, f.trainedType());
        assertTrue(f.isFinished());
        assertEquals(List.of(Snapshot.checkpoint("train", 0), Snapshot.checkpoint("train", 1)), f.checkpoints());

        Map<String, NpyArray> fin = models.getNpz("master/" + name + "/final.npz");
        assertEquals(fin, f.load(Snapshot.FINAL, DataType.FLOAT).toArrays());
        assertArrayEquals(flat(f.load(Snapshot.FINAL, DataType.FLOAT)), flat(f.load(Snapshot.FINAL, DataType.DOUBLE)),
                0.0, "float32 weights widen exactly");
        assertArrayEquals(flat(f.load(Snapshot.FINAL, DataType.FLOAT)),
                flat(f.load(Snapshot.checkpoint("train", 1), DataType.FLOAT)), 0.0, "final = last epoch");
        assertFalse(java.util.Arrays.equals(flat(f.load(Snapshot.FINAL, DataType.FLOAT)),
                flat(f.load(Snapshot.checkpoint("train", 0), DataType.FLOAT))));
        // Not written by training: re-derived from run.json's seed and dtype, as CurriculumRun draws them.
        assertEquals(rc.initialize(DataType.FLOAT, 7).toArrays(), f.load(Snapshot.INITIAL, DataType.FLOAT).toArrays());
        assertNotEquals(fin, f.load(Snapshot.INITIAL, DataType.FLOAT).toArrays());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.load(Snapshot.PRETRAINED, DataType.FLOAT));
        assertTrue(e.getMessage().contains("pretrain.npz: missing"), e.getMessage());

        // A checkpoint whose .npz no longer matches its .json does not count.
        String cp = "master/" + name + "/" + Checkpoints.key("train", 0, "npz");
        models.put(cp, models.get("master/" + name + "/final.npz"));
        assertEquals(List.of(Snapshot.checkpoint("train", 1)), f.checkpoints());
        e = assertThrows(IllegalArgumentException.class, () -> f.load(Snapshot.checkpoint("train", 0), DataType.FLOAT));
        assertTrue(e.getMessage().contains("train_epoch_0.npz: no complete checkpoint"), e.getMessage());

        // Recording from the folder, written and read back.
        ArtifactStore data = new LocalArtifactStore(dir.resolve("data"));
        ActivityFixtures.writeTestSplit(data, 6);
        AnalysisTrials trials = AnalysisTrials.load(data, TaskSet.PDM, 200);
        ActivityWindow w = ActivityWindow.of(trials, WindowMode.STIMULUS_AFTER_500MS);
        ActivityArtifacts.Stored s = ActivityRecorder.record(f, Snapshot.FINAL, trials, w, Units.defaultFor(f.config()));
        assertArrayEquals(new int[] {6, 175, 8}, s.activity().shape());
        assertArrayEquals(ActivityRecorder.record(f.load(Snapshot.FINAL, DataType.FLOAT), trials, w, Units.rnnHidden())
                .values(), s.activity().values(), 0.0);
        ArtifactStore act = new LocalArtifactStore(dir.resolve("activity"));
        String key = ActivityArtifacts.key(s.info());
        assertEquals("master/" + name + "/final", key);
        ActivityArtifacts.write(act, key, s.info(), s.activity());
        ActivityArtifacts.Stored back = ActivityArtifacts.read(act, key);
        assertEquals(s.info(), back.info());
        assertArrayEquals(s.activity().values(), back.activity().values(), 0.0);

        e = assertThrows(IllegalArgumentException.class, () -> ModelFolder.open(models, "master", "nope"));
        assertTrue(e.getMessage().contains("master/nope/run.json: missing"), e.getMessage());
    }

    @Test
    void mambaFolderWithPretraining() {
        ArtifactStore models = new LocalArtifactStore(dir);
        TrainingConfig c = TrainingConfig.reference(MambaConfig.of(8, 1), 0.005, 16).withEpochs(1).withSeed(2);
        String name = train(models, "pretrain_basic_frozen", c);
        ModelFolder f = ModelFolder.open(models, "pretrain_basic_frozen", name);
        assertEquals(MambaConfig.of(8, 1), f.config());
        assertEquals(List.of(Snapshot.checkpoint("pretrain", 0), Snapshot.checkpoint("train", 0)), f.checkpoints());
        assertArrayEquals(flat(f.load(Snapshot.PRETRAINED, DataType.FLOAT)),
                flat(f.load(Snapshot.checkpoint("pretrain", 0), DataType.FLOAT)), 0.0);
        assertEquals(c.model().initialize(DataType.FLOAT, 2).toArrays(), f.load(Snapshot.INITIAL, DataType.FLOAT)
                .toArrays());
        assertEquals(Units.mambaSsm(0), Units.defaultFor(f.config()));

        // The untrained group's final weights are its initial ones.
        String u = train(models, "untrained", c);
        ModelFolder untrained = ModelFolder.open(models, "untrained", u);
        assertArrayEquals(flat(untrained.load(Snapshot.INITIAL, DataType.FLOAT)),
                flat(untrained.load(Snapshot.FINAL, DataType.FLOAT)), 0.0);
        assertEquals(List.of(), untrained.checkpoints());
    }

    @Test
    void snapshotNames() {
        for (Snapshot s : List.of(Snapshot.FINAL, Snapshot.INITIAL, Snapshot.PRETRAINED, Snapshot.checkpoint("train", 12),
                Snapshot.checkpoint("pretrain", 0))) {
            assertEquals(s, Snapshot.parse(s.name()));
        }
        assertEquals("train_epoch_12", Snapshot.checkpoint("train", 12).name());
        assertThrows(IllegalArgumentException.class, () -> Snapshot.parse("epoch_3"));
        assertThrows(IllegalArgumentException.class, () -> Snapshot.checkpoint("warmup", 1));
    }
}
