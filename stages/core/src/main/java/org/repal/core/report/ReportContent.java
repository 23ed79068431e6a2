package org.repal.core.report;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A built report, not yet written: the page ({@code index.html}) and the files beside it, keyed by their path
 * relative to the report folder ({@code figures/<name>.png|svg}, {@code tables/<name>.csv}, {@code config.json}).
 *
 * @param html  the page
 * @param files path → bytes, sorted by path
 */
public record ReportContent(String html, SortedMap<String, byte[]> files) {

    public ReportContent {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }
}
