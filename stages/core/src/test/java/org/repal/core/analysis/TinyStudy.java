package org.repal.core.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Activation;
import org.repal.core.model.InitType;
import org.repal.core.model.ModelConfig;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.task.DatasetGenerator;
import org.repal.core.task.Task;
import org.repal.core.task.TaskData;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TaskSetConfig;
import org.repal.core.task.TimingTable;
import org.repal.core.task.TrialsJson;
import org.repal.core.train.Curriculum;
import org.repal.core.train.CurriculumRun;
import org.repal.core.train.PhaseTrainer;
import org.repal.core.train.TaskDataset;
import org.repal.core.train.TrainingConfig;

/**
 * A tiny study trained with the real trainer: PDM data with short trials (training 75 steps, test 100 steps with a
 * 1.5 s stimulus, so the default window keeps 50 steps), an 8-unit leaky RNN in untrained, master and
 * pretrain_frozen, and a copy of its master run as master_frozen (an identical model); a Mamba (D 4, 1 layer) in
 * untrained and master. Every other analysis group is absent. Shared by the analysis stages' tests (core test-jar);
 * {@link #train} adds runs of other groups or lengths.
 */
public final class TinyStudy {
    public static final String RNN = "leaky_rnn_relu_8_0.01_16_kaiming";
    public static final String MAMBA = "mamba_4_1_0.01_16";
    public static final int TEST_TRIALS = 24;

    public final Path data;
    public final Path models;

    private TinyStudy(Path data, Path models) {
        this.data = data;
        this.models = models;
    }

    public static TaskSetConfig config() {
        TaskSetConfig d = TaskSetConfig.defaults();
        TimingTable delay = new TimingTable(List.of(100), List.of(1000), List.of(200), List.of(200));
        TimingTable noDelay = new TimingTable(List.of(100), List.of(1000), List.of(0), List.of(200));
        TimingTable delayTest = new TimingTable(List.of(100), List.of(1500), List.of(200), List.of(200));
        TimingTable noDelayTest = new TimingTable(List.of(100), List.of(1500), List.of(0), List.of(200));
        return new TaskSetConfig(d.dtMs(), d.coherences(), 0.5, noDelay, noDelayTest, delay, delayTest);
    }

    public static TinyStudy build(Path dir) {
        TinyStudy s = new TinyStudy(dir.resolve("data"), dir.resolve("models"));
        DatasetGenerator gen = new DatasetGenerator(TaskSet.PDM, config(), 0, 0.2, 1);
        try (ArtifactStore data = new LocalArtifactStore(s.data);
             ArtifactStore models = new LocalArtifactStore(s.models)) {
            for (Task t : TaskSet.PDM.tasks()) {
                write(data, gen.training(t, 40, 160, n -> { }), "train");
            }
            Task analysis = TaskSet.PDM.tasks().get(TaskSet.PDM.tasks().size() - 1);
            write(data, gen.testing(analysis, TEST_TRIALS, n -> { }), "test");
            RnnConfig rnn = rnn();
            for (String g : List.of("untrained", "master", "pretrain_frozen")) {
                train(data, models, g, TrainingConfig.reference(rnn, 0.01, 16).withEpochs(2).withSeed(3));
            }
            copy(models, "master/" + RNN + "/", "master_frozen/" + RNN + "/");
            MambaConfig mamba = mamba();
            for (String g : List.of("untrained", "master")) {
                train(data, models, g, TrainingConfig.reference(mamba, 0.01, 16).withEpochs(1).withSeed(3));
            }
        }
        return s;
    }

    /** The study's 8-unit RNN config. */
    public static RnnConfig rnn() {
        return new RnnConfig(RnnType.LEAKY_RNN, Activation.RELU, 7, 8, 3, InitType.KAIMING);
    }

    /** The study's Mamba config (D 4, 1 layer). */
    public static MambaConfig mamba() {
        return new MambaConfig(7, 4, 1, 3);
    }

    /** Trains one more run into the study's models (e.g. another group, or another number of epochs). */
    public void train(String group, TrainingConfig c) {
        try (ArtifactStore d = new LocalArtifactStore(data); ArtifactStore m = new LocalArtifactStore(models)) {
            train(d, m, group, c);
        }
    }

    private static void train(ArtifactStore data, ArtifactStore models, String group, TrainingConfig c) {
        ModelConfig m = c.model();
        new CurriculumRun(TaskSet.PDM, Curriculum.parse(TaskSet.PDM, group), c, models, DataType.FLOAT)
                .run(t -> TaskDataset.load(data, t), new PhaseTrainer.Listener() { });
        if (!models.exists(group + "/" + c.modelName() + "/final.npz")) {
            throw new IllegalStateException("training " + m + " in " + group + " wrote no final.npz");
        }
    }

    private static void copy(ArtifactStore s, String from, String to) {
        for (String key : s.list(from)) {
            s.put(to + key.substring(from.length()), s.get(key));
        }
    }

    private static void write(ArtifactStore store, TaskData d, String split) {
        String dir = d.task().displayName() + "/" + split + "/";
        store.putNpy(dir + "inputs.npy", d.inputsArray());
        store.putNpy(dir + "targets.npy", d.targetsArray());
        store.putNpy(dir + "masks.npy", d.masksArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TrialsJson.write(d, TaskSetConfig.defaults().dtMs(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.put(dir + "trials.json", out.toByteArray());
    }
}
