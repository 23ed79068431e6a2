package org.repal.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.repal.core.metric.DmdParams;
import org.repal.core.metric.Trajectories;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;

/**
 * Test vectors from the Python reference, read from {@code $REPAL_SHARED} (never copied into the repository).
 * With the variable unset (a user's fresh clone) the tests that need them are skipped with a message; with
 * it set (CI) a missing file is a failure.
 */
public final class SharedTestData {

    private SharedTestData() {
    }

    /** The shared folder, or a skipped test if REPAL_SHARED is not set. */
    public static Path root() {
        String env = System.getenv("REPAL_SHARED");
        Assumptions.assumeTrue(env != null && !env.isBlank(),
                "REPAL_SHARED is not set: parity tests need the reference test vectors (set it to the shared folder)");
        Path root = Path.of(env).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new AssertionError("REPAL_SHARED=" + env + " is not a directory");
        }
        return root;
    }

    /** {@code testdata/<name>/} of the shared folder (a failure if it is missing while REPAL_SHARED is set). */
    public static Path testdata(String name) {
        Path dir = root().resolve("testdata").resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("missing " + dir);
        }
        return dir;
    }

    public static Path dsaDir() {
        Path dir = root().resolve("testdata/dsa");
        if (!Files.isRegularFile(dir.resolve("expected.json"))) {
            throw new AssertionError("missing " + dir.resolve("expected.json"));
        }
        return dir;
    }

    public static JsonNode dsaExpected() {
        try {
            return new ObjectMapper().readTree(dsaDir().resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parity cases of expected.json, in file order, as (name, case) pairs. */
    public static java.util.List<java.util.Map.Entry<String, JsonNode>> dsaCases() {
        java.util.List<java.util.Map.Entry<String, JsonNode>> out = new java.util.ArrayList<>();
        out.addAll(dsaExpected().get("cases").properties());
        if (out.size() < 7) {
            throw new AssertionError("expected.json should hold at least the 7 public cases, found " + out.size());
        }
        return out;
    }

    /** The DMD parameters of one case. */
    public static DmdParams dsaParams(JsonNode testCase) {
        JsonNode p = testCase.get("params");
        return new DmdParams(p.get("n_delays").asInt(), p.get("delay_interval").asInt(), p.get("rank").asInt(),
                p.get("lamb").asDouble());
    }

    /** Loads one case array (relative path as in expected.json) as trajectories. */
    public static Trajectories dsaArray(String relative) {
        Path file = dsaDir().resolve(relative);
        try {
            NpyArray a = Npy.read(file);
            return Trajectories.of(a.toDoubleArray(), a.shape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
