package org.repal.stages.generate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Progress on stderr (never stdout, which carries the JSON result). On a terminal one line per task and split
 * is redrawn with its percentage; otherwise (logs, pipes) a single line is printed when each finishes.
 */
final class Progress {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean terminal;

    private Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** No output at all. */
    static Progress off() {
        return new Progress(null, false);
    }

    /** Redrawn lines when the process runs in a terminal, one line per finished part otherwise. */
    static Progress to(PrintWriter err) {
        return new Progress(err, System.console() != null);
    }

    /** Starts a part of {@code total} samples; the returned counter takes finished-sample counts. */
    Bar start(String label, int total) {
        return new Bar(label, total);
    }

    final class Bar implements IntConsumer {
        private final String label;
        private final int total;
        private final long started = System.nanoTime();
        private int done;
        private long lastDraw;

        private Bar(String label, int total) {
            this.label = label;
            this.total = total;
        }

        @Override
        public synchronized void accept(int samples) {
            done += samples;
            long now = System.nanoTime();
            if (err != null && terminal && now - lastDraw > REDRAW_NANOS) {
                lastDraw = now;
                err.print(String.format(Locale.ROOT, "\rgenerate: %s %d/%d (%d%%)", label, done, total,
                        100L * done / total));
                err.flush();
            }
        }

        /** Ends the part (after its files are written). */
        synchronized void finish() {
            if (err == null) {
                return;
            }
            String line = String.format(Locale.ROOT, "generate: %s %d/%d done in %.1f s", label, done, total,
                    (System.nanoTime() - started) / 1e9);
            err.print(terminal ? "\r" + line + "\033[K\n" : line + "\n");
            err.flush();
        }
    }
}
