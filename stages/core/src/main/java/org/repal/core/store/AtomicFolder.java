package org.repal.core.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;

/**
 * Writes a folder all at once: its files go into a hidden temporary sibling, which is renamed to the target only
 * after every file was written, so a failure or kill never leaves a half-written target (only, after a kill, a
 * stale {@code .<name>.tmp-*} sibling). An existing target is replaced only when every entry in it is one the
 * writer would produce (an earlier run's output), never a folder holding anything else.
 */
public final class AtomicFolder {

    /** Fills a freshly created, empty folder. */
    @FunctionalInterface
    public interface Contents {
        void writeInto(Path dir) throws IOException;
    }

    private AtomicFolder() {
    }

    /**
     * @param ownFile whether a file name in an existing {@code target} is one of this writer's outputs
     * @throws IllegalArgumentException when {@code target} is a file, or a folder holding other entries
     */
    public static void write(Path target, Predicate<String> ownFile, Contents contents) throws IOException {
        Path out = target.toAbsolutePath().normalize();
        Path parent = out.getParent();
        if (parent == null) {
            throw new IllegalArgumentException(target + ": cannot write a folder at the file-system root");
        }
        checkReplaceable(target, out, ownFile);
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
        try {
            contents.writeInto(tmp);
            if (Files.exists(out)) {
                Path old = Files.createTempDirectory(parent, "." + out.getFileName() + ".old-");
                Files.delete(old);
                move(out, old);
                try {
                    move(tmp, out);
                } catch (IOException e) {
                    move(old, out); // put the earlier output back rather than leave nothing
                    throw e;
                }
                FileTrees.deleteRecursively(old);
            } else {
                move(tmp, out);
            }
        } finally {
            FileTrees.deleteRecursively(tmp);
        }
    }

    private static void checkReplaceable(Path target, Path out, Predicate<String> ownFile) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new IllegalArgumentException(target + ": exists and is not a folder");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!Files.isRegularFile(e) || !ownFile.test(name)) {
                    throw new IllegalArgumentException(target + ": exists and holds '" + name
                            + "', which this command does not write; choose an empty or new folder");
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
