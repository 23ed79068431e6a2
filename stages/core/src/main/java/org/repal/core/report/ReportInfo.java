package org.repal.core.report;

/**
 * Facts about the build of the report itself.
 *
 * @param codeVersion the report stage's code version
 * @param machine     where it was built, e.g. "Linux amd64, 2 cores, Java 17.0.15"
 */
public record ReportInfo(String codeVersion, String machine) {

    /** The machine this JVM runs on: OS, architecture, cores and Java version. */
    public static String thisMachine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
    }
}
