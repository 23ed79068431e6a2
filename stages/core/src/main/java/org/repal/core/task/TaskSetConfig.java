package org.repal.core.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Everything that shapes the trials, with the reference's values as defaults (spec §2.3–2.4): the step
 * length, the coherences (%), the input-noise scale and the four timing tables. Written into the dataset
 * manifest, and can be read back from JSON (snake_case field names).
 *
 * @param dtMs          step length in ms (20): durations are floored to multiples of it
 * @param coherences    PDM-family coherences (%) drawn uniformly per trial
 * @param noiseSigma    neurogym's {@code sigma} (1.0): the per-step noise sd is sigma/√dt, ≈ 0.2236 for dt = 20;
 *                      PDM family only (GoNogo is noise-free)
 */
public record TaskSetConfig(
        @JsonProperty("dt_ms") int dtMs,
        @JsonProperty("coherences") List<Double> coherences,
        @JsonProperty("noise_sigma") double noiseSigma,
        @JsonProperty("timing_without_delay_training") TimingTable withoutDelayTraining,
        @JsonProperty("timing_without_delay_testing") TimingTable withoutDelayTesting,
        @JsonProperty("timing_with_delay_training") TimingTable withDelayTraining,
        @JsonProperty("timing_with_delay_testing") TimingTable withDelayTesting) {

    public TaskSetConfig {
        coherences = coherences == null ? null : List.copyOf(coherences);
    }

    /** The reference's configuration. */
    public static TaskSetConfig defaults() {
        return new TaskSetConfig(20, List.of(0.0, 6.4, 12.8, 25.6, 51.2), 1.0,
                TimingTable.WITHOUT_DELAY_TRAINING, TimingTable.WITHOUT_DELAY_TESTING,
                TimingTable.WITH_DELAY_TRAINING, TimingTable.WITH_DELAY_TESTING);
    }

    /** Standard deviation of the per-step stimulus noise: sigma/√dt. */
    public double noiseSd() {
        return noiseSigma / Math.sqrt(dtMs);
    }

    /** The table a task uses: with/without delay by its name, training or testing by the split. */
    public TimingTable timing(Task task, boolean training) {
        if (task.hasDelay()) {
            return training ? withDelayTraining : withDelayTesting;
        }
        return training ? withoutDelayTraining : withoutDelayTesting;
    }

    /** The longest possible training trial of any task of the set, in steps: the shortest allowed sequence. */
    public int longestTrainingTrial(TaskSet set) {
        int max = 0;
        for (Task t : set.tasks()) {
            max = Math.max(max, timing(t, true).maxSteps(dtMs));
        }
        return max;
    }

    /** Length in steps of every test trial of the task (the testing tables are fixed). */
    public int testSteps(Task task) {
        return timing(task, false).maxSteps(dtMs);
    }

    /**
     * Checks every field; the message names the offending one.
     *
     * @return this
     * @throws IllegalArgumentException for an invalid field
     */
    public TaskSetConfig validate() {
        if (dtMs <= 0) {
            throw new IllegalArgumentException("config field 'dt_ms' must be positive, got " + dtMs);
        }
        if (coherences == null || coherences.isEmpty()) {
            throw new IllegalArgumentException("config field 'coherences' needs at least one value");
        }
        for (Double c : coherences) {
            if (c == null || !(c >= 0 && c <= 100)) {
                throw new IllegalArgumentException("config field 'coherences' must hold values in [0, 100], got "
                        + coherences);
            }
        }
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw new IllegalArgumentException("config field 'noise_sigma' must be finite and >= 0, got " + noiseSigma);
        }
        check("timing_without_delay_training", withoutDelayTraining, false);
        check("timing_without_delay_testing", withoutDelayTesting, true);
        check("timing_with_delay_training", withDelayTraining, false);
        check("timing_with_delay_testing", withDelayTesting, true);
        return this;
    }

    private void check(String name, TimingTable table, boolean testing) {
        if (table == null) {
            throw new IllegalArgumentException("config field '" + name + "' is missing");
        }
        table.validate(name, dtMs);
        if (testing && !table.isFixed()) {
            throw new IllegalArgumentException("config field '" + name
                    + "' must give one duration per period (test trials all have the same length)");
        }
    }
}
