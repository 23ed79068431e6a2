package org.repal.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes text so that readers see the old file or the whole new one, never a half-written one. */
final class TextFiles {
    private TextFiles() {
    }

    /** A UTF-8 text file; a missing or binary file is bad input named by its path. */
    static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text (expected a YAML file)");
        }
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            throw new IllegalArgumentException(file + ": folder " + parent + " does not exist");
        }
        Path tmp = parent.resolve("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
