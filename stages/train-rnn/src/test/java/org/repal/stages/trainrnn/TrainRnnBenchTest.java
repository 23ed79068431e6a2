package org.repal.stages.trainrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code repal bench train-rnn --models N}: N networks trained at once, the same ones as alone. */
class TrainRnnBenchTest {
    private static final String[] SMALL = {"--hidden", "8", "--seq-len", "12", "--batch-size", "4", "--batches", "3",
        "--warmup", "1", "--seed", "5"};

    private static JsonNode run(String... extra) throws Exception {
        String[] args = new String[SMALL.length + extra.length];
        System.arraycopy(SMALL, 0, args, 0, SMALL.length);
        System.arraycopy(extra, 0, args, SMALL.length, extra.length);
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = new CommandLine(new TrainRnnBench()).execute(args);
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, code, "exit code");
        return new ObjectMapper().readTree(buffer.toString(StandardCharsets.UTF_8));
    }

    @Test
    void concurrentModelsReportAggregateAndPerModelRatesOfTheSameTraining() throws Exception {
        JsonNode alone = run();
        JsonNode both = run("--models", "2");
        assertEquals(2, both.get("models").asInt());
        assertEquals(2, both.get("model_seq_per_s").size());
        double sum = 0;
        for (int m = 0; m < 2; m++) {
            assertTrue(both.get("model_seq_per_s").get(m).asDouble() > 0, "model " + m + " rate");
            sum += both.get("model_cpu_seq_per_s").get(m).asDouble();
        }
        assertEquals(sum, both.get("cpu_seq_per_s").asDouble(), 0.2, "aggregate CPU rate is the models' sum");
        assertTrue(both.get("seq_per_s").asDouble() > 0);
        // Model 0 has the single run's seed and batch: the same training (to float32 rounding of the GEMMs).
        double l0 = both.get("final_loss").get(0).asDouble();
        double l1 = both.get("final_loss").get(1).asDouble();
        assertEquals(alone.get("final_loss").asDouble(), l0, 1e-5 * l0, "model 0 trains as the single run");
        assertNotEquals(l0, l1, "model 1 has its own seed");
    }

    @Test
    void badModelCountIsRejected() {
        assertNotEquals(0, new CommandLine(new TrainRnnBench()).execute("--models", "0"));
    }
}
