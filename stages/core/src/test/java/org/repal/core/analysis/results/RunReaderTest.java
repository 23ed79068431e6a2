package org.repal.core.analysis.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.report.SyntheticRun;
import org.repal.core.store.LocalArtifactStore;

/** {@link RunReader}: what it reads from a run, and every bad input named by file, line and field. */
class RunReaderTest {
    @TempDir
    Path dir;

    private RunResults read() {
        try (LocalArtifactStore s = new LocalArtifactStore(dir)) {
            return RunReader.read(s, null);
        }
    }

    private String error() {
        return assertThrows(IllegalArgumentException.class, this::read).getMessage();
    }

    @Test
    void readsEveryPartOfASyntheticRun() {
        SyntheticRun.write(dir, 2, 1, 3);
        RunResults r = read();
        assertEquals("PDM", r.taskset());
        assertEquals(java.util.List.of("mamba", "rnn", "cross-0"), r.dissimilarity().stream()
                .map(DissimilarityPart::name).toList(), "per-architecture parts first, then the cross parts");
        assertEquals(2 * 45 * 3, r.dissimilarity().get(1).rows().size(), "2 configs x 45 pairs x 3 metrics");
        assertEquals(2, r.learning().size());
        assertEquals(9, r.attractors().systems().size());
        assertEquals(60, r.attractors().compositions().size());
        assertEquals(4, r.trials().size());
        assertEquals(30, r.trials().get(0).inputs().length);
        assertEquals(6, r.activity().size(), "master, untrained and pretrain_frozen per architecture");
        assertEquals(20, r.activity().get(0).mean().length);
        TaskRecord gen = r.tasks().stream().filter(t -> t.task().equals("generate")).findFirst().orElseThrow();
        assertEquals(1.5, gen.seconds());
        assertEquals("marker", gen.secondsSource());
        TaskRecord dis = r.tasks().stream().filter(t -> t.task().equals("dissimilarity-rnn")).findFirst().orElseThrow();
        assertEquals(12.25, dis.seconds(), "an older marker falls back to the local log's last line");
        assertEquals("log", dis.secondsSource());
        assertEquals("dissimilarity", dis.stage());
        assertNull(r.configJson());
    }

    @Test
    void aFolderThatIsNotARunIsNamed() {
        assertTrue(error().endsWith("/data/manifest.json: missing: not a finished repal run (the generate stage "
                + "writes it last)"));
    }

    @Test
    void anUnfinishedTaskFolderIsNamed() throws Exception {
        SyntheticRun.write(dir, 1, 1, 3);
        Files.delete(dir.resolve("dissimilarity/rnn/manifest.json"));
        assertTrue(error().endsWith("/dissimilarity/rnn/manifest.json: missing: the task writing dissimilarity/rnn/ "
                + "has not finished"), error());
    }

    @Test
    void aBadTableValueIsNamedWithItsLineAndField() throws Exception {
        SyntheticRun.write(dir, 1, 1, 3);
        Path csv = dir.resolve("learning-dynamics/rnn/over_learning.csv");
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        lines.set(1, lines.get(1).replaceFirst(",dsa,[^,]+,", ",dsa,oops,"));
        Files.write(csv, lines);
        assertTrue(error().endsWith("/learning-dynamics/rnn/over_learning.csv: line 2: value: 'oops' is not a number"),
                error());
        Files.writeString(csv, "arch,config\n");
        assertTrue(error().contains("over_learning.csv: line 1: header is 'arch,config', expected"), error());
    }

    @Test
    void aBadGroupOrMissingFieldIsNamed() throws Exception {
        SyntheticRun.write(dir, 1, 1, 3);
        Path csv = dir.resolve("dissimilarity/mamba/dissimilarity.csv");
        Files.writeString(csv, Files.readString(csv).replaceFirst(",master,", ",mister,"));
        assertTrue(error().contains("dissimilarity/mamba/dissimilarity.csv: line "), error());
        assertTrue(error().contains(": group"), error());
        SyntheticRun.write(dir, 1, 1, 3);
        Files.writeString(dir.resolve("attractors/summary.json"), "{\"settings\":{}}");
        assertTrue(error().endsWith("/attractors/summary.json: regimes is missing"), error());
    }
}
