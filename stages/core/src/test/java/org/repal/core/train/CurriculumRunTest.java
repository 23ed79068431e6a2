package org.repal.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Activation;
import org.repal.core.model.InitType;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnParameters;
import org.repal.core.model.RnnType;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.store.NpyArray;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;

/** Curricula end to end on quick data: learning, freezing, checkpoints, resume and determinism. */
class CurriculumRunTest {
    private static final Task ANTI_DELAY = Task.ANTI_PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static TrainingConfig small(int hidden, int epochs) {
        RnnConfig m = new RnnConfig(RnnType.LEAKY_RNN, Activation.RELU, 7, hidden, 3, InitType.KAIMING);
        return TrainingConfig.reference(m, 0.003, 16).withEpochs(epochs).withSeed(3);
    }

    private CurriculumRun run(String group, TrainingConfig c, ArtifactStore out) {
        return new CurriculumRun(TaskSet.PDM, Curriculum.parse(TaskSet.PDM, group), c, out, DataType.FLOAT);
    }

    private static Map<String, NpyArray> npz(ArtifactStore s, String key) {
        return s.getNpz(key);
    }

    @Test
    void a64UnitLeakyRnnLearnsTheAntiDelayTask() throws Exception {
        ArtifactStore out = new LocalArtifactStore(dir);
        // The decision-step loss: the reference's all-step loss puts 97 % of its weight on fixation and needs
        // many more epochs (and luck with the seed) to pick up the choice.
        RnnConfig m = new RnnConfig(RnnType.LEAKY_RNN, Activation.RELU, 7, 64, 3, InitType.KAIMING);
        TrainingConfig c = TrainingConfig.reference(m, 0.01, 32).withEpochs(12).withSeed(3)
                .withLossMode(org.repal.core.model.LossMode.DECISION_STEPS).withTarget(0.80);
        CurriculumRun r = run("master", c, out);
        assertEquals(CurriculumRun.Outcome.TRAINED, r.run(t -> QuickData.of(t, 2000), new PhaseTrainer.Listener() { }));
        String p = "master/leaky_rnn_relu_64_0.01_32_kaiming/";
        assertEquals(p, r.prefix());
        JsonNode log = JSON.readTree(out.get(p + "log.json"));
        JsonNode epochs = log.get("epochs");
        JsonNode last = epochs.get(epochs.size() - 1);
        double acc = last.get("accuracy").get(ANTI_DELAY.displayName()).asDouble();
        assertTrue(acc >= 0.80, "decision-step accuracy " + acc + " after " + epochs.size() + " epochs");
        assertTrue(epochs.size() < 12, "the target stops training early");
        assertEquals("complete", log.get("status").asText());
        for (int e = 0; e < epochs.size(); e++) {
            assertEquals("train", epochs.get(e).get("phase").asText());
            assertEquals(e, epochs.get(e).get("epoch").asInt());
            assertTrue(epochs.get(e).get("loss").asDouble() > 0);
            assertTrue(out.exists(p + Checkpoints.key("train", e, "npz")));
            assertTrue(out.exists(p + Checkpoints.key("train", e, "json")));
        }
        Map<String, NpyArray> fin = npz(out, p + "final.npz");
        assertArrayEquals(new int[] {64, 7}, fin.get(RnnParameters.WEIGHT_IH).shape());
        assertArrayEquals(new int[] {64, 64}, fin.get(RnnParameters.WEIGHT_HH).shape());
        assertArrayEquals(new int[] {64}, fin.get(RnnParameters.BIAS).shape());
        assertArrayEquals(new int[] {3, 64}, fin.get(RnnParameters.READOUT).shape());
        assertEquals(CurriculumRun.Outcome.ALREADY_DONE, r.run(t -> QuickData.of(t, 2000), new PhaseTrainer.Listener() { }));
    }

