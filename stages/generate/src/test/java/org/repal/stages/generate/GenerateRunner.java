package org.repal.stages.generate;

import org.repal.core.cli.StageCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.repal.core.store.Sha256;

/** Runs the generate command in-process and inspects what it wrote. */
final class GenerateRunner {

    record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private GenerateRunner() {
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        int code = StageCli.run(new GenerateCommand(env), o, e, args);
        o.flush();
        e.flush();
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * The base arguments with the overrides applied: an option in the overrides replaces the base's value (picocli
     * rejects repeated options); an option given last without a value is kept as is.
     */
    static String[] merge(List<String> base, List<String> overrides) {
        java.util.LinkedHashMap<String, String> options = new java.util.LinkedHashMap<>();
        List<String> flags = new java.util.ArrayList<>();
        for (List<String> args : List.of(base, overrides)) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                boolean hasValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
                if (a.equals("--no-progress")) {
                    flags.add(a);
                } else if (hasValue) {
                    options.put(a, args.get(++i));
                } else {
                    options.remove(a);
                    flags.add(a);
                }
            }
        }
        List<String> out = new java.util.ArrayList<>();
        options.forEach((k, v) -> {
            out.add(k);
            out.add(v);
        });
        out.addAll(flags);
        return out.toArray(new String[0]);
    }

    /** Relative path → SHA-256 of every file under the folder (the store's hidden metadata excluded). */
    static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith(".repal-meta/")) {
                    out.put(rel, Sha256.of(p));
                }
            }
        }
        return out;
    }

    /** Every entry under the folder, files and folders, relative. */
    static java.util.List<String> entries(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).filter(r -> !r.isEmpty()).sorted().toList();
        }
    }
}
