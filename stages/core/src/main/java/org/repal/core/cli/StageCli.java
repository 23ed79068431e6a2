package org.repal.core.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import picocli.CommandLine;

/**
 * The command-line contract shared by {@code repal} and every stage main: usage mistakes and bad input
 * (IllegalArgumentException, I/O errors, missing keys) → exit 2 with one line on stderr, anything else → 1
 * (stack trace with REPAL_DEBUG set).
 */
public final class StageCli {
    public static final int EXIT_BAD_INPUT = 2;

    private StageCli() {
    }

    public static int run(Object command, String... args) {
        return run(command, null, null, args);
    }

    /** With the given stdout/stderr writers (null: the process's). */
    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        return configure(new CommandLine(command), out, err).execute(args);
    }

    /** Installs the contract's handlers (and the writers, when not null) on a command line. */
    public static CommandLine configure(CommandLine cli, PrintWriter out, PrintWriter err) {
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setParameterExceptionHandler((ex, argv) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandName() + ": " + ex.getMessage().replace('\n', ' ') + " (see "
                    + cmd.getCommandSpec().qualifiedName() + " --help)");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            boolean bad = e instanceof IllegalArgumentException || e instanceof IOException
                    || e instanceof UncheckedIOException || e instanceof NoSuchElementException;
            String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            cmd.getErr().println(cmd.getCommandName() + ": " + (bad ? "" : "internal error: ") + m.replace('\n', ' '));
            if (!bad && System.getenv("REPAL_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return bad ? EXIT_BAD_INPUT : 1;
        });
        return cli;
    }
}
