package org.repal.core.report;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.repal.core.store.ArtifactStore;

/**
 * Writes a built report into a run's store under {@value #PREFIX}: the old page is removed first, then every file
 * is put (each put is atomic: a temp file renamed, or one S3 object), files of an older report that this one does
 * not have are removed, and {@value #INDEX} comes last. A reader therefore sees either no page or a complete one
 * whose files are all present; a failure midway leaves no page.
 */
public final class ReportPublisher {
    /** The report folder in the run. */
    public static final String PREFIX = "report/";
    /** The page's key. */
    public static final String INDEX = PREFIX + "index.html";

    private ReportPublisher() {
    }

    /** Writes the report; returns the page's location. */
    public static String publish(ArtifactStore store, ReportContent content) {
        store.delete(INDEX);
        Set<String> keys = new HashSet<>();
        content.files().forEach((path, bytes) -> {
            store.put(PREFIX + path, bytes);
            keys.add(PREFIX + path);
        });
        for (String old : store.list(PREFIX)) {
            if (!keys.contains(old) && !old.equals(INDEX)) {
                store.delete(old);
            }
        }
        store.put(INDEX, content.html().getBytes(StandardCharsets.UTF_8));
        String root = store.location();
        return (root.endsWith("/") ? root : root + "/") + INDEX;
    }
}
