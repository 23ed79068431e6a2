package org.repal.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 4180 quoting and parsing round-trip. */
class CsvTableTest {

    @Test
    void quotesOnlyWhatNeedsIt() {
        String csv = CsvTable.format(List.of("name", "value"),
                List.of(List.of("plain", "1.5"), List.of("a,b", "say \"hi\""), List.of("two\nlines", "cr\rlf\r\n")));
        assertEquals("name,value\r\nplain,1.5\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\"cr\rlf\r\n\"\r\n",
                csv);
    }

    @Test
    void roundTrip() {
        List<String> header = List.of("group", "dsa", "note");
        List<List<String>> rows = List.of(
                List.of("untrained", "0.61", ""),
                List.of("with, comma", "\"quoted\"", "new\nline"),
                List.of("crlf\r\ninside", "", "trailing space "),
                List.of(" leading", "unicode μ ² –", "\"\""),
                List.of("", "", ""));
        String csv = CsvTable.format(header, rows);
        List<List<String>> back = CsvTable.parse(csv);
        List<List<String>> expected = new ArrayList<>();
        expected.add(header);
        expected.addAll(rows);
        assertEquals(expected, back);
    }

    @Test
    void singleEmptyFieldIsNotABlankLine() {
        String csv = CsvTable.format(List.of("x"), List.of(List.of(""), List.of("1")));
        assertEquals("x\r\n\"\"\r\n1\r\n", csv);
        assertEquals(List.of(List.of("x"), List.of(""), List.of("1")), CsvTable.parse(csv));
    }

    @Test
    void nullCellsAreEmptyAndHeaderIsOptional() {
        String csv = CsvTable.format(null, List.of(Arrays.asList("a", null, "c")));
        assertEquals("a,,c\r\n", csv);
        assertEquals(List.of(List.of("a", "", "c")), CsvTable.parse(csv));
    }

    @Test
    void parsesLfLineEndsAndMissingFinalLineEnd() {
        assertEquals(List.of(List.of("a", "b"), List.of("1", "")), CsvTable.parse("a,b\n1,"));
        assertEquals(List.of(List.of("a"), List.of("")), CsvTable.parse("a\r\n\r\n"));
        assertEquals(List.of(), CsvTable.parse(""));
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("\"open"));
        assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("\"a\"b,c"));
        assertThrows(IllegalArgumentException.class,
                () -> CsvTable.format(List.of("a", "b"), List.of(List.of("only one"))));
    }

    @Test
    void writesUtf8Atomically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tables/t.csv");
        CsvTable.write(file, List.of("k", "v"), List.of(List.of("μ", "1")));
        assertEquals("k,v\r\nμ,1\r\n", Files.readString(file, StandardCharsets.UTF_8));
        CsvTable.write(file, List.of("k"), List.of());
        assertEquals("k\r\n", Files.readString(file, StandardCharsets.UTF_8));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }
}
