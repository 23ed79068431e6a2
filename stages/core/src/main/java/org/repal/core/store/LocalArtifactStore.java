package org.repal.core.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An artifact store in a local folder: key "a/b.npy" is the file {@code <root>/a/b.npy}.
 *
 * <p>Writes go to a hidden temp file in the target's folder, are fsynced and then atomically renamed,
 * so readers see the old or the new artifact, never a partial one. The SHA-256 is computed while
 * writing and kept in {@code <root>/.repal-meta/sha256/<key>}, which is removed before the rename so a
 * crash can never leave a stale hash; stat rehashes when that record is missing or older than the data (a store
 * opened on a subfolder, as stages open their output, keeps records in {@code <sub>/.repal-meta/}; stat uses those
 * under the same rule).
 * Symbolic links are followed only when they stay inside the root, and list() skips them. Keep to one
 * writer per key at a time: concurrent puts of one key are safe for the data (last rename wins) but may
 * leave a hash record of the other writer, caught by stat only when the sizes differ.
 */
public final class LocalArtifactStore implements ArtifactStore {
    static final String META_DIR = ".repal-meta";
    private static final Pattern TEMP_NAME = Pattern.compile("\\..*\\.tmp-[0-9a-f]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BUFFER = 1 << 16;

    private final Path root;
    private final Path shaRoot;

    /** Opens (creating if needed) the folder as a store. */
    public LocalArtifactStore(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new ArtifactStoreException("cannot create artifact folder " + root.toAbsolutePath() + ": " + e, e);
        }
        this.shaRoot = this.root.resolve(META_DIR).resolve("sha256");
    }

