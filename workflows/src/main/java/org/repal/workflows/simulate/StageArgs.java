package org.repal.workflows.simulate;

import java.util.Arrays;
import java.util.List;

/** The options of a planned stage command line, as the simulator needs them (the planner wrote them). */
record StageArgs(List<String> args) {

    /** The value after {@code option}; a missing option throws naming it. */
    String value(String option) {
        int i = args.indexOf(option);
        if (i < 0 || i + 1 >= args.size()) {
            throw new IllegalArgumentException("simulate: the task's command line has no " + option + ": " + args);
        }
        return args.get(i + 1);
    }

    /** The value after {@code option}, or {@code fallback} when absent. */
    String value(String option, String fallback) {
        return args.contains(option) ? value(option) : fallback;
    }

    boolean has(String option) {
        return args.contains(option);
    }

    /** A comma-separated list option. */
    List<String> list(String option) {
        return Arrays.asList(value(option).split(","));
    }

    List<Integer> ints(String option) {
        return list(option).stream().map(Integer::valueOf).toList();
    }

    List<Double> doubles(String option) {
        return list(option).stream().map(Double::valueOf).toList();
    }

    /** The command line with the value of {@code option} replaced. */
    StageArgs with(String option, String v) {
        List<String> copy = new java.util.ArrayList<>(args);
        copy.set(copy.indexOf(option) + 1, v);
        return new StageArgs(copy);
    }
}
