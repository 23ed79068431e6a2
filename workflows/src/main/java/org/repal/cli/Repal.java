package org.repal.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code repal} command: one entry point for every stage and tool. */
@Command(name = "repal", mixinStandardHelpOptions = true, version = "repal 0.1.0",
        description = "Representation-similarity metrics (DSA, Procrustes, CKA) and the RNN study pipeline.",
        subcommands = {CompareCommand.class, BenchCommand.class, DemoCommand.class,
                org.repal.stages.generate.GenerateCommand.class, org.repal.stages.trainrnn.TrainRnnCommand.class})
public final class Repal {

    /** Exit code for bad input (arguments, files, shapes, values): the caller can fix it. */
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (used by tests in-process). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Repal());
        // Usage mistakes: one line naming the problem, not the whole help text.
        cli.setParameterExceptionHandler((ex, argv) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandName() + ": " + ex.getMessage().replace('\n', ' ') + " (see "
                    + cmd.getCommandSpec().qualifiedName() + " --help)");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String name = commandLine.getCommandName();
            if (isBadInput(e)) {
                commandLine.getErr().println(name + ": " + message(e));
                return EXIT_BAD_INPUT;
            }
            commandLine.getErr().println(name + ": internal error: " + message(e));
            if (System.getenv("REPAL_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    private static boolean isBadInput(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof java.util.NoSuchElementException;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }
}
