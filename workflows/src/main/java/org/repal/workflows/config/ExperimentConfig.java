package org.repal.workflows.config;

import java.util.List;
import java.util.Map;

/**
 * An experiment: what to generate, which RNN grid to train under which curricula, the metric parameters and
 * the resources per stage. Read from YAML by {@link ConfigLoader} (snake_case keys, unknown keys rejected);
 * the loader validates every field, so instances it returns are complete.
 */
public record ExperimentConfig(String name, String taskset, Long seed, String store, Data data, RnnGrid rnn,
                               List<String> groups, Training training, Dsa dsa, Attractors attractors,
                               Map<String, Resources> resources) {

    /** Dataset sizes of {@code repal generate}. */
    public record Data(Integer trainSize, Integer testSize, Integer seqLen) {
    }

    /** The model grid: every combination is trained in every group. */
    public record RnnGrid(List<String> rnnType, List<String> activation, List<Integer> hidden, List<Double> lr,
                          List<Integer> batchSize, List<String> init) {
        /** Number of configurations in the grid. */
        public int size() {
            return rnnType.size() * activation.size() * hidden.size() * lr.size() * batchSize.size() * init.size();
        }
    }

    /**
     * Training budget. {@code chunksPerGroup} (optional) fixes the fan-out; by default the planner picks the
     * largest that keeps the plan within its task limit.
     */
    public record Training(Integer epochs, Integer chunksPerGroup) {
    }

    /** DSA parameters of the later dissimilarity stages. */
    public record Dsa(Integer nDelays, Integer delayInterval, Integer rank) {
    }

    /**
     * The attractor bench (optional: absent means no {@code attractors} task). {@code scale} is the stage's
     * profile: quick (12 samples per system) or paper (the reference's 200).
     */
    public record Attractors(String scale) {
        public static final List<String> SCALES = List.of("quick", "paper");
    }

    /** Resources of one stage's tasks (Kubernetes quantities for memory, e.g. "4Gi"). */
    public record Resources(Double cpu, String memory, Integer gpu) {
    }

    /** Stages that take a resources entry. */
    public static final List<String> STAGES = List.of("generate", "train-rnn", "attractors");

    /** The stages this config's plan runs (each needs a resources entry). */
    public List<String> plannedStages() {
        return attractors == null ? List.of("generate", "train-rnn") : STAGES;
    }
}
