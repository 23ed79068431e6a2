package org.repal.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyBadInputTest {

    private static NpyFormatException fails(byte[] bytes) {
        return assertThrows(NpyFormatException.class, () -> Npy.read(bytes, "x.npy"));
    }

    private static void assertMessage(String expectedPart, NpyFormatException e) {
        assertTrue(e.getMessage().startsWith("x.npy: "), e.getMessage());
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
        assertEquals("x.npy", e.source());
    }

    @Test
    void badMagic() {
        assertMessage("not a NumPy .npy file (bad magic)", fails("PK\3\4 definitely a zip".getBytes(StandardCharsets.ISO_8859_1)));
        assertMessage("empty input", fails(new byte[0]));
    }

    @Test
    void badMagicNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.npy");
        Files.writeString(file, "hello");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("notes.npy: not a NumPy .npy file (bad magic)"), e.getMessage());
    }

    @Test
    void truncatedHeader() {
        byte[] good = Npy.toBytes(NpyArray.ofDoubles(new double[] {1, 2, 3}, 3));
        assertMessage("truncated header", fails(Arrays.copyOf(good, 4)));
        assertMessage("truncated header", fails(Arrays.copyOf(good, 9)));
        assertMessage("truncated header: expected", fails(Arrays.copyOf(good, 40)));
    }

    @Test
    void truncatedData() {
        byte[] good = Npy.toBytes(NpyArray.ofDoubles(new double[] {1, 2, 3}, 3));
        assertMessage("truncated data: expected 24 bytes, got 20", fails(Arrays.copyOf(good, good.length - 4)));
    }

    @Test
    void unsupportedDtypes() {
        String dict = "{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }";
        assertMessage("unsupported dtype '<c16' (expected float32/float64/int8/int32/int64/uint8/bool)",
                fails(NpyTest.handMade(1, dict, new byte[32])));
        assertMessage("unsupported dtype '<U3'",
                fails(NpyTest.handMade(1, "{'descr': '<U3', 'fortran_order': False, 'shape': (), }", new byte[12])));
        assertMessage("unsupported dtype '|f8'",
                fails(NpyTest.handMade(1, "{'descr': '|f8', 'fortran_order': False, 'shape': (), }", new byte[8])));
        String structured = "{'descr': [('a', '<f8'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }";
        assertMessage("unsupported dtype [[a, <f8], [b, <i4]]", fails(NpyTest.handMade(1, structured, new byte[12])));
    }

    @Test
    void unsupportedVersionAndMalformedHeaders() {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }";
        byte[] v9 = NpyTest.handMade(1, dict, new byte[8]);
        v9[6] = 9;
        assertMessage("unsupported .npy format version 9.0", fails(v9));
        assertMessage("malformed header", fails(NpyTest.handMade(1, "{'descr': '<f8', 'shape': (1,", new byte[8])));
        assertMessage("no 'fortran_order' key",
                fails(NpyTest.handMade(1, "{'descr': '<f8', 'shape': (1,)}", new byte[8])));
        assertMessage("bad dimension -1",
                fails(NpyTest.handMade(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}", new byte[8])));
        assertMessage("'fortran_order' is not True/False",
                fails(NpyTest.handMade(1, "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", new byte[8])));
    }
}
