package org.repal.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrialsJsonTest {

    @Test
    void roundTripsTheRecords() throws IOException {
        for (Task task : new Task[] {Task.PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE, Task.ANTI_GO_NOGO}) {
            TaskData data = new DatasetGenerator(task.taskSet(), TaskSetConfig.defaults(), 1, 0.25, 1)
                    .training(task, 40, 400, n -> { });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TrialsJson.write(data, 20, out);
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(40 + 2, text.lines().count(), "one line per sample plus head and tail");
            TrialsJson.TrialsFile file = TrialsJson.read(new ByteArrayInputStream(out.toByteArray()));
            assertEquals(task, file.task());
            assertEquals(Split.TRAIN, file.split());
            assertEquals(400, file.steps());
            assertEquals(data.ruleColumn(), file.ruleColumn());
            assertEquals(0.25, file.validationFraction());
            assertEquals(40, file.samples().size());
            for (int i = 0; i < 40; i++) {
                SampleRecord expected = data.record(i);
                SampleRecord actual = file.samples().get(i);
                assertEquals(expected.validation(), actual.validation());
                assertEquals(expected.trials().size(), actual.trials().size());
                for (int k = 0; k < expected.trials().size(); k++) {
                    // Trial holds a double (NaN for GoNogo): compare field-wise through the record's string.
                    assertEquals(expected.trials().get(k).toString(), actual.trials().get(k).toString());
                }
            }
            assertEquals(10, file.samples().stream().filter(SampleRecord::validation).count());
            assertTrue(text.contains(task.isGoNogo() ? "\"coh\":null" : "\"coh\":"), text.substring(0, 400));
        }
    }

    @Test
    void rejectsOtherJson() {
        assertThrows(IOException.class, () -> TrialsJson.read(new ByteArrayInputStream("{}".getBytes())));
    }
}
