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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.LossMode;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.model.mamba.MambaLayout;
import org.repal.core.model.mamba.MambaModel;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.store.NpyArray;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;

/** Mamba through the shared trainer: names, learning, freezing, determinism and resume. */
class MambaTrainingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static TrainingConfig small(int epochs) {
        return TrainingConfig.reference(MambaConfig.of(8, 1), 0.005, 16).withEpochs(epochs).withSeed(3);
    }

    private static CurriculumRun run(String group, TrainingConfig c, ArtifactStore out) {
        return new CurriculumRun(TaskSet.PDM, Curriculum.parse(TaskSet.PDM, group), c, out, DataType.FLOAT);
    }

    @Test
    void modelNamesFollowTheReference() {
        assertEquals("mamba_16_2_0.001_32", TrainingConfig.reference(MambaConfig.of(16, 2), 0.001, 32).modelName());
        assertEquals("mamba_8_1_0.0005_128", TrainingConfig.reference(MambaConfig.of(8, 1), 0.0005, 128).modelName());
    }

    @Test
    void aD16L1MambaLearnsPerceptualDecisionMaking() {
        // The reference reached 0.83 after 3 epochs of 1600 sequences (lr 0.005, batch 32); here the quick data's
        // short trials (160 steps), the same loss over all steps.
        Task pdm = Task.PERCEPTUAL_DECISION_MAKING;
        TrainingConfig c = TrainingConfig.reference(MambaConfig.of(16, 1), 0.005, 32).withEpochs(3).withSeed(1);
        TaskDataset data = QuickData.of(pdm, 2000);
        TrainingStep step = new TrainingStep(c.model(), DataType.FLOAT, c.seed(), c.lr(), LossMode.ALL_STEPS, false);
        List<EpochRecord> log = new ArrayList<>();
        PhaseTrainer trainer = new PhaseTrainer(c, Map.of(pdm, data), new PhaseTrainer.Listener() { });
        EpochRecord before = trainer.evaluate("pretrain", -1, List.of(pdm), step.model(), Double.NaN);
        long t0 = System.nanoTime();
        trainer.run("pretrain", List.of(pdm), step, 0, log, new Checkpoints(new LocalArtifactStore(dir), "m/"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double acc = log.get(log.size() - 1).accuracy().get(pdm.displayName());
        System.out.printf("Mamba D16 L1 on PDM: accuracy %.3f → %s in %.1f s%n", before.accuracy().get(pdm.displayName()),
                log.stream().map(r -> String.format("%.3f", r.accuracy().get(pdm.displayName()))).toList(), seconds);
        assertTrue(acc >= 0.75, "validation decision accuracy " + acc + " after 3 epochs");
        assertTrue(log.get(2).loss() < log.get(0).loss(), "the training loss falls");
    }

    @Test
    void frozenTrainingChangesOnlyTheEmbedding() throws Exception {
        ArtifactStore out = new LocalArtifactStore(dir);
        TrainingConfig c = small(1);
        run("pretrain_basic_frozen", c, out).run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });
        String p = "pretrain_basic_frozen/mamba_8_1_0.005_16/";
        JsonNode settings = JSON.readTree(out.get(p + "run.json"));
        assertEquals("mamba", settings.get("architecture").asText());
        assertEquals(8, settings.get("d_model").asInt());
        Map<String, NpyArray> init = c.model().initialize(DataType.FLOAT, c.seed()).toArrays();
        Map<String, NpyArray> pre = out.getNpz(p + "pretrain.npz");
        Map<String, NpyArray> fin = out.getNpz(p + "final.npz");
        assertEquals(init.keySet(), fin.keySet());
        for (String name : fin.keySet()) {
            assertNotEquals(init.get(name), pre.get(name), "pretraining trains " + name);
            boolean embedding = name.equals(MambaLayout.EMBEDDING_WEIGHT) || name.equals(MambaLayout.EMBEDDING_BIAS);
            assertEquals(embedding, !pre.get(name).equals(fin.get(name)), name + (embedding ? " must train" : " must stay frozen"));
        }
    }

    /** Stops a run like a crash. */
    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void sameSeedSameBytesAndResumingReachesThem() {
        TrainingConfig c = small(2);
        String p = "pretrain_basic_frozen/" + c.modelName() + "/";
        ArtifactStore a = new LocalArtifactStore(dir.resolve("a"));
        run("pretrain_basic_frozen", c, a).run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });
        ArtifactStore twin = new LocalArtifactStore(dir.resolve("twin"));
        run("pretrain_basic_frozen", c, twin).run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });
        List<String> keys = a.list(p);
        assertTrue(keys.contains(p + Checkpoints.key("train", 1, "npz")), keys.toString());
        for (String key : keys) {
            assertArrayEquals(a.get(key), twin.get(key), "same seed, same bytes: " + key);
        }
        ArtifactStore other = new LocalArtifactStore(dir.resolve("other"));
        run("pretrain_basic_frozen", c.withSeed(4), other).run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });
        assertFalse(java.util.Arrays.equals(a.get(p + "final.npz"), other.get(p + "final.npz")), "another seed differs");

        ArtifactStore b = new LocalArtifactStore(dir.resolve("b"));
        assertThrows(Crash.class, () -> run("pretrain_basic_frozen", c, b).run(t -> QuickData.of(t, 200),
                new PhaseTrainer.Listener() {
                    @Override
                    public void batch(String phase, int epoch, int done, int total, double loss) {
                        if (phase.equals("pretrain") && epoch == 1 && done == 2) {
                            throw new Crash();
                        }
                    }
                }));
        assertThrows(Crash.class, () -> run("pretrain_basic_frozen", c, b).run(t -> QuickData.of(t, 200),
                new PhaseTrainer.Listener() {
                    @Override
                    public void batch(String phase, int epoch, int done, int total, double loss) {
                        if (phase.equals("train") && epoch == 1 && done == 1) {
                            throw new Crash();
                        }
                    }
                }));
        assertFalse(b.exists(p + "final.npz"));
        run("pretrain_basic_frozen", c, b).run(t -> QuickData.of(t, 200), new PhaseTrainer.Listener() { });
        for (String key : keys) {
            assertArrayEquals(a.get(key), b.get(key), "resumed run, same bytes: " + key);
        }
    }

    @Test
    void theModelTrainsThroughTheGenericStep() {
        TrainingStep step = new TrainingStep(MambaConfig.of(8, 1), DataType.FLOAT, 0, 0.01, LossMode.ALL_STEPS, false);
        assertTrue(step.model() instanceof MambaModel);
        assertEquals(step.model().parameters().flat().size(), step.adam().count());
        TrainingStep frozen = new TrainingStep(MambaConfig.of(8, 1), DataType.FLOAT, 0, 0.01, LossMode.ALL_STEPS, true);
        assertEquals(8 * 7 + 8, frozen.adam().count(), "frozen: the embedding's weight and bias");
    }
}
