package org.repal.core.train;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Progress on stderr (stdout carries the JSON summary): one line per finished epoch with its loss and
 * per-task validation accuracy; in a terminal also a redrawn line with the batch count and loss. Lines start with
 * the stage's name ({@code train-rnn: …}).
 */
public final class TrainProgress implements PhaseTrainer.Listener {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final String stage;
    private final PrintWriter err;
    private final boolean terminal;
    private final String run;
    private long lastDraw;

    /** {@code err} null: silent. */
    public TrainProgress(String stage, PrintWriter err, boolean terminal, String run) {
        this.stage = stage;
        this.err = err;
        this.terminal = terminal;
        this.run = run;
    }

    @Override
    public void batch(String phase, int epoch, int done, int total, double loss) {
        long now = System.nanoTime();
        if (err != null && terminal && now - lastDraw > REDRAW_NANOS) {
            lastDraw = now;
            err.print(String.format(Locale.ROOT, "\r%s: %s %s epoch %d batch %d/%d loss %.4f\033[K", stage, run, phase,
                    epoch, done, total, loss));
            err.flush();
        }
    }

    @Override
    public void epoch(EpochRecord r, int epochs, double seconds) {
        if (err == null) {
            return;
        }
        StringBuilder acc = new StringBuilder();
        for (Map.Entry<String, Double> e : r.accuracy().entrySet()) {
            acc.append(' ').append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%.3f", e.getValue()));
        }
        String line = String.format(Locale.ROOT, "%s: %s %s epoch %d/%d loss %.4f accuracy%s (%.1f s)", stage, run,
                r.phase(), r.epoch() + 1, epochs, r.loss(), acc, seconds);
        err.print(terminal ? "\r" + line + "\033[K\n" : line + "\n");
        err.flush();
    }

    public void line(String text) {
        if (err != null) {
            err.println(stage + ": " + text);
            err.flush();
        }
    }
}
