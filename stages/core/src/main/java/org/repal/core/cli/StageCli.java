package org.repal.core.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import org.repal.core.device.DeviceCheck;
import org.repal.core.device.DeviceCheckFailedException;
import org.repal.core.linalg.NumericsCheckFailedException;
import org.repal.core.linalg.NumericsGate;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The command-line contract shared by {@code repal} and every stage main: usage mistakes and bad input
 * (IllegalArgumentException, I/O errors such as a full disk, artifact store failures, artifacts that fail their
 * recorded hash, missing keys) → exit 2 with one line on stderr, anything else → 1
 * (stack trace with REPAL_DEBUG set). Before a command runs, the BLAS/LAPACK self-check ({@link NumericsGate})
 * must pass, and then the device check ({@link DeviceCheck}: on the cuda image, ND4J's backend is CUDA and a GEMM on
 * the device agrees with the CPU; a no-op on the CPU image), else exit 2 with its one line; commands that compute
 * nothing are marked {@link WithoutNumerics}.
 */
public final class StageCli {
    public static final int EXIT_BAD_INPUT = 2;

    /** A command that makes no BLAS/LAPACK call in this process (it renders, submits, or starts other JVMs). */
    public interface WithoutNumerics {
    }

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
            cmd.getErr().println(cmd.getCommandName() + ": " + shown(ex.getMessage()) + " (see "
                    + cmd.getCommandSpec().qualifiedName() + " --help)");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionStrategy(parseResult -> {
            if (needsNumerics(parseResult)) {
                try {
                    NumericsGate.ensure();
                } catch (NumericsCheckFailedException e) {
                    CommandLine cmd = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
                    cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
                    return EXIT_BAD_INPUT;
                }
                try {
                    DeviceCheck.ensure();
                } catch (DeviceCheckFailedException e) {
                    CommandLine cmd = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
                    cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
                    return EXIT_BAD_INPUT;
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            // Artifact store failures (disk full, S3 unreachable or refusing) name the location: the user can act.
            boolean bad = e instanceof IllegalArgumentException || e instanceof IOException
                    || e instanceof org.repal.core.store.ArtifactIntegrityException
                    || e instanceof UncheckedIOException || e instanceof NoSuchElementException
                    || e instanceof org.repal.core.store.ArtifactStoreException;
            String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            cmd.getErr().println(cmd.getCommandName() + ": " + (bad ? "" : "internal error: ") + shown(m));
            if (!bad && System.getenv("REPAL_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return bad ? EXIT_BAD_INPUT : 1;
        });
        return cli;
    }

    /** One line, with the user info of any URL in it (a key, a password) replaced: errors often quote locations. */
    static String shown(String message) {
        return org.repal.core.store.StoreLocations.redactAll(message).replace('\n', ' ');
    }

    /** Whether the command to run computes in this process (not a help or version request, not WithoutNumerics). */
    private static boolean needsNumerics(ParseResult parseResult) {
        ParseResult last = parseResult;
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return false;
            }
            last = p;
        }
        Object command = last.commandSpec().userObject();
        // A parent command run without a subcommand only prints its usage.
        boolean parentOnly = !last.commandSpec().subcommands().isEmpty() && !(command instanceof java.util.concurrent.Callable)
                && !(command instanceof Runnable);
        return !(command instanceof WithoutNumerics) && !parentOnly;
    }
}
