package org.repal.workflows.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStores;
import org.repal.core.store.Sha256;
import org.repal.workflows.TinyExperiment;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.Planner;

/**
 * The local runner end to end on a tiny config (2 configs x 2 groups, 1 epoch): a run interrupted after
 * generate, the rest, a warm rerun that does nothing, and reruns after losing a chunk's marker or an output.
 */
class LocalRunnerTest {
    private static final String TINY = TinyExperiment.VALID;

    @TempDir
    Path root;

    private final StringWriter progress = new StringWriter();

    private LocalRunner.Summary run(Plan plan) throws Exception {
        try (ArtifactStore store = ArtifactStores.open(root.toString())) {
            return new LocalRunner(store, 2, root.resolve(".repal/logs"), new PrintWriter(progress), Map.of()).run(plan);
        }
    }

    /** Task JVMs load the JDK's vector module (the DMD solver's kernel) before the class path. */
    @Test
    void taskJvmsLoadTheVectorModule() {
        assertTrue(ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent(), "this JDK ships the module");
        List<String> cmd = LocalRunner.childCommand(List.of("task", "dissimilarity-rnn"));
        assertEquals("--add-modules=jdk.incubator.vector", cmd.get(1));
        assertEquals(List.of("org.repal.cli.Repal", "task", "dissimilarity-rnn"), cmd.subList(cmd.size() - 3,
                cmd.size()));
    }

    @Test
    void runsSkipsAndResumes() throws Exception {
        ExperimentConfig c = ConfigLoader.parse(TINY, "tiny.yaml");
        Plan plan = Planner.plan(c);
        assertEquals(List.of("generate", "train-rnn-master-0", "train-rnn-master-1", "train-rnn-untrained-0",
                "train-rnn-untrained-1"), plan.tasks().stream().map(t -> t.name()).toList());

        // Interrupted after the generate stage: only that task has run.
        LocalRunner.Summary first = run(new Plan(plan.name(), plan.tasks().subList(0, 1)));
        assertEquals(1, first.ran());
        assertTrue(Files.isRegularFile(root.resolve("data/manifest.json")));
        assertFalse(Files.exists(root.resolve("models")));

        LocalRunner.Summary full = run(plan);
        assertEquals(1, full.skipped(), progress.toString());
        assertEquals(4, full.ran());
        Path master16 = root.resolve("models/master/leaky_rnn_relu_16_0.001_8_kaiming/final.npz");
        Path untrained8 = root.resolve("models/untrained/leaky_rnn_relu_8_0.001_8_kaiming/final.npz");
        assertTrue(Files.isRegularFile(master16) && Files.isRegularFile(untrained8));
        assertTrue(Files.isRegularFile(root.resolve("data/AntiPerceptualDecisionMakingDelayResponse/train/inputs.npy")));
        Map<String, String> hashes = artifactHashes();
        Map<String, FileTime> times = mtimes();

        // Warm rerun: nothing runs, nothing is rewritten.
        LocalRunner.Summary warm = run(plan);
        assertEquals(0, warm.ran());
        assertEquals(5, warm.skipped());
        assertEquals(times, mtimes());

        // A chunk killed before its marker (outputs gone) and a chunk whose output was lost after its marker.
        Files.delete(root.resolve(TaskCache.MARKERS + "train-rnn-master-1.json"));
        deleteTree(master16.getParent());
        Files.delete(untrained8);
        LocalRunner.Summary resumed = run(plan);
        assertEquals(2, resumed.ran(), resumed.tasks().toString());
        assertEquals("ran", resumed.tasks().get("train-rnn-master-1"));
        assertEquals("ran", resumed.tasks().get("train-rnn-untrained-0"));
        assertEquals(hashes, artifactHashes());
    }

    @Test
    void failedTaskIsReportedAndNotMarked() throws Exception {
        ExperimentConfig c = ConfigLoader.parse(TINY.replace("[master, untrained]", "[master]"), "tiny.yaml");
        Plan plan = Planner.plan(c);
        // Skip generate: training then finds no data and exits 2.
        Plan broken = new Plan(plan.name(), List.of(new org.repal.workflows.plan.PlanTask("train-rnn-master-0",
                "train-rnn", plan.tasks().get(1).args(), List.of(), List.of(), plan.tasks().get(1).outputs(),
                plan.tasks().get(1).resources())));
        LocalRunner.TaskFailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                LocalRunner.TaskFailedException.class, () -> run(broken));
        assertTrue(e.getMessage().startsWith("train-rnn-master-0 exited 2: "), e.getMessage());
        assertFalse(Files.exists(root.resolve(TaskCache.MARKERS + "train-rnn-master-0.json")));
    }

    @Test
    void runsTheRenderedWorkflowWithTheSameCache() throws Exception {
        ExperimentConfig c = ConfigLoader.parse(TINY.replace("[master, untrained]", "[master]"), "tiny.yaml");
        org.repal.workflows.argo.Workflow wf = org.repal.workflows.argo.WorkflowRenderer.workflow(c);
        LocalRunner.Summary first;
        try (ArtifactStore store = ArtifactStores.open(root.toString())) {
            first = new LocalRunner(store, 2, root.resolve(".repal/logs"), new PrintWriter(progress), Map.of())
                    .run(wf, null);
        }
        assertEquals(List.of("generate", "train-rnn-master-0", "train-rnn-master-1"), List.copyOf(first.tasks().keySet()));
        assertEquals(3, first.ran(), progress.toString());
        assertTrue(Files.isRegularFile(root.resolve(".repal/logs/train-rnn-master-1.marker.json")));
        Map<String, String> hashes = artifactHashes();
        Map<String, FileTime> times = mtimes();

        // The plan runner sees the workflow's markers: nothing to do.
        LocalRunner.Summary warm = run(Planner.plan(c));
        assertEquals(3, warm.skipped());
        assertEquals(times, mtimes());

        // The workflow's steps check the cache themselves: a lost model reruns one step, to the same bytes.
        Files.delete(root.resolve("models/master/leaky_rnn_relu_16_0.001_8_kaiming/final.npz"));
        try (ArtifactStore store = ArtifactStores.open(root.toString())) {
            LocalRunner.Summary resumed = new LocalRunner(store, 2, root.resolve(".repal/logs"),
                    new PrintWriter(progress), Map.of()).run(wf, null);
            assertEquals(Map.of("generate", "skipped", "train-rnn-master-0", "skipped", "train-rnn-master-1", "ran"),
                    resumed.tasks());
        }
        assertEquals(hashes, artifactHashes());
    }

    /** SHA-256 of every dataset and model file. */
    private Map<String, String> artifactHashes() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String top : List.of("data", "models")) {
            try (Stream<Path> s = Files.walk(root.resolve(top))) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    out.put(root.relativize(p).toString(), Sha256.of(p));
                }
            }
        }
        return out;
    }

    private Map<String, FileTime> mtimes() throws IOException {
        Map<String, FileTime> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".repal/logs")).toList()) {
                out.put(root.relativize(p).toString(), Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
