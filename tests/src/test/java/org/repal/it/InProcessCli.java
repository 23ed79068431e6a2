package org.repal.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.repal.cli.Repal;
import org.repal.core.cli.StageCli;
import picocli.CommandLine;

/**
 * Runs the {@code repal} command line in this JVM, as {@code Repal.main} would but without exiting, and captures
 * everything it prints: picocli's writers and {@code System.out}/{@code System.err} (stages that print progress
 * directly). Hundreds of bad-input cases then cost milliseconds each instead of a JVM start.
 */
final class InProcessCli {

    record Result(int exit, String stdout, String stderr) {
        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }

        String describe() {
            return "exit " + exit + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private InProcessCli() {
    }

    static synchronized Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
            exit = StageCli.configure(new CommandLine(new Repal()), new PrintWriter(out, true),
                    new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(exit, out + sysOut.toString(StandardCharsets.UTF_8),
                err + sysErr.toString(StandardCharsets.UTF_8));
    }
}
