package org.repal.stages.trainmamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.repal.core.store.Npz;
import org.repal.core.task.DatasetGenerator;
import org.repal.core.task.Task;
import org.repal.core.task.TaskData;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TaskSetConfig;
import org.repal.core.task.TrialsJson;

/** The command-line contract of {@code repal train-mamba}: outputs, skipping, and exit 2 on bad input. */
class TrainMambaCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path data;

    /** 40 sequences of each PDM task of 400 steps, as repal generate lays them out. */
    @BeforeAll
    static void writeData() throws Exception {
        data = shared.resolve("data");
        LocalArtifactStore store = new LocalArtifactStore(data);
        DatasetGenerator gen = new DatasetGenerator(TaskSet.PDM, TaskSetConfig.defaults(), 0, 0.2, 1);
        for (Task t : TaskSet.PDM.tasks()) {
            TaskData d = gen.training(t, 40, 400, n -> { });
            String p = t.displayName() + "/train/";
            store.putNpy(p + "inputs.npy", d.inputsArray());
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
    static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StageCli.run(new TrainMambaCommand(Map.of()), new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    static List<String> args(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("--data", data.toString(), "--taskset", "PDM", "--group", "master",
                "--d-model", "8", "--n-layers", "1", "--lr", "0.005", "--batch-size", "16", "--epochs", "1",
                "--out", out.toString(), "--no-progress"));
        for (int i = 0; i < extra.length; i += 2) {
            a.set(a.indexOf(extra[i]) + 1, extra[i + 1]);
        }
        return a;
    }

    @Test
    void trainsTheContractLayoutAndSkipsFinishedRuns(@TempDir Path out) throws Exception {
        Result r = run(args(out, "--group", "pretrain_anti_frozen,untrained", "--n-layers", "1,2"));
        assertEquals(0, r.code(), r.err());
        JsonNode runs = JSON.readTree(r.out()).get("runs");
        assertEquals(4, runs.size());
        assertEquals("mamba_8_2_0.005_16", runs.get(1).get("model").asText());
        Path run = out.resolve("pretrain_anti_frozen/mamba_8_2_0.005_16");
        for (String ckpt : List.of("pretrain_epoch_0", "train_epoch_0")) {
            assertTrue(Files.isRegularFile(run.resolve("checkpoints/" + ckpt + ".npz")), ckpt);
        }
        var fin = Npz.read(run.resolve("final.npz"));
        assertArrayEquals(new int[] {16, 1, 4}, fin.get("mamba.layers.1.mixer.conv1d.weight").shape());
        assertArrayEquals(new int[] {3, 8}, fin.get("lm_head.weight").shape());
        JsonNode log = JSON.readTree(run.resolve("log.json").toFile());
        assertEquals("mamba", log.get("architecture").asText());
        assertEquals(2, log.get("n_layers").asInt());
        assertEquals(2, log.get("epochs").size());
        assertTrue(Files.isRegularFile(out.resolve("untrained/mamba_8_1_0.005_16/final.npz")));
        Result again = run(args(out, "--group", "untrained"));
        assertEquals(0, again.code(), again.err());
        assertEquals("already_done", JSON.readTree(again.out()).get("runs").get(0).get("status").asText());
    }

    @Test
    void badInputExitsWithTwoAndOneLineNamingIt(@TempDir Path out) {
        String[][] cases = {
            {"--d-model", "0", "--d-model must be positive, got 0"},
            {"--n-layers", "0", "--n-layers must be positive, got 0"},
            {"--group", "pretrain_everything", "--group: unknown group 'pretrain_everything'"},
            {"--taskset", "XYZ", "--taskset: unknown task set 'XYZ'"},
            {"--lr", "-0.1", "--lr must be a positive number, got -0.1"},
            {"--batch-size", "0", "--batch-size must be positive, got 0"},
            {"--data", shared.resolve("nothing").toString(),
                "nothing: no such folder (generate the data set with repal generate)"},
        };
        for (String[] c : cases) {
            Result r = run(args(out, c[0], c[1]));
            assertEquals(2, r.code(), String.join(" ", c) + " → " + r.err());
            assertTrue(r.err().contains(c[2]), r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertEquals("", r.out());
        }
        assertFalse(Files.exists(out.resolve("master")), "nothing is written for bad input");
    }
}
