package org.repal.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The project version recorded in manifests and shown in the report (Maven-filtered resource; "unknown" outside a
 * Maven build).
 */
public final class CodeVersion {
    private static final String VERSION = load();

    private CodeVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = CodeVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
