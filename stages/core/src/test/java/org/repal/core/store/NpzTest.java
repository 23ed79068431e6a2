package org.repal.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    static LinkedHashMap<String, NpyArray> everyDtype() {
        LinkedHashMap<String, NpyArray> arrays = new LinkedHashMap<>();
        for (NpyDtype t : NpyDtype.values()) {
            arrays.put(t.numpyName(), NpyTestArrays.of(t, 2, 3, 4));
        }
        arrays.put("scalar", NpyArray.ofDoubles(new double[] {3.25}));
        arrays.put("empty", NpyTestArrays.of(NpyDtype.FLOAT32, 0, 3));
        return arrays;
    }

    @Test
    void roundTripsStoredAndDeflatedThroughEveryReader(@TempDir Path dir) throws IOException {
        LinkedHashMap<String, NpyArray> arrays = everyDtype();
        for (boolean compress : new boolean[] {false, true}) {
            byte[] bytes = Npz.toBytes(arrays, compress);
            assertEquals(arrays, Npz.read(bytes));
            assertEquals(List.copyOf(arrays.keySet()), List.copyOf(Npz.read(bytes).keySet()), "keeps order");
            assertEquals(arrays, Npz.read(new ByteArrayInputStream(bytes), "mem"));
            Path file = dir.resolve("a" + compress + ".npz");
            Npz.write(arrays, file, compress);
            assertEquals(arrays, Npz.read(file));
        }
    }

    @Test
    void compressionShrinksRepetitiveData() {
        Map<String, NpyArray> zeros = Map.of("z", NpyArray.ofDoubles(new double[10_000], 10_000));
        assertTrue(Npz.toBytes(zeros, true).length < Npz.toBytes(zeros, false).length / 10);
    }

    @Test
    void writingIsDeterministic() throws Exception {
        byte[] first = Npz.toBytes(everyDtype(), true);
        Thread.sleep(2100); // zip times have 2 s resolution: a clock-based timestamp would differ now
        assertArrayEquals(first, Npz.toBytes(everyDtype(), true));
        assertArrayEquals(Npz.toBytes(everyDtype(), false), Npz.toBytes(everyDtype(), false));
    }

    @Test
    void badArchives(@TempDir Path dir) throws IOException {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npz.read(new byte[] {1, 2, 3, 4, 5}));
        assertTrue(e.getMessage().contains("not a NumPy .npz file"), e.getMessage());

        Path npy = dir.resolve("single.npz");
        Files.write(npy, Npy.toBytes(NpyArray.ofInts(new int[] {1}, 1)));
        e = assertThrows(NpyFormatException.class, () -> Npz.read(npy));
        assertTrue(e.getMessage().contains("single.npz: a .npy file, not a .npz archive"), e.getMessage());

        byte[] good = Npz.toBytes(Map.of("a", NpyArray.ofDoubles(new double[64], 64)), false);
        Path truncated = dir.resolve("cut.npz");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        e = assertThrows(NpyFormatException.class, () -> Npz.read(truncated));
        assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
        NpyFormatException fromStream = assertThrows(NpyFormatException.class,
                () -> Npz.read(new ByteArrayInputStream(java.util.Arrays.copyOf(good, good.length / 2)), "cut.npz"));
        assertTrue(fromStream.getMessage().startsWith("cut.npz"), fromStream.getMessage());
    }
}
