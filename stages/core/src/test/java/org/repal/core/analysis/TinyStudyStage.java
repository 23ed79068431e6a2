package org.repal.core.analysis;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.repal.core.cli.StageCli;

/**
 * Runs an analysis stage's command in-process on a {@link TinyStudy}, with DSA settings small enough for the study's
 * 50-step window and 24 trials. Shared by the dissimilarity and learning-dynamics stage tests (core test-jar).
 */
public final class TinyStudyStage {
    /** Small DSA so that the tests stay quick. */
    public static final List<String> FAST_DSA =
            List.of("--n-delays", "5", "--delay-interval", "2", "--rank", "12", "--no-progress");

    private final Supplier<Object> command;
    private final TinyStudy study;

    /** {@code command} makes a fresh picocli command object for every run. */
    public TinyStudyStage(Supplier<Object> command, TinyStudy study) {
        this.command = command;
        this.study = study;
    }

    /** Runs the command with the given arguments; returns its exit code, its output in {@code out}/{@code err}. */
    public int run(StringWriter out, StringWriter err, String... args) {
        return StageCli.run(command.get(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** The study's data and models, the output folder, the fast DSA settings, then {@code extra}. */
    public String[] args(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("--data", study.data.toString(), "--models", study.models.toString(),
                "--out", out.toString()));
        a.addAll(FAST_DSA);
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    /** Every file under the folder, by relative path, with its bytes (to compare runs byte for byte). */
    public static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
