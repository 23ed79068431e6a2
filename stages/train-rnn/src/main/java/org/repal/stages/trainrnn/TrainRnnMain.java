package org.repal.stages.trainrnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import picocli.CommandLine;

/**
 * Entry point of the stage's own jar: the same command as {@code repal train-rnn}, with the CLI's exit codes
 * (bad options or input → 2 with one line on stderr, a diverged run → 2, anything else → 1).
 */
public final class TrainRnnMain {
    private TrainRnnMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new TrainRnnCommand());
        cli.setParameterExceptionHandler((ex, argv) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandName() + ": " + ex.getMessage().replace('\n', ' ') + " (see "
                    + cmd.getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            boolean bad = e instanceof IllegalArgumentException || e instanceof IOException
                    || e instanceof UncheckedIOException || e instanceof NoSuchElementException;
            String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            cmd.getErr().println(cmd.getCommandName() + ": " + (bad ? "" : "internal error: ") + m.replace('\n', ' '));
            if (!bad && System.getenv("REPAL_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return bad ? 2 : 1;
        });
        return cli.execute(args);
    }
}
