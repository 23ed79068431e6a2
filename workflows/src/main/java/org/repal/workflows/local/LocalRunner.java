package org.repal.workflows.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.repal.core.linalg.VectorApi;
import org.repal.core.store.ArtifactStore;
import org.repal.workflows.argo.Workflow;
import org.repal.workflows.argo.WorkflowRenderer;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.PlanTask;
import org.repal.workflows.plan.Planner;

/**
 * Runs a plan on this machine: each task in its own JVM ({@code java -cp <this classpath> org.repal.cli.Repal
 * <args>}), so that every task starts OpenBLAS single-threaded and tasks run side by side, up to {@code jobs}
 * at a time, each as soon as the tasks it depends on are done. Tasks whose marker verifies are skipped; a task
 * is marked done only after its process exits 0 and its outputs exist. It runs either a plan (the runner checks
 * the cache) or a rendered Workflow (each step runs {@code repal task}, which checks the cache itself, exactly
 * as on a cluster).
 */
public final class LocalRunner {
    /** What a run did: task name → "ran" or "skipped". */
    public record Summary(Map<String, String> tasks, int ran, int skipped, double seconds) {
    }

    private static final ObjectMapper STATUS_JSON =
            new ObjectMapper();

    private final ArtifactStore store;
    private final int jobs;
    private final Path logs;
    private final PrintWriter err;
    private final Map<String, String> env;
    /** Runs a step's command line ({@code repal <args>}) in this JVM with its output to {@code log}; its exit code. */
    @FunctionalInterface
    public interface InProcess {
        int run(List<String> args, PrintWriter log);
    }

    /** When set, steps run in this JVM instead of one JVM each (simulated runs: start-up would dominate). */
    private InProcess inProcess;
    /** Children still running; a shutdown hook (Ctrl-C, kill) takes them down with the runner. */
    private final Set<Process> children = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param logs folder for the tasks' stdout/stderr ({@code <task>.log})
     * @param env  extra environment of the child processes (S3 settings are inherited anyway)
     */
    public LocalRunner(ArtifactStore store, int jobs, Path logs, PrintWriter err, Map<String, String> env) {
        this.store = store;
        this.jobs = Math.max(1, jobs);
        this.logs = logs;
        this.err = err;
        this.env = env;
    }

    /**
     * One process to run: its command line and the steps it waits for. With {@code task} (its plan task) the
     * runner skips it when its marker verifies, without starting a process. A {@code selfCaching} step (a
     * workflow's {@code repal task}) checks and records the cache itself and reports on its last stdout line
     * ({@code {"task":…,"status":"skipped"|"ran"}}); otherwise the runner records the marker.
     */
    private record Step(String name, List<String> args, List<String> dependsOn, PlanTask task,
                        boolean selfCaching) {
    }

    /** Runs every step in this JVM through {@code p} (see {@link InProcess}); returns this runner. */
    public LocalRunner inProcess(InProcess p) {
        this.inProcess = p;
        return this;
    }

    /** Runs the plan; on a failed task, lets running tasks finish and throws naming it and its log. */
    public Summary run(Plan plan) throws IOException, InterruptedException {
        return run(plan.tasks().stream().map(t -> new Step(t.name(), t.argsFor(store.location()), t.dependsOn(), t,
                false)).toList());
    }

    /**
     * Runs a rendered Workflow's steps with this runner's store as the parameter {@value WorkflowRenderer#STORE};
     * {@code only} (null: all) restricts it to these steps, ignoring their dependencies on the others.
     */
    public Summary run(Workflow wf, Collection<String> only) throws IOException, InterruptedException {
        Files.createDirectories(logs);
        List<WorkflowInterpreter.Step> steps = WorkflowInterpreter.expand(wf,
                Map.of(WorkflowRenderer.STORE, store.location()),
                (step, artifact) -> logs.resolve(step + "." + artifact + ".json").toString());
        if (only != null) {
            for (String n : only) {
                if (steps.stream().noneMatch(s -> s.name().equals(n))) {
                    throw new IllegalArgumentException("no step " + n + " in the workflow");
                }
            }
        }
        // The steps re-plan from the workflow's config; so does this runner, to skip finished steps unstarted.
        Map<String, PlanTask> tasks = planOf(wf);
        return run(steps.stream().filter(s -> only == null || only.contains(s.name()))
                .map(s -> new Step(s.name(), s.args(), s.dependsOn().stream()
                        .filter(d -> only == null || only.contains(d)).toList(), tasks.get(s.name()), true))
                .toList());
    }

    /** The plan tasks of a workflow rendered from a config (empty when it carries none). */
    private static Map<String, PlanTask> planOf(Workflow wf) {
        return wf.getSpec().arguments().parameters().stream()
                .filter(p -> p.name().equals(WorkflowRenderer.CONFIG)).findFirst()
                .map(p -> Planner.plan(ConfigLoader.parse(p.value(), "workflow parameter config")).byName())
                .orElse(Map.of());
    }

