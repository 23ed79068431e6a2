package org.repal.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NpyTest {

    @ParameterizedTest
    @EnumSource(NpyDtype.class)
    void roundTripsEveryDtypeInCAndFortranOrder(NpyDtype dtype) throws IOException {
        for (int[] shape : new int[][] {{24}, {4, 6}, {2, 3, 4}, {1, 2, 3, 4}}) {
            NpyArray a = NpyTestArrays.of(dtype, shape);
            assertEquals(a, Npy.read(Npy.toBytes(a)), "C order " + NpyArray.shapeString(shape));
            byte[] fortran = Npy.toBytes(a, true);
            assertTrue(new String(fortran, StandardCharsets.ISO_8859_1).contains("'fortran_order': True"));
            assertEquals(a, Npy.read(fortran), "Fortran order " + NpyArray.shapeString(shape));
        }
    }

    @Test
    void fortranOrderStoresColumnsContiguously() throws IOException {
        NpyArray a = NpyArray.ofInts(new int[] {1, 2, 3, 4, 5, 6}, 2, 3); // [[1,2,3],[4,5,6]]
        byte[] bytes = Npy.toBytes(a, true);
        ByteBuffer data = ByteBuffer.wrap(bytes, bytes.length - 24, 24).order(ByteOrder.LITTLE_ENDIAN);
        int[] stored = new int[6];
        data.asIntBuffer().get(stored);
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, stored);
    }

    @Test
    void headerIsVersion1PaddedTo64BytesAndNewlineTerminated() {
        byte[] bytes = Npy.toBytes(NpyArray.ofDoubles(new double[] {1, 2, 3}, 3));
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        int dataStart = 10 + headerLength;
        assertEquals(0, dataStart % 64);
        assertEquals('\n', bytes[dataStart - 1]);
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), header);
        assertEquals(dataStart + 24, bytes.length);
    }

    @Test
    void zeroDimensionalArrays() throws IOException {
        NpyArray scalar = NpyArray.ofDoubles(new double[] {3.25});
        assertEquals(0, scalar.ndim());
        assertEquals(1, scalar.size());
        byte[] bytes = Npy.toBytes(scalar);
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("'shape': ()"));
        NpyArray back = Npy.read(bytes);
        assertArrayEquals(new int[0], back.shape());
        assertArrayEquals(new double[] {3.25}, back.toDoubleArray());
        assertEquals(scalar, Npy.read(Npy.toBytes(scalar, true)));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofDoubles(new double[] {1, 2}));
    }

    @ParameterizedTest
    @EnumSource(NpyDtype.class)
    void emptyArrays(NpyDtype dtype) throws IOException {
        for (int[] shape : new int[][] {{0}, {3, 0}, {0, 2, 5}}) {
            NpyArray a = NpyTestArrays.of(dtype, shape);
            assertEquals(0, a.size());
            assertEquals(a, Npy.read(Npy.toBytes(a)));
            assertEquals(a, Npy.read(Npy.toBytes(a, true)));
        }
    }

    @Test
    void readsBigEndianData() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putDouble(1.5).putDouble(-2.0);
        byte[] file = handMade(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }", data.array());
        assertArrayEquals(new double[] {1.5, -2.0}, Npy.read(file).toDoubleArray());
        ByteBuffer ints = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(7).putInt(-300);
        file = handMade(1, "{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }", ints.array());
        assertArrayEquals(new int[] {7, -300}, Npy.read(file).toIntArray());
    }

    @Test
    void readsVersions2And3AndOtherHeaderSpellings() throws IOException {
        byte[] data = {1, 0, 1};
        String header = "{\"shape\": (3L,), \"fortran_order\": False, \"descr\": \"|b1\"}";
        for (int major : new int[] {2, 3}) {
            NpyArray a = Npy.read(handMade(major, header, data));
            assertArrayEquals(new boolean[] {true, false, true}, a.toBooleanArray());
        }
    }

    @Test
    void readConsumesExactlyOneArray() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyArray a = NpyTestArrays.of(NpyDtype.INT64, 3);
        NpyArray b = NpyTestArrays.of(NpyDtype.FLOAT32, 2, 2);
        Npy.write(a, out);
        Npy.write(b, out, true);
        InputStream in = new ByteArrayInputStream(out.toByteArray());
        assertEquals(a, Npy.read(in, "two arrays"));
        assertEquals(b, Npy.read(in, "two arrays"));
        assertEquals(-1, in.read());
    }

    @Test
    void fileRoundTripAndLargeArrayCrossesChunks(@TempDir Path dir) throws IOException {
        double[] values = new double[100_002];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i);
        }
        NpyArray a = NpyArray.ofDoubles(values, 6, 16667, 1);
        Path file = dir.resolve("big.npy");
        Npy.write(a, file);
        assertEquals(a, Npy.read(file));
    }

    @Test
    void conversionsAcceptOnlyLosslessTypes() {
        NpyArray floats = NpyArray.ofDoubles(new double[] {1.5, 2}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, floats::toIntArray);
        assertTrue(e.getMessage().contains("float64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, floats::toLongArray);
        assertThrows(IllegalArgumentException.class, floats::toFloatArray);
        assertThrows(IllegalArgumentException.class, floats::toBooleanArray);
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofLongs(new long[] {1}, 1).toIntArray());

        NpyArray u8 = NpyArray.ofUnsignedBytes(new byte[] {(byte) 200, 3}, 2);
        assertArrayEquals(new int[] {200, 3}, u8.toIntArray());
        assertArrayEquals(new long[] {200, 3}, u8.toLongArray());
        assertArrayEquals(new double[] {200, 3}, u8.toDoubleArray());
        assertArrayEquals(new float[] {200, 3}, u8.toFloatArray());
        assertArrayEquals(new byte[] {(byte) 200, 3}, u8.toByteArray());
        NpyArray bools = NpyArray.ofBooleans(new boolean[] {true, false}, 2);
        assertArrayEquals(new int[] {1, 0}, bools.toIntArray());
        assertArrayEquals(new byte[] {1, 0}, bools.toByteArray());
    }

    @Test
    void accessorsReturnCopies() {
        double[] data = {1, 2, 3, 4};
        NpyArray a = NpyArray.ofDoubles(data, 2, 2);
        a.toDoubleArray()[0] = 99;
        a.shape()[0] = 7;
        assertArrayEquals(new double[] {1, 2, 3, 4}, a.toDoubleArray());
        assertArrayEquals(new int[] {2, 2}, a.shape());
        assertNotEquals(a, NpyArray.ofDoubles(new double[] {1, 2, 3, 4}, 4));
    }

    @Test
    void shapeMustMatchData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofFloats(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("(2, 3) needs 6 elements but the data has 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofInts(new int[0], -1));
    }

    /** A .npy file assembled by hand: header padded to 64 bytes, then the given data bytes. */
    static byte[] handMade(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        int pad = (64 - (prefix + dict.length() + 1) % 64) % 64;
        byte[] text = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buf = ByteBuffer.allocate(prefix + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            buf.putShort((short) text.length);
        } else {
            buf.putInt(text.length);
        }
        return buf.put(text).put(data).array();
    }
}
