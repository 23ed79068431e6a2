package org.repal.workflows.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A pipeline as a DAG of stage tasks, in a topological order (every task after the tasks it depends on). */
public record Plan(String name, List<PlanTask> tasks) {
    /** Placeholder for the store location in task arguments. */
    public static final String STORE = "${store}";

    /** Upper bound on tasks per plan (one Argo pod each). */
    public static final int MAX_TASKS = 500;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Plan {
        tasks = List.copyOf(tasks);
        Map<String, PlanTask> seen = new java.util.HashMap<>();
        for (PlanTask t : tasks) {
            for (String d : t.dependsOn()) {
                if (!seen.containsKey(d)) {
                    throw new IllegalArgumentException("plan task " + t.name() + " depends on " + d
                            + ", which is not an earlier task");
                }
            }
            if (seen.put(t.name(), t) != null) {
                throw new IllegalArgumentException("plan task name " + t.name() + " is used twice");
            }
        }
    }

    public Map<String, PlanTask> byName() {
        return tasks.stream().collect(Collectors.toMap(PlanTask::name, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    /** Indented JSON (deterministic: records serialise their components in declaration order). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan is plain data", e);
        }
    }
}