    @Test
    void frozenTrainingChangesOnlyTheInputWeights() {
        ArtifactStore out = new LocalArtifactStore(dir);
        TrainingConfig c = small(16, 1);
        run("pretrain_basic_frozen", c, out).run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });
        String p = "pretrain_basic_frozen/" + c.modelName() + "/";
        Map<String, NpyArray> pre = npz(out, p + "pretrain.npz");
        Map<String, NpyArray> fin = npz(out, p + "final.npz");
        Map<String, NpyArray> init = c.model().initialize(DataType.FLOAT, c.seed()).toArrays();
        for (String name : fin.keySet()) {
            assertNotEquals(init.get(name), pre.get(name), "pretraining trains " + name);
            if (name.equals(RnnParameters.WEIGHT_IH)) {
                assertNotEquals(pre.get(name), fin.get(name));
            } else {
                assertEquals(pre.get(name), fin.get(name), name + " must stay frozen");
            }
        }
        run("master_frozen", c, out).run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });
        Map<String, NpyArray> mf = npz(out, "master_frozen/" + c.modelName() + "/final.npz");
        for (String name : mf.keySet()) {
            assertEquals(name.equals(RnnParameters.WEIGHT_IH), !init.get(name).equals(mf.get(name)), name);
        }
        run("untrained", c, out).run(t -> { throw new AssertionError("untrained reads no data"); },
                new PhaseTrainer.Listener() { });
        assertEquals(init, npz(out, "untrained/" + c.modelName() + "/final.npz"));
        assertTrue(out.list("untrained/" + c.modelName() + "/checkpoints/").isEmpty());
    }

    /** Stops the run like a crash: after {@code epochs} finished epochs, or inside the next one. */
    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void resumingAfterCrashesReachesTheSameWeightsAsOneRun() {
        TrainingConfig c = small(16, 2);
        String p = "pretrain_basic_frozen/" + c.modelName() + "/";
        ArtifactStore a = new LocalArtifactStore(dir.resolve("a"));
        run("pretrain_basic_frozen", c, a).run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });
        ArtifactStore twin = new LocalArtifactStore(dir.resolve("twin"));
        run("pretrain_basic_frozen", c, twin).run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });
        for (String key : a.list(p)) {
            assertArrayEquals(a.get(key), twin.get(key), "same seed, same bytes: " + key);
        }

        ArtifactStore b = new LocalArtifactStore(dir.resolve("b"));
        // 1: crash inside pretrain epoch 1 (after 3 batches).
        assertThrows(Crash.class, () -> run("pretrain_basic_frozen", c, b).run(t -> QuickData.of(t, 200),
                new PhaseTrainer.Listener() {
                    @Override
                    public void batch(String phase, int epoch, int done, int total, double loss) {
                        if (epoch == 1 && done == 3) {
                            throw new Crash();
                        }
                    }
                }));
        // A half-written next checkpoint: an .npz without its JSON, and a JSON whose .npz does not match.
        b.put(p + Checkpoints.key("pretrain", 1, "npz"), new byte[] {1, 2, 3});
        b.put(p + Checkpoints.key("train", 0, "npz"), new byte[] {4});
        byte[] meta = b.get(p + Checkpoints.key("pretrain", 0, "json"));
        b.put(p + Checkpoints.key("train", 0, "json"), new String(meta, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"phase\":\"pretrain\"", "\"phase\":\"train\"").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // 2: crash at the phase boundary (after pretrain's last epoch is saved).
        assertThrows(Crash.class, () -> run("pretrain_basic_frozen", c, b).run(t -> QuickData.of(t, 200),
                new PhaseTrainer.Listener() {
                    @Override
                    public void epoch(EpochRecord r, int epochs, double seconds) {
                        if (r.phase().equals("pretrain") && r.epoch() == 1) {
                            throw new Crash();
                        }
                    }
                }));
        assertFalse(b.exists(p + "final.npz"));
        run("pretrain_basic_frozen", c, b).run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });
        assertArrayEquals(a.get(p + "final.npz"), b.get(p + "final.npz"));
        assertArrayEquals(a.get(p + "pretrain.npz"), b.get(p + "pretrain.npz"));
        assertArrayEquals(a.get(p + "log.json"), b.get(p + "log.json"));
        assertArrayEquals(a.get(p + Checkpoints.key("train", 1, "npz")), b.get(p + Checkpoints.key("train", 1, "npz")));
    }

    @Test
    void aGroupWithTheSamePretrainingAdoptsItAndEndsWithTheBytesItWouldHaveComputed() {
        TrainingConfig c = small(16, 2);
        String frozen = "pretrain_frozen/" + c.modelName() + "/";
        String unfrozen = "pretrain_unfrozen/" + c.modelName() + "/";
        ArtifactStore alone = new LocalArtifactStore(dir.resolve("alone"));
        run("pretrain_unfrozen", c, alone).run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });

        ArtifactStore shared = new LocalArtifactStore(dir.resolve("shared"));
        CurriculumRun donor = run("pretrain_frozen", c, shared);
        CurriculumRun other = run("pretrain_unfrozen", c, shared);
        assertFalse(other.adoptPretraining(donor), "nothing to adopt before the donor has pretrained");
        donor.run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });
        assertFalse(run("master", c, shared).adoptPretraining(donor), "master does not pretrain");
        assertFalse(run("pretrain_basic_frozen", c, shared).adoptPretraining(donor), "other pretraining rules");
        assertFalse(run("pretrain_unfrozen", c.withSeed(4), shared).adoptPretraining(donor), "other seed");
        assertTrue(other.adoptPretraining(donor));
        int[] pretrainBatches = {0};
        other.run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() {
            @Override
            public void batch(String phase, int epoch, int done, int total, double loss) {
                pretrainBatches[0] += phase.equals("pretrain") ? 1 : 0;
            }
        });
        assertEquals(0, pretrainBatches[0], "the adopted pretraining is not computed again");
        for (String key : alone.list(unfrozen)) {
            if (!key.endsWith("run.json")) {
                assertArrayEquals(alone.get(key), shared.get(key), "same bytes as training alone: " + key);
            }
        }
        assertEquals(alone.list(unfrozen), shared.list(unfrozen));
        assertArrayEquals(shared.get(frozen + "pretrain.npz"), shared.get(unfrozen + "pretrain.npz"));
        assertFalse(other.adoptPretraining(donor), "a started run keeps its own state");
    }

    @Test
    void aNanLossStopsNamingEpochAndBatchAndKeepsTheLastGoodCheckpoint() throws Exception {
        ArtifactStore out = new LocalArtifactStore(dir);
        TrainingConfig c = small(16, 3);
        TaskDataset data = QuickData.copy(ANTI_DELAY, 200);
        CurriculumRun r = run("master", c, out);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> r.run(t -> data,
                new PhaseTrainer.Listener() {
                    @Override
                    public void epoch(EpochRecord rec, int epochs, double seconds) {
                        Arrays.fill(data.inputArray(), Float.NaN); // poisons every later batch
                    }
                }));
        assertTrue(e.getMessage().contains("train epoch 1, batch 1 of "), e.getMessage());
        String p = r.prefix();
        assertTrue(out.exists(p + Checkpoints.key("train", 0, "npz")));
        assertFalse(out.exists(p + Checkpoints.key("train", 1, "json")));
        assertFalse(out.exists(p + "final.npz"));
        JsonNode log = JSON.readTree(out.get(p + "log.json"));
        assertEquals("diverged", log.get("status").asText());
        assertEquals(1, log.get("epochs").size());
    }

    @Test
    void badInputIsRejectedWithTheFileOrSetting() {
        ArtifactStore out = new LocalArtifactStore(dir);
        TrainingConfig c = small(8, 1);
        TaskDataset d = QuickData.of(ANTI_DELAY, 200);
        TaskDataset narrow = new TaskDataset(ANTI_DELAY, 2, d.steps(), 5, new float[2 * d.steps() * 5],
                new byte[2 * d.steps()], new boolean[2 * d.steps()], new boolean[] {false, true});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run("master", c, out).run(t -> narrow, new PhaseTrainer.Listener() { }));
        assertEquals("AntiPerceptualDecisionMakingDelayResponse/train/inputs.npy: 5 inputs per step, the model takes 7",
                e.getMessage());
        assertFalse(out.exists("master/" + c.modelName() + "/run.json"), "nothing is written for bad data");
        run("master", c, out).run(t -> d, new PhaseTrainer.Listener() { });
        // The folder now belongs to seed 3: another seed must neither mix into it nor pass for done.
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> run("master", c.withSeed(4), out).run(t -> d, new PhaseTrainer.Listener() { }));
        assertTrue(mixed.getMessage().contains("run.json: this run was started with other settings"), mixed.getMessage());
    }
}
