package org.repal.core.analysis.results;

import java.util.List;

/**
 * The first sample of a task's test split ({@code data/<task>/test/}): its inputs per step ([fixation, stimulus 1,
 * stimulus 2, rule columns…]) and target class per step.
 *
 * @param task      task folder name
 * @param ruleNames the names of the rule columns 3, 4, … (the data set's tasks in rule-column order)
 * @param dtMs      step length in ms
 * @param inputs    inputs[t][f]
 * @param target    target class per step
 */
public record ExampleTrial(String task, List<String> ruleNames, double dtMs, double[][] inputs, double[] target) {
}
