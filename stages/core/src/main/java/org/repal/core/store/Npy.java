package org.repal.core.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reader and writer for NumPy's .npy format (versions 1.0, 2.0 and 3.0 are read; 1.0 is written, or
 * 2.0 when the header does not fit in 64 KiB). Data is written little-endian; big-endian input and
 * Fortran-order input are converted to the C-order {@link NpyArray}.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data start to 64 bytes so it can be memory-mapped with any element type. */
    private static final int ALIGN = 64;
    /** Header size limit guarding against garbage lengths (numpy writes a few hundred bytes). */
    private static final int MAX_HEADER = 1 << 20;
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    public static NpyArray read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return read(in, file.toString());
        }
    }

    public static NpyArray read(byte[] bytes) throws IOException {
        return read(bytes, "(npy bytes)");
    }

    public static NpyArray read(byte[] bytes, String sourceName) throws IOException {
        return read(new ByteArrayInputStream(bytes), sourceName);
    }

    /**
     * Reads one array from the stream, consuming exactly its bytes; the stream is not closed.
     *
     * @param sourceName named in error messages, e.g. the file name
     */
    public static NpyArray read(InputStream in, String sourceName) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        int got = in.readNBytes(magic, 0, magic.length);
        for (int i = 0; i < got; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new NpyFormatException(sourceName, "not a NumPy .npy file (bad magic)");
            }
        }
        if (got < MAGIC.length) {
            throw new NpyFormatException(sourceName, got == 0 ? "empty input, not a NumPy .npy file"
                    : "truncated header: input ends after " + got + " bytes");
        }
        int major = readByte(in, sourceName);
        int minor = readByte(in, sourceName);
        long headerLength;
        Charset charset;
        if (major == 1) {
            headerLength = readUnsignedLe(in, 2, sourceName);
            charset = StandardCharsets.ISO_8859_1;
        } else if (major == 2 || major == 3) {
            headerLength = readUnsignedLe(in, 4, sourceName);
            charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        } else {
            throw new NpyFormatException(sourceName, "unsupported .npy format version " + major + "." + minor
                    + " (expected 1.0, 2.0 or 3.0)");
        }
        if (headerLength > MAX_HEADER) {
            throw new NpyFormatException(sourceName, "header length " + headerLength + " is implausibly large");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new NpyFormatException(sourceName, "truncated header: expected " + headerLength
                    + " bytes, got " + headerBytes.length);
        }
        NpyHeader header = NpyHeader.parse(new String(headerBytes, charset), sourceName);
        NpyDtype.Parsed type = header.descr() == null ? null : NpyDtype.parse(header.descr());
        if (type == null) {
            String shown = header.descr() != null ? "'" + header.descr() + "'" : String.valueOf(header.rawDescr());
            throw new NpyFormatException(sourceName, "unsupported dtype " + shown + " (expected "
                    + NpyDtype.supportedNames() + ")");
        }
        int[] shape = header.shape();
        int size;
        try {
            size = NpyArray.checkedSize(shape);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(sourceName, e.getMessage());
        }
        Object data = readData(in, type, size, sourceName);
        if (header.fortranOrder() && shape.length > 1) {
            data = NpyElements.reorder(data, NpyElements.fortranToC(shape, size), true);
        }
        return new NpyArray(type.dtype(), shape, data);
    }

    private static Object readData(InputStream in, NpyDtype.Parsed type, int size, String sourceName)
            throws IOException {
        NpyDtype dtype = type.dtype();
        int item = dtype.itemSize();
        long expected = (long) size * item;
        Object data = NpyElements.allocate(dtype, size);
        int perChunk = Math.max(1, CHUNK / item);
        byte[] chunk = new byte[(int) Math.min(expected, (long) perChunk * item)];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(type.order());
        long done = 0;
        for (int offset = 0; offset < size; offset += perChunk) {
            int count = Math.min(perChunk, size - offset);
            int bytes = count * item;
            int n = in.readNBytes(chunk, 0, bytes);
            done += n;
            if (n < bytes) {
                throw new NpyFormatException(sourceName, "truncated data: expected " + expected
                        + " bytes, got " + done);
            }
            buf.clear();
            NpyElements.decode(buf, dtype, data, offset, count);
        }
        return data;
    }

    private static int readByte(InputStream in, String sourceName) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new NpyFormatException(sourceName, "truncated header: input ends inside the preamble");
        }
        return b;
    }

    private static long readUnsignedLe(InputStream in, int n, String sourceName) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) readByte(in, sourceName) << (8 * i);
        }
        return v;
    }

    /** Writes the array in C order; the stream is not closed. */
    public static void write(NpyArray array, OutputStream out) throws IOException {
        write(array, out, false);
    }

    /** Writes the array, in Fortran (column-major) order when asked; the stream is not closed. */
    public static void write(NpyArray array, OutputStream out, boolean fortranOrder) throws IOException {
        NpyDtype dtype = array.dtype();
        int[] shape = array.shape();
        out.write(headerBytes(dtype, fortranOrder, shape));
        Object data = array.rawData();
        if (fortranOrder && shape.length > 1) {
            data = NpyElements.reorder(data, NpyElements.fortranToC(shape, array.size()), false);
        }
        int item = dtype.itemSize();
        int perChunk = Math.max(1, CHUNK / item);
        byte[] chunk = new byte[perChunk * item];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int offset = 0; offset < array.size(); offset += perChunk) {
            int count = Math.min(perChunk, array.size() - offset);
            buf.clear();
            NpyElements.encode(buf, dtype, data, offset, count);
            out.write(chunk, 0, count * item);
        }
    }

    /** Writes to a file (replacing it). */
    public static void write(NpyArray array, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), CHUNK)) {
            write(array, out, false);
        }
    }

    /** The complete .npy file contents in C order. */
    public static byte[] toBytes(NpyArray array) {
        return toBytes(array, false);
    }

    public static byte[] toBytes(NpyArray array, boolean fortranOrder) {
        long capacity = 128 + (long) array.size() * array.dtype().itemSize();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(capacity, Integer.MAX_VALUE - 8));
        try {
            write(array, out, fortranOrder);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a ByteArrayOutputStream
        }
        return out.toByteArray();
    }

    /** Magic, version, header length and the space-padded, newline-terminated header dictionary. */
    static byte[] headerBytes(NpyDtype dtype, boolean fortranOrder, int[] shape) {
        String dict = NpyHeader.format(dtype.descr(), fortranOrder, shape);
        int prefix = MAGIC.length + 2 + 2;
        int major = 1;
        if (prefix + dict.length() + 1 + ALIGN > 0xffff) {
            major = 2; // a v1 header length is 16 bits
            prefix = MAGIC.length + 2 + 4;
        }
        int pad = (ALIGN - (prefix + dict.length() + 1) % ALIGN) % ALIGN;
        byte[] text = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buf = ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            buf.putShort((short) text.length);
        } else {
            buf.putInt(text.length);
        }
        buf.put(text);
        return buf.array();
    }
}