    /** The store's folder (symbolic links resolved). */
    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    /**
     * The file holding the key's artifact, for reading in place (write through the store so the hash
     * record stays right).
     */
    public Path path(String key) {
        ArtifactKeys.validate(key);
        String first = key.split("/", 2)[0];
        if (first.equals(META_DIR)) {
            throw new IllegalArgumentException("invalid artifact key '" + key + "': '" + META_DIR + "' is reserved");
        }
        for (String segment : key.split("/")) {
            if (TEMP_NAME.matcher(segment).matches()) {
                throw new IllegalArgumentException("invalid artifact key '" + key + "': segment '" + segment
                        + "' looks like a temp file name (reserved)");
            }
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root)) { // validate() should make this impossible; kept as a second guard
            throw new IllegalArgumentException("artifact key '" + key + "' resolves outside " + root);
        }
        checkNoEscape(key, p);
        return p;
    }

    /** Follows links in the deepest existing part of the path; it must still be under the root. */
    private void checkNoEscape(String key, Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            if (existing != null && !existing.toRealPath().startsWith(root)) {
                throw new ArtifactStoreException(location() + ": key '" + key
                        + "' leads outside the store through a symbolic link (" + existing.toRealPath() + ")");
            }
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + ": cannot resolve key '" + key + "': " + e, e);
        }
    }

    @Override
    public ArtifactInfo put(String key, byte[] data) {
        return put(key, new ByteArrayInputStream(data));
    }

    @Override
    public ArtifactInfo put(String key, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return put(key, in);
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + ": cannot read " + file + " for '" + key + "': " + e, e);
        }
    }

    @Override
    public ArtifactInfo put(String key, InputStream in) {
        Path target = path(key);
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + randomHex());
        boolean moved = false;
        try {
            Files.createDirectories(dir);
            checkNoEscape(key, target); // the folders we just created may be reached through a link
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new ArtifactStoreException(location() + ": cannot write '" + key + "': it is a folder");
            }
            MessageDigest md = Sha256.newDigest();
            long size = 0;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                byte[] buf = new byte[BUFFER];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                    size += n;
                }
                ch.force(true); // data on disk before the rename makes it visible
            }
            String sha = Sha256.toHex(md.digest());
            Path record = shaRoot.resolve(key);
            Files.deleteIfExists(record);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            fsyncDirectory(dir);
            writeRecord(record, sha, size);
            return new ArtifactInfo(key, size, sha);
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + ": cannot write '" + key + "': " + e, e);
        } finally {
            if (!moved) {
                deleteQuietly(tmp);
            }
        }
    }

    @Override
    public byte[] get(String key) {
        Path p = path(key);
        try {
            if (Files.isDirectory(p)) {
                throw new ArtifactNotFoundException(location(), key);
            }
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new ArtifactNotFoundException(location(), key);
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + ": cannot read '" + key + "': " + e, e);
        }
    }

    @Override
    public InputStream open(String key) {
        Path p = path(key);
        try {
            if (Files.isDirectory(p)) {
                throw new ArtifactNotFoundException(location(), key);
            }
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw new ArtifactNotFoundException(location(), key);
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + ": cannot open '" + key + "': " + e, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public Optional<ArtifactInfo> stat(String key) {
        Path p = path(key);
        try {
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            BasicFileAttributes data = Files.readAttributes(p, BasicFileAttributes.class);
            Path record = shaRoot.resolve(key);
            String sha = readRecord(record, data);
            if (sha == null) {
                sha = nestedRecord(key, data);
                if (sha == null) { // missing, or the file was changed behind the store's back
                    sha = Sha256.of(p);
                }
                writeRecord(record, sha, data.size());
            }
            return Optional.of(new ArtifactInfo(key, data.size(), sha));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + ": cannot stat '" + key + "': " + e, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        ArtifactKeys.validatePrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(root.resolve(META_DIR)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // Regular files only: links are skipped so listing never reaches outside the root.
                    if (attrs.isRegularFile() && !TEMP_NAME.matcher(file.getFileName().toString()).matches()) {
                        String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                        if (key.startsWith(prefix)) {
                            keys.add(key);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // deleted while we walked
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + ": cannot list '" + prefix + "': " + e, e);
        }
        Collections.sort(keys);
        return keys;
    }

    @Override
    public void delete(String key) {
        Path p = path(key);
        try {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return; // a folder is not an artifact
            }
            Path record = shaRoot.resolve(key);
            Files.deleteIfExists(record);
            Files.deleteIfExists(p);
            pruneEmptyParents(p.getParent(), root);
            pruneEmptyParents(record.getParent(), shaRoot);
        } catch (IOException e) {
            throw new ArtifactStoreException(location() + ": cannot delete '" + key + "': " + e, e);
        }
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "LocalArtifactStore[" + root + "]";
    }

    /**
     * The hash recorded by a store opened on a folder inside this one (a stage writing {@code --out <root>/data}
     * keeps its records in {@code <root>/data/.repal-meta/}), held to the same rule as this store's own records;
     * null when there is none. Saves hashing every file a stage wrote a second time.
     */
    private String nestedRecord(String key, BasicFileAttributes data) throws IOException {
        String[] segments = key.split("/");
        for (int i = segments.length - 1; i >= 1; i--) {
            String folder = String.join("/", java.util.Arrays.copyOfRange(segments, 0, i));
            String rest = String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length));
            Path record = root.resolve(folder).resolve(META_DIR).resolve("sha256").resolve(rest);
            String sha = readRecord(record, data);
            if (sha != null) {
                return sha;
            }
        }
        return null;
    }

    /** The recorded hash, or null when there is no usable record for this version of the data. */
    private static String readRecord(Path record, BasicFileAttributes data) throws IOException {
        if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (Files.getLastModifiedTime(record).compareTo(data.lastModifiedTime()) < 0) {
            return null;
        }
        String[] fields = Files.readString(record).trim().split("\\s+");
        if (fields.length != 2 || fields[0].length() != 64 || !fields[1].equals(Long.toString(data.size()))) {
            return null;
        }
        return fields[0];
    }

    /** Writes "sha256 size" atomically, clearing stale records that block the path. */
    private void writeRecord(Path record, String sha, long size) throws IOException {
        Path dir = record.getParent();
        clearNonDirectories(dir);
        Files.createDirectories(dir);
        if (Files.isDirectory(record, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.deleteRecursively(record); // records of keys below a path that is now a file: all stale
        }
        Path tmp = dir.resolve("." + record.getFileName() + ".tmp-" + randomHex());
        try {
            Files.writeString(tmp, sha + " " + size + "\n");
            Files.move(tmp, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Removes stale record files sitting where a record folder must go (the data tree changed shape). */
    private void clearNonDirectories(Path dir) throws IOException {
        for (Path p = dir; p != null && p.startsWith(shaRoot); p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(p);
            }
        }
    }

    /** Removes now-empty folders up to (not including) the top, so a deleted "a/b" frees the key "a". */
    private static void pruneEmptyParents(Path dir, Path top) {
        for (Path p = dir; p != null && p.startsWith(top) && !p.equals(top); p = p.getParent()) {
            try {
                Files.delete(p);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return; // best effort: an empty folder is harmless
            }
        }
    }

    /** Makes the rename durable; not every file system allows opening a folder, so best effort. */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // ignored: the data itself is already synced
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // ignored: a leftover hidden temp file is invisible to list()
        }
    }

    private static String randomHex() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
