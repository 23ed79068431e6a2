package org.repal.stages.trainrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.cli.StageCli;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.store.NpyArray;
import org.repal.core.task.DatasetGenerator;
import org.repal.core.task.Task;
import org.repal.core.task.TaskData;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TaskSetConfig;
import org.repal.core.task.TrialsJson;

/** The command-line contract of {@code repal train-rnn}: outputs, skipping, and exit 2 on bad input. */
class TrainRnnCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path data;

    /** 60 sequences of each PDM task, written as repal generate lays them out. */
    @BeforeAll
    static void writeData() throws Exception {
        data = shared.resolve("data");
        writeDataset(data, 7);
    }

    static void writeDataset(Path dir, int expectInputs) throws Exception {
        LocalArtifactStore store = new LocalArtifactStore(dir);
        DatasetGenerator gen = new DatasetGenerator(TaskSet.PDM, TaskSetConfig.defaults(), 0, 0.2, 1);
        for (Task t : TaskSet.PDM.tasks()) {
            TaskData d = gen.training(t, 60, 400, n -> { });
            String p = t.displayName() + "/train/";
            store.putNpy(p + "inputs.npy", expectInputs == 7 ? d.inputsArray()
                    : NpyArray.ofFloats(new float[60 * 400 * expectInputs], 60, 400, expectInputs));
            store.putNpy(p + "targets.npy", d.targetsArray());
            store.putNpy(p + "masks.npy", d.masksArray());
            ByteArrayOutputStream trials = new ByteArrayOutputStream();
            TrialsJson.write(d, 20, trials);
            store.put(p + "trials.json", trials.toByteArray());
        }
    }

    record Result(int code, String out, String err) {
    }

    /** Runs the command in-process with the stage main's handlers (StageCli). */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StageCli.run(new TrainRnnCommand(Map.of()), new PrintWriter(out, true), new PrintWriter(err, true),
                args);
        return new Result(code, out.toString(), err.toString());
    }

    static List<String> args(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("--data", data.toString(), "--taskset", "PDM", "--group", "master",
                "--rnn-type", "leaky_rnn", "--activation", "relu", "--hidden", "8", "--lr", "0.001", "--batch-size",
                "16", "--epochs", "1", "--out", out.toString(), "--no-progress"));
        for (int i = 0; i < extra.length; i += 2) {
            int at = a.indexOf(extra[i]);
            if (at >= 0) {
                a.set(at + 1, extra[i + 1]);
            } else {
                a.add(extra[i]);
                if (i + 1 < extra.length && !extra[i + 1].isEmpty()) {
                    a.add(extra[i + 1]);
                }
            }
        }
        return a;
    }

    @Test
    void trainsTheContractLayoutAndSkipsFinishedRuns(@TempDir Path out) throws Exception {
        Result r = run(args(out, "--group", "pretrain_anti_frozen,untrained", "--rnn-type", "leaky_rnn,leaky_gru",
                "--epochs", "2").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode summary = JSON.readTree(r.out());
        assertEquals(4, summary.get("runs").size());
        for (String model : List.of("leaky_rnn_relu_8_0.001_16_kaiming", "leaky_gru_relu_8_0.001_16_kaiming")) {
            Path run = out.resolve("pretrain_anti_frozen").resolve(model);
            assertTrue(Files.isRegularFile(run.resolve("final.npz")));
            for (String ckpt : List.of("pretrain_epoch_0", "pretrain_epoch_1", "train_epoch_0", "train_epoch_1")) {
                assertTrue(Files.isRegularFile(run.resolve("checkpoints/" + ckpt + ".npz")), ckpt);
            }
            JsonNode log = JSON.readTree(run.resolve("log.json").toFile());
            JsonNode epochs = log.get("epochs");
            assertEquals(4, epochs.size());
            assertEquals("pretrain", epochs.get(0).get("phase").asText());
            assertEquals(1, epochs.get(1).get("epoch").asInt());
            assertEquals("train", epochs.get(2).get("phase").asText());
            assertTrue(epochs.get(0).get("accuracy").has("AntiPerceptualDecisionMaking"));
            assertTrue(epochs.get(3).get("accuracy").has("AntiPerceptualDecisionMakingDelayResponse"));
            assertTrue(epochs.get(3).get("loss").isNumber());
            assertTrue(Files.isRegularFile(out.resolve("untrained").resolve(model).resolve("final.npz")));
        }
        Result again = run(args(out, "--group", "untrained").toArray(String[]::new));
        assertEquals(0, again.code(), again.err());
        assertEquals("already_done", JSON.readTree(again.out()).get("runs").get(0).get("status").asText());
        // A fan-out chunk: config 1 of the 2 in every group.
        Result chunk = run(args(shared.resolve("chunk"), "--group", "pretrain_anti_frozen,untrained", "--rnn-type",
                "leaky_rnn,leaky_gru", "--chunk", "1/2").toArray(String[]::new));
        assertEquals(0, chunk.code(), chunk.err());
        JsonNode runs = JSON.readTree(chunk.out()).get("runs");
        assertEquals(2, runs.size());
        assertEquals("leaky_gru_relu_8_0.001_16_kaiming", runs.get(0).get("model").asText());
        assertEquals("untrained", runs.get(1).get("group").asText());
    }

    @Test
    void badInputExitsWithTwoAndOneLineNamingIt(@TempDir Path out) throws Exception {
        String[][] cases = {
            {"--rnn-type", "lstm", "--rnn-type: unknown rnn type 'lstm'"},
            {"--activation", "elu", "--activation: unknown activation 'elu'"},
            {"--init", "he", "--init: unknown init type 'he'"},
            {"--group", "pretrain_everything", "--group: unknown group 'pretrain_everything'"},
            {"--taskset", "XYZ", "--taskset: unknown task set 'XYZ'"},
            {"--hidden", "0", "--hidden must be positive, got 0"},
            {"--lr", "-0.1", "--lr must be a positive number, got -0.1"},
            {"--lr", "abc", "--lr"},
            {"--batch-size", "0", "--batch-size must be positive, got 0"},
            {"--epochs", "0", "--epochs must be positive, got 0"},
            {"--loss", "masked", "--loss: unknown loss mode 'masked'"},
            {"--data", shared.resolve("nothing").toString(),
                "nothing: no such folder (generate the data set with repal generate)"},
        };
        for (String[] c : cases) {
            Result r = run(args(out, c[0], c[1]).toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", c) + " → " + r.err());
            assertTrue(r.err().contains(c[2]), r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertEquals("", r.out());
        }
        Path narrow = shared.resolve("narrow");
        writeDataset(narrow, 5);
        Result r = run(args(out, "--data", narrow.toString()).toArray(String[]::new));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("AntiPerceptualDecisionMakingDelayResponse/train/inputs.npy: 5 inputs per step,"
                + " the model takes 7"), r.err());
        assertFalse(Files.exists(out.resolve("master")), "nothing is written for bad data");
    }

    @Test
    void aDivergingRunExitsWithTwoNamingEpochAndBatch(@TempDir Path out) throws Exception {
        Result r = run(args(out, "--lr", "1e30").toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().matches("(?s).*master/leaky_rnn_relu_8_1e\\+30_16_kaiming: loss is (NaN|Infinity) in train "
                + "epoch 0, batch \\d+ of \\d+ .*"), r.err());
        assertEquals("diverged", JSON.readTree(r.out()).get("runs").get(0).get("status").asText());
        assertFalse(Files.exists(out.resolve("master/leaky_rnn_relu_8_1e+30_16_kaiming/final.npz")));
    }
}
