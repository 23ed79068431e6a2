package org.repal.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.repal.core.store.Sha256;

/** Every file and folder under a root with its content hash: equal snapshots mean nothing was written. */
final class FolderSnapshot {
    private FolderSnapshot() {
    }

    static Map<String, String> of(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString();
                out.put(rel, Files.isDirectory(p) ? "dir" : Sha256.of(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The paths added, removed or changed between two snapshots. */
    static String difference(Map<String, String> before, Map<String, String> after) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        StringBuilder sb = new StringBuilder("[");
        for (String k : keys) {
            if (!java.util.Objects.equals(before.get(k), after.get(k))) {
                sb.append(sb.length() > 1 ? ", " : "").append(!before.containsKey(k) ? "+" : !after.containsKey(k) ? "-" : "~")
                        .append(k);
            }
        }
        return sb.append("]").toString();
    }
}
