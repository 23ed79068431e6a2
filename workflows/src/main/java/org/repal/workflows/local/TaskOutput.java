package org.repal.workflows.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A task process's output (stdout and stderr merged), copied to its log file while the last lines are kept in
 * memory. The copy to the log is best effort: when the log cannot be written (its disk is full) the output is
 * still read to its end, so the task never blocks on a full pipe and its last lines still reach the runner.
 */
final class TaskOutput {
    private final Thread reader;
    private volatile String lastLine = "(no output)";
    private volatile String errorLine = "(no output)";

    /** Reads {@code in} on its own thread, copying it to {@code log} (null: no copy). */
    TaskOutput(InputStream in, Path log) {
        reader = new Thread(() -> copy(in, log), "repal-task-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void copy(InputStream in, Path log) {
        Writer out = null;
        try {
            out = log == null ? null : Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // no log: keep reading
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (out != null) {
                    try {
                        out.write(line);
                        out.write('\n');
                        out.flush();
                    } catch (IOException e) {
                        out = null; // the log's disk is full or gone: the lines still count below
                    }
                }
                if (!line.isBlank()) {
                    lastLine = line.trim();
                    if (!line.startsWith("{\"task\"")) {
                        errorLine = line.trim();
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended: what was read is what there is
        } finally {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** The last lines of a finished log (a step run inside the runner's JVM writes its log itself). */
    static TaskOutput ofLog(Path log) throws IOException, InterruptedException {
        TaskOutput output = new TaskOutput(Files.newInputStream(log), null);
        output.join();
        return output;
    }

    /** Waits until the output has been read to its end (the process has exited). */
    void join() throws InterruptedException {
        reader.join();
    }

    /** The last non-blank line. */
    String lastLine() {
        return lastLine;
    }

    /** The last non-blank line that is not {@code repal task}'s JSON status line: usually the error. */
    String errorLine() {
        return errorLine;
    }
}
