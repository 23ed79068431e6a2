package org.repal.stages.generate;

import org.repal.core.store.FileTrees;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.store.Sha256;

/**
 * Local folder: files are written (and fsynced) under {@code LOCATION/.tmp-<uuid>/}, then each task folder is
 * renamed into place and the manifest is written through the store. A failed run deletes its staging folder
 * and, when this run created LOCATION, LOCATION itself; an existing dataset stays untouched until publish.
 */
final class LocalPublisher implements DatasetPublisher {
    private static final int BUFFER = 1 << 20;

    private final LocalArtifactStore store;
    private final Path root;
    private final Path staging;
    private final boolean createdRoot;
    /** Task folders already renamed into place by a publish that may still fail. */
    private final List<Path> placed = new ArrayList<>();

    LocalPublisher(LocalArtifactStore store, boolean createdRoot) throws IOException {
        this.store = store;
        this.root = store.root();
        this.createdRoot = createdRoot;
        this.staging = Files.createDirectory(root.resolve(".tmp-" + UUID.randomUUID()));
    }

    @Override
    public ArtifactInfo write(String key, Body body) throws IOException {
        Path file = staging.resolve(key);
        Files.createDirectories(file.getParent());
        MessageDigest md = Sha256.newDigest();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), BUFFER), md);
            body.writeTo(out);
            out.flush();
            ch.force(true); // on disk before the rename publishes it
            return new ArtifactInfo(key, ch.size(), Sha256.toHex(md.digest()));
        } catch (IOException e) {
            // e.g. "No space left on device", which names no file: say which one (the staged copy is removed on abort)
            throw new IOException("cannot write " + root.resolve(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(byte[] manifest, List<String> keys) throws IOException {
        Set<String> old = DatasetPublisher.manifestKeys(store);
        store.delete(MANIFEST); // from here on the location holds no dataset until the new manifest lands
        Set<String> folders = new LinkedHashSet<>();
        for (String k : keys) {
            folders.add(k.split("/", 2)[0]);
        }
        Path replaced = staging.resolve(".replaced");
        for (String folder : folders) {
            Path target = root.resolve(folder);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(replaced);
                Files.move(target, replaced.resolve(folder), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging.resolve(folder), target, StandardCopyOption.ATOMIC_MOVE);
            placed.add(target);
        }
        for (String k : old) {
            if (!folders.contains(k.split("/", 2)[0])) {
                store.delete(k); // the previous dataset's files outside the folders we replaced
            }
        }
        store.put(MANIFEST, manifest);
        FileTrees.deleteRecursively(staging);
    }

    @Override
    public void abort() {
        List<Path> remove = new ArrayList<>(placed);
        remove.add(createdRoot ? root : staging);
        for (Path p : remove) {
            try {
                FileTrees.deleteRecursively(p);
            } catch (IOException | RuntimeException e) {
                // best effort: a folder without a manifest is never taken for a dataset
            }
        }
    }
}
