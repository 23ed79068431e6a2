package org.repal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.cli.StageCli;
import org.repal.workflows.TinyExperiment;
import org.repal.workflows.local.RunLock;

/** Bad input to {@code repal run} exits 2 with one line naming the problem, before anything is written. */
class RunCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        return StageCli.configure(new picocli.CommandLine(new Repal()), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true)).execute(args);
    }

    @Test
    void badConfigExitsTwoNamingTheField() throws Exception {
        Path f = dir.resolve("experiment.yaml");
        Files.writeString(f, "taskset: PDM\ntraining: {epochs: 0}\nextra: 1\n");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "run", "--config", f.toString(), "--out", dir.resolve("out").toString()));
        assertEquals("run: experiment.yaml: extra: unknown key", err.toString().trim().split(" \\(")[0]);
        assertEquals(1, err.toString().trim().lines().count());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aSecondRunOnTheSameFolderExitsTwoNamingTheFirst() throws Exception {
        Path out = dir.resolve("out");
        try (RunLock first = RunLock.acquire(out)) {
            StringWriter err = new StringWriter();
            assertEquals(2, run(err, "run", "--profile", "quick", "--out", out.toString()));
            assertEquals(1, err.toString().trim().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("run: another repal run (pid " + ProcessHandle.current().pid()
                    + ") is writing to " + out), err.toString());
            try (var files = Files.list(out)) {
                assertEquals(List.of(out.resolve(".repal")), files.toList(), "nothing but the lock's folder");
            }
        }
        try (RunLock again = RunLock.acquire(out)) { // released on close
            assertTrue(Files.exists(out.resolve(".repal/run.lock")));
        }
    }

    @Test
    void usageMistakesExitTwo() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "run", "--profile", "nope", "--out", dir.toString()));
        assertTrue(err.toString().contains("unknown profile 'nope'"), err.toString());
        assertEquals(2, run(new StringWriter(), "run", "--profile", "quick", "--config", "x.yaml"));
        assertEquals(2, run(new StringWriter(), "run", "--profile", "quick", "--store", "/tmp/x"));
    }

    @Test
    void runsTheRenderedWorkflowRestrictedToOnlyTheseTasks() throws Exception {
        Path f = dir.resolve("tiny.yaml");
        Files.writeString(f, TinyExperiment.VALID);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StageCli.configure(new picocli.CommandLine(new Repal()), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute("run", "--config", f.toString(), "--out",
                dir.resolve("out").toString(), "--only", "generate", "--jobs", "1");
        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().startsWith("{\"plan\":\"repal\",\"tasks\":1,\"ran\":1,\"skipped\":0,"), out.toString());
        assertTrue(Files.isRegularFile(dir.resolve("out/.repal/tasks/generate.json")));
        assertFalse(Files.exists(dir.resolve("out/models")));
        assertEquals(2, run(new StringWriter(), "run", "--config", f.toString(), "--out", dir.toString(), "--only",
                "train-rnn-nope"));
    }
}
