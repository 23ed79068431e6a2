package org.repal.core.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reader and writer for NumPy's .npz archives: a zip of .npy files, one per named array (as written by
 * {@code np.savez} with stored entries or {@code np.savez_compressed} with deflated ones). Keys are the
 * entry names without ".npy". Writing is deterministic: fixed entry timestamps, so equal content gives
 * equal bytes.
 */
public final class Npz {
    /** The earliest zip (DOS) timestamp: a fixed value keeps archives byte-identical across runs. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final String SUFFIX = ".npy";

    private Npz() {
    }

    /** Reads via the zip's central directory, which also copes with entries written to a pipe. */
    public static LinkedHashMap<String, NpyArray> read(Path file) throws IOException {
        String source = file.toString();
        requireZipMagic(file, source);
        LinkedHashMap<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = new BufferedInputStream(zip.getInputStream(entry))) {
                    add(arrays, entry.getName(), in, source);
                }
            }
        } catch (ZipException e) {
            throw new NpyFormatException(source, "corrupt .npz (zip) archive: " + e.getMessage(), e);
        }
        return arrays;
    }

    public static LinkedHashMap<String, NpyArray> read(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes), "(npz bytes)");
    }

    public static LinkedHashMap<String, NpyArray> read(InputStream in) throws IOException {
        return read(in, "(npz stream)");
    }

    /** Reads all entries from a stream (not closed). */
    public static LinkedHashMap<String, NpyArray> read(InputStream in, String sourceName) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(8);
        checkMagic(buffered.readNBytes(4), sourceName);
        buffered.reset();
        LinkedHashMap<String, NpyArray> arrays = new LinkedHashMap<>();
        try {
            ZipInputStream zip = new ZipInputStream(buffered);
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (!entry.isDirectory()) {
                    add(arrays, entry.getName(), zip, sourceName);
                }
            }
        } catch (ZipException e) {
            throw new NpyFormatException(sourceName, "corrupt .npz (zip) archive: " + e.getMessage(), e);
        }
        return arrays;
    }

    private static void add(Map<String, NpyArray> arrays, String entryName, InputStream in, String source)
            throws IOException {
        if (!entryName.endsWith(SUFFIX)) {
            throw new NpyFormatException(source, "entry '" + entryName + "' is not a .npy file");
        }
        String key = entryName.substring(0, entryName.length() - SUFFIX.length());
        if (arrays.containsKey(key)) {
            throw new NpyFormatException(source, "duplicate entry '" + entryName + "'");
        }
        arrays.put(key, Npy.read(in, source + ":" + entryName));
    }

    private static void requireZipMagic(Path file, String source) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            checkMagic(in.readNBytes(4), source);
        }
    }

    /** ZipInputStream silently yields no entries for non-zip input: catch that up front. */
    private static void checkMagic(byte[] head, String source) throws NpyFormatException {
        boolean zip = head.length == 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
        if (!zip) {
            boolean npy = head.length == 4 && head[0] == (byte) 0x93 && head[1] == 'N';
            throw new NpyFormatException(source, npy ? "a .npy file, not a .npz archive"
                    : "not a NumPy .npz file (bad zip magic)");
        }
    }

    /** Writes stored (uncompressed) entries, like np.savez; the stream is not closed. */
    public static void write(Map<String, NpyArray> arrays, OutputStream out) throws IOException {
        write(arrays, out, false);
    }

    /**
     * Writes one "key.npy" entry per array in the map's iteration order, deflated (like
     * np.savez_compressed) when compress is set; the caller's stream is flushed, not closed.
     */
    public static void write(Map<String, NpyArray> arrays, OutputStream out, boolean compress) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new NonClosingOutputStream(out))) {
            writeEntries(arrays, zip, compress);
        }
    }

    private static void writeEntries(Map<String, NpyArray> arrays, ZipOutputStream zip, boolean compress)
            throws IOException {
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty() || key.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("bad .npz key '" + key + "': must be non-empty without NUL");
            }
            byte[] npy = Npy.toBytes(e.getValue());
            ZipEntry entry = new ZipEntry(key + SUFFIX);
            entry.setTimeLocal(FIXED_TIME);
            if (compress) {
                entry.setMethod(ZipEntry.DEFLATED);
            } else {
                // Stored entries need size and CRC up front (no data descriptor).
                CRC32 crc = new CRC32();
                crc.update(npy);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(npy.length);
                entry.setCompressedSize(npy.length);
                entry.setCrc(crc.getValue());
            }
            zip.putNextEntry(entry);
            zip.write(npy);
            zip.closeEntry();
        }
    }

    public static void write(Map<String, NpyArray> arrays, Path file, boolean compress) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(arrays, out, compress);
        }
    }

    public static byte[] toBytes(Map<String, NpyArray> arrays, boolean compress) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(arrays, out, compress);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a ByteArrayOutputStream
        }
        return out.toByteArray();
    }

    /** Lets the ZipOutputStream be closed (freeing its Deflater) without closing the caller's stream. */
    private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