    private Summary run(List<Step> steps) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Files.createDirectories(logs);
        TaskCache cache = new TaskCache(store);
        Map<String, String> status = new LinkedHashMap<>();
        steps.forEach(t -> status.put(t.name(), "pending"));
        Set<String> done = new HashSet<>();
        Map<Future<Result>, Step> running = new HashMap<>();
        Thread reaper = new Thread(() -> children.forEach(Process::destroyForcibly), "repal-run-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        ExecutorCompletionService<Result> ecs = new ExecutorCompletionService<>(pool);
        List<String> failures = new ArrayList<>();
        boolean badInput = false;
        int total = steps.size();
        try {
            while (true) {
                if (failures.isEmpty()) {
                    for (Step t : steps) {
                        if (status.get(t.name()).equals("pending") && done.containsAll(t.dependsOn())) {
                            TaskCache.Check check = t.task() == null ? null : cache.check(t.task());
                            if (check != null && check.done()) {
                                status.put(t.name(), "skipped");
                                done.add(t.name());
                                log("[" + done.size() + "/" + total + "] " + t.name() + ": done before, skipped");
                                continue;
                            }
                            if (running.size() >= jobs) {
                                continue;
                            }
                            status.put(t.name(), "running");
                            log("start " + t.name());
                            running.put(ecs.submit(() -> execute(t, check == null ? null : check.key(), cache)), t);
                        }
                    }
                    // Skipping can unlock dependants: rescan before waiting.
                    if (steps.stream().anyMatch(t -> status.get(t.name()).equals("pending")
                            && done.containsAll(t.dependsOn())) && running.size() < jobs) {
                        continue;
                    }
                }
                if (running.isEmpty()) {
                    break;
                }
                Future<Result> f = ecs.take();
                Step t = running.remove(f);
                try {
                    Result r = f.get();
                    if (r.exit == 0) {
                        boolean skipped = t.selfCaching() && "skipped".equals(reportedStatus(r.lastLine));
                        status.put(t.name(), skipped ? "skipped" : "ran");
                        done.add(t.name());
                        log("[" + done.size() + "/" + total + "] " + t.name() + (skipped ? ": done before, skipped"
                                : ": done in " + String.format("%.1f", r.seconds) + " s"));
                    } else {
                        status.put(t.name(), "failed");
                        failures.add(t.name() + " exited " + r.exit + ": " + r.errorLine + " (log: " + r.log + ")");
                        if (r.exit == BAD_INPUT) {
                            badInput = true;
                        }
                    }
                } catch (ExecutionException e) {
                    status.put(t.name(), "failed");
                    failures.add(t.name() + ": " + e.getCause().getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook runs
            }
        }
        if (!failures.isEmpty()) {
            throw new TaskFailedException(failures.get(0) + (failures.size() > 1
                    ? " (and " + (failures.size() - 1) + " more failed)" : ""), badInput ? BAD_INPUT : 1);
        }
        int ran = (int) status.values().stream().filter("ran"::equals).count();
        int skipped = (int) status.values().stream().filter("skipped"::equals).count();
        return new Summary(status, ran, skipped, Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
    }

    /** {@code lastLine}: the step's last output line; {@code errorLine}: its last line that is not a status line. */
    private record Result(int exit, double seconds, String lastLine, String errorLine, Path log) {
    }

    /** A task's exit code for bad input or a failed write (a full disk, an unreachable store): passed on by run. */
    static final int BAD_INPUT = 2;

    private Result execute(Step t, String key, TaskCache cache) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Path log = logs.resolve(t.name() + ".log");
        if (inProcess != null) {
            int exit;
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                exit = inProcess.run(t.args(), w);
            }
            if (exit == 0 && !t.selfCaching()) {
                cache.complete(t.task(), key, Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
            }
            TaskOutput output = TaskOutput.ofLog(log);
            return new Result(exit, (System.nanoTime() - t0) / 1e9, output.lastLine(), output.errorLine(), log);
        }
        List<String> cmd = childCommand(t.args());
        // Through a pipe rather than straight into the log: the log may sit on the disk that just filled up, and
        // the task's last words must still reach the user.
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        // One BLAS thread per task: the runner supplies the parallelism (and results do not depend on it).
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        pb.environment().put("ND4J_SKIP_BLAS_THREADS", "1");
        Process p = pb.start();
        children.add(p);
        TaskOutput output = new TaskOutput(p.getInputStream(), log);
        int exit;
        try {
            exit = p.waitFor();
            output.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        } finally {
            children.remove(p);
        }
        if (exit == 0 && !t.selfCaching()) {
            cache.complete(t.task(), key, Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
        }
        return new Result(exit, (System.nanoTime() - t0) / 1e9, output.lastLine(), output.errorLine(), log);
    }

    /** The status a {@code repal task} step printed as its last line, or null. */
    private static String reportedStatus(String line) {
        try {
            return STATUS_JSON.readTree(line).path("status").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The command line of a task's own JVM: this JVM's java and class path, then {@code repal <args>}. */
    static List<String> childCommand(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary()));
        // The DMD solver's product kernel (VectorApi) and float32 GRU steps use the JDK's vector module; each task
        // log then opens with the JVM's one-line "Using incubator modules" warning.
        if (ModuleFinder.ofSystem().find(VectorApi.VECTOR_MODULE).isPresent()) {
            cmd.add("--add-modules=" + VectorApi.VECTOR_MODULE);
        }
        // Huge pages for the heap, as the wrapper and the images start it (first touches of fresh arrays are slow here).
        cmd.add("-XX:+UseTransparentHugePages");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.repal.cli.Repal"));
        cmd.addAll(args);
        return cmd;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void log(String line) {
        if (err != null) {
            err.println("run: " + line);
            err.flush();
        }
    }

    /** A task exited non-zero or could not start. */
    public static final class TaskFailedException extends RuntimeException {
        private final int exitCode;

        TaskFailedException(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        /** 2 when a failed task reported bad input or a failed write (e.g. a full disk), else 1. */
        public int exitCode() {
            return exitCode;
        }
    }
}
