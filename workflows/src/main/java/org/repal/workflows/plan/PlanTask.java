package org.repal.workflows.plan;

import java.util.List;
import org.repal.workflows.config.ExperimentConfig;

/**
 * One stage invocation: {@code repal <args…>}. Locations in {@code args} are written as
 * {@value Plan#STORE} + "/sub/path", replaced by the store's location when the task runs, so that a plan (and
 * its cache keys) do not depend on where the artifacts live. {@code inputs} and {@code outputs} are keys
 * relative to the store root; outputs are what must exist (with their recorded hashes) for the task to count
 * as done.
 */
public record PlanTask(String name, String stage, List<String> args, List<String> dependsOn, List<String> inputs,
                       List<String> outputs, ExperimentConfig.Resources resources) {
    public PlanTask {
        args = List.copyOf(args);
        dependsOn = List.copyOf(dependsOn);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The arguments with the store placeholder replaced by a location. */
    public List<String> argsFor(String storeLocation) {
        String root = storeLocation.endsWith("/") ? storeLocation.substring(0, storeLocation.length() - 1) : storeLocation;
        return args.stream().map(a -> a.replace(Plan.STORE, root)).toList();
    }
}
