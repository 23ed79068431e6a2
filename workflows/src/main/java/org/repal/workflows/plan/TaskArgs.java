package org.repal.workflows.plan;

import java.util.Arrays;
import java.util.List;

/** The options of a planned stage command line (the planner wrote them), for the simulator and the estimates. */
public record TaskArgs(List<String> args) {

    /** The value after {@code option}; a missing option throws naming it. */
    public String value(String option) {
        int i = args.indexOf(option);
        if (i < 0 || i + 1 >= args.size()) {
            throw new IllegalArgumentException("the task's command line has no " + option + ": " + args);
        }
        return args.get(i + 1);
    }

    /** The value after {@code option}, or {@code fallback} when absent. */
    public String value(String option, String fallback) {
        return args.contains(option) ? value(option) : fallback;
    }

    public boolean has(String option) {
        return args.contains(option);
    }

    /** A comma-separated list option. */
    public List<String> list(String option) {
        return Arrays.asList(value(option).split(","));
    }

    public List<Integer> ints(String option) {
        return list(option).stream().map(Integer::valueOf).toList();
    }

    public List<Double> doubles(String option) {
        return list(option).stream().map(Double::valueOf).toList();
    }

    /** The command line with the value of {@code option} replaced. */
    public TaskArgs with(String option, String v) {
        List<String> copy = new java.util.ArrayList<>(args);
        copy.set(copy.indexOf(option) + 1, v);
        return new TaskArgs(copy);
    }
}
