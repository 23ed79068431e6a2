package org.repal.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.model.SequenceLayout;
import org.repal.core.store.AtomicFolder;
import org.repal.core.store.Npy;

/** The output folder appears whole or not at all, in the input's layout. */
class EvaluationFilesTest {
    @TempDir
    Path dir;

    private static ModelEvaluation evaluation(SequenceLayout layout) {
        // 2 steps × 3 sequences of 1 logit: value 10·t + b.
        double[] rows = {0, 1, 2, 10, 11, 12};
        return new ModelEvaluation(layout, 3, 2, new ModelEvaluation.Recorded("logits", rows, 1), List.of(), null, null);
    }

    @Test
    void writesTheInputsLayout() throws IOException {
        EvaluationFiles.write(evaluation(SequenceLayout.BATCH), dir.resolve("b"));
        EvaluationFiles.write(evaluation(SequenceLayout.TIME), dir.resolve("t"));
        assertArrayEquals(new int[] {3, 2, 1}, Npy.read(dir.resolve("b/logits.npy")).shape());
        assertArrayEquals(new double[] {0, 10, 1, 11, 2, 12}, Npy.read(dir.resolve("b/logits.npy")).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 2, 10, 11, 12}, Npy.read(dir.resolve("t/logits.npy")).toDoubleArray());
        assertFalse(Files.exists(dir.resolve("t/loss.json")));
    }

    @Test
    void aFailedWriteLeavesNothingAndKeepsAnEarlierOutput() throws IOException {
        Path out = dir.resolve("out");
        assertThrows(IOException.class, () -> AtomicFolder.write(out, n -> true, d -> {
            Files.writeString(d.resolve("logits.npy"), "half");
            throw new IOException("disk full");
        }));
        assertFalse(Files.exists(out));
        EvaluationFiles.write(evaluation(SequenceLayout.TIME), out);
        byte[] before = Files.readAllBytes(out.resolve("logits.npy"));
        assertThrows(IOException.class, () -> AtomicFolder.write(out, n -> true, d -> {
            throw new IOException("disk full");
        }));
        assertArrayEquals(before, Files.readAllBytes(out.resolve("logits.npy")));
        EvaluationFiles.write(evaluation(SequenceLayout.BATCH), out);
        assertArrayEquals(new int[] {3, 2, 1}, Npy.read(out.resolve("logits.npy")).shape());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList(), "no staging folders left");
        }
    }

    @Test
    void neverReplacesAFolderHoldingOtherFiles() throws IOException {
        Path out = dir.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "keep");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EvaluationFiles.write(evaluation(SequenceLayout.TIME), out));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        assertEquals("keep", Files.readString(out.resolve("notes.txt")));
        assertFalse(Files.exists(out.resolve("logits.npy")));
    }
}
