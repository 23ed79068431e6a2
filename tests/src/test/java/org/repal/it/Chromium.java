package org.repal.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium from the command line: the DOM after load ({@code --dump-dom}) with the browser's log on stderr
 * ({@code --enable-logging=stderr --v=0}: page console messages appear as {@code :CONSOLE} lines), and screenshots.
 * Each run uses a fresh profile folder; {@code --no-sandbox} because CI runs as root.
 */
final class Chromium {
    /** What one run printed. */
    record Output(String stdout, String stderr) {
    }

    private final Path binary;
    private final Path scratch;

    private Chromium(Path binary, Path scratch) {
        this.binary = binary;
        this.scratch = scratch;
    }

    /** The binary from REPAL_CHROMIUM, else the first of chromium, chromium-browser, google-chrome on PATH. */
    static Optional<Chromium> find(Path scratch) {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("REPAL_CHROMIUM");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
                candidates.add(Path.of(dir, name));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(b -> new Chromium(b, scratch));
    }

    /** The DOM of the page after load, and the browser's log. */
    Output dumpDom(Path page) {
        return run("--dump-dom", page.toUri().toString());
    }

    /** A PNG screenshot of the top {@code height} pixels of the page at 1280 px wide. */
    Output screenshot(Path page, Path png, int height) {
        return run("--screenshot=" + png.toAbsolutePath(), "--window-size=1280," + height, "--hide-scrollbars",
                page.toUri().toString());
    }

    private Output run(String... args) {
        try {
            Path profile = Files.createTempDirectory(scratch, "chromium-profile");
            List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-extensions", "--disable-background-networking",
                    "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).directory(scratch.toFile()).start();
            CompletableFuture<String> out = read(p.getInputStream());
            CompletableFuture<String> err = read(p.getErrorStream());
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish in 3 minutes: " + cmd);
            }
            Output o = new Output(out.join(), err.join());
            if (p.exitValue() != 0) {
                throw new IllegalStateException("chromium exited " + p.exitValue() + ": " + o.stderr());
            }
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
