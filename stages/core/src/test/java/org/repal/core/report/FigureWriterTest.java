package org.repal.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures land as name.png and name.svg, replacing older ones, with no temporary files left. */
class FigureWriterTest {

    @Test
    void writesBothFilesAndReplaces(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("figures");
        Figure a = new Figure("fig_1.a", "t", "c", new byte[] {1, 2, 3}, "<svg/>");
        List<Path> paths = FigureWriter.write(a, folder);
        assertEquals(List.of(folder.resolve("fig_1.a.png"), folder.resolve("fig_1.a.svg")), paths);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(paths.get(0)));
        assertEquals("<svg/>", Files.readString(paths.get(1), StandardCharsets.UTF_8));

        Figure b = SampleFigures.lines();
        Figure renamed = new Figure("fig_1.a", b.title(), b.caption(), b.png(), b.svg());
        FigureWriter.write(renamed, folder);
        assertArrayEquals(b.png(), Files.readAllBytes(paths.get(0)));
        assertEquals(b.svg(), Files.readString(paths.get(1), StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void namesMustBePlainFileStems() {
        for (String bad : List.of("", ".hidden", "a/b", "..", "a b", "x\\y")) {
            assertThrows(IllegalArgumentException.class, () -> new Figure(bad, "", "", new byte[0], ""), bad);
        }
    }
}
