package org.repal.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Npz;

/** One case of a golden-vector folder ({@code testdata/rnn}, {@code testdata/mamba}): {@code <name>*.{json,npy,npz}}. */
public record GoldenCase(Path dir, String name) {

    /** The case {@code name} of {@code testdata/<folder>/}; skipped without REPAL_SHARED. */
    public static GoldenCase of(String folder, String name) {
        return new GoldenCase(SharedTestData.testdata(folder), name);
    }

    private Path file(String suffix) {
        Path f = dir.resolve(name + suffix);
        if (!Files.isRegularFile(f)) {
            throw new AssertionError("missing " + f);
        }
        return f;
    }

    public JsonNode json() {
        try {
            return new ObjectMapper().readTree(file(".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <name>_<part>.npy}. */
    public NpyArray npy(String part) {
        try {
            return Npy.read(file("_" + part + ".npy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <name>_<part>.npz}. */
    public Map<String, NpyArray> npz(String part) {
        try {
            return Npz.read(file("_" + part + ".npz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
