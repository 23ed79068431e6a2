package org.repal.workflows.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.PlanTask;
import org.repal.workflows.plan.Planner;

/**
 * The simulated variant of a plan ({@code simulate: true}, {@code repal run --simulate}): the same tasks, names,
 * dependencies, inputs and outputs, but every compute task runs {@code repal simulate --store ${store} --task-json
 * <the real task>} instead of its stage, so {@link Simulator} writes the outputs' names and shapes without training
 * or fitting. The report task stays real: it reads the simulated outputs as it would a real run's. The command line
 * differs from the real one, so simulated and real runs never share cache keys (a real run in a folder that holds a
 * simulated one recomputes everything).
 */
public final class SimulatedPlan {
    /** The command the simulated tasks run. */
    public static final String COMMAND = "simulate";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedPlan() {
    }

    public static Plan of(Plan real) {
        List<PlanTask> out = new ArrayList<>();
        for (PlanTask t : real.tasks()) {
            if (t.stage().equals(Planner.REPORT)) {
                out.add(t);
                continue;
            }
            List<String> args = List.of(COMMAND, "--store", Plan.STORE, "--task-json", json(t));
            out.add(new PlanTask(t.name(), t.stage(), args, t.dependsOn(), t.inputs(), t.outputs(), t.resources()));
        }
        return new Plan(real.name(), out);
    }

    static String json(PlanTask t) {
        try {
            return JSON.writeValueAsString(t);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan task is plain data", e);
        }
    }

    /** The real task carried by a simulated task's {@code --task-json}. */
    public static PlanTask parse(String json) {
        try {
            return JSON.readValue(json, PlanTask.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--task-json: not a plan task: " + e.getOriginalMessage());
        }
    }
}
