package org.repal.workflows.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's project version (Maven-filtered into version.properties). */
public final class ProjectVersion {
    /** The full version, e.g. "0.1.0-SNAPSHOT"; "unknown" when run from unfiltered classes. */
    public static final String VALUE = read();

    /**
     * The version without a -SNAPSHOT suffix: the default image tag, since images (and the Helm chart's
     * appVersion) carry the release a snapshot leads to.
     */
    public static final String RELEASE = VALUE.replaceFirst("-SNAPSHOT$", "");

    private ProjectVersion() {
    }

    private static String read() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
