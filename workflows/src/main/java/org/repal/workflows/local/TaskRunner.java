package org.repal.workflows.local;

import java.util.List;
import org.repal.core.store.ArtifactStore;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.PlanTask;

/**
 * Runs one plan task in this process behind the same cache check as {@link LocalRunner}: skipped when its
 * marker verifies, else stale outputs removed, its dependencies' files checked against their markers (a changed one
 * fails the task with exit code 2 naming it), the stage run, and the marker written after its outputs. This
 * is how a workflow pod runs its task, so caching lives in the stage, wherever it runs.
 */
public final class TaskRunner {
    /** Runs a stage command line ({@code repal <args>}) and returns its exit code. */
    @FunctionalInterface
    public interface Stage {
        int run(List<String> args);
    }

    /** "ran", "skipped" or "failed" (with the stage's exit code); the marker when the task is done. */
    public record Outcome(String task, String status, int exit, String key, TaskCache.Marker marker,
                          double seconds) {
    }

    private TaskRunner() {
    }

    /** The named task of the plan; an unknown name throws, listing a few valid ones. */
    public static PlanTask find(Plan plan, String name) {
        PlanTask t = plan.byName().get(name);
        if (t == null) {
            List<String> names = plan.tasks().stream().map(PlanTask::name).toList();
            throw new IllegalArgumentException("--task: no task '" + name + "' in plan " + plan.name() + " (tasks: "
                    + String.join(", ", names.subList(0, Math.min(4, names.size())))
                    + (names.size() > 4 ? ", …; " + names.size() + " in all" : "") + ")");
        }
        return t;
    }

    public static Outcome run(PlanTask t, ArtifactStore store, Stage stage) {
        long t0 = System.nanoTime();
        TaskCache cache = new TaskCache(store);
        TaskCache.Check check = cache.check(t);
        if (check.done()) {
            return new Outcome(t.name(), "skipped", 0, check.key(), cache.marker(t).orElseThrow(), seconds(t0));
        }
        cache.verifyInputs(t); // a changed input this task cannot remake: exit 2 naming it, before any work
        long s0 = System.nanoTime();
        int exit = stage.run(t.argsFor(store.location()));
        if (exit != 0) {
            return new Outcome(t.name(), "failed", exit, check.key(), null, seconds(t0));
        }
        TaskCache.Marker m = cache.complete(t, check.key(), seconds(s0));
        return new Outcome(t.name(), "ran", 0, check.key(), m, seconds(t0));
    }

    private static double seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
    }
}
