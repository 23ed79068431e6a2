package org.repal.core.task;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One timing table of spec §2.3: for each period the durations in ms a trial draws from uniformly (a single
 * value means a fixed duration). Durations are floored to a multiple of dt when converted to steps, as
 * neurogym's {@code sample_time} does.
 */
public record TimingTable(
        @JsonProperty("fixation") List<Integer> fixation,
        @JsonProperty("stimulus") List<Integer> stimulus,
        @JsonProperty("delay") List<Integer> delay,
        @JsonProperty("decision") List<Integer> decision) {

    public static final TimingTable WITHOUT_DELAY_TRAINING = new TimingTable(
            List.of(100, 200, 300), List.of(3000, 4000, 5000), List.of(0), List.of(100, 200, 300));
    public static final TimingTable WITHOUT_DELAY_TESTING = new TimingTable(
            List.of(200), List.of(4000), List.of(0), List.of(200));
    public static final TimingTable WITH_DELAY_TRAINING = new TimingTable(
            List.of(100, 200, 300), List.of(3000, 4000, 5000), List.of(500, 1000, 1500), List.of(100, 200, 300));
    public static final TimingTable WITH_DELAY_TESTING = new TimingTable(
            List.of(500), List.of(4000), List.of(2000), List.of(500));

    public TimingTable {
        fixation = fixation == null ? null : List.copyOf(fixation);
        stimulus = stimulus == null ? null : List.copyOf(stimulus);
        delay = delay == null ? null : List.copyOf(delay);
        decision = decision == null ? null : List.copyOf(decision);
    }

    /** The choices (ms) of one period. */
    public List<Integer> choices(Period period) {
        switch (period) {
            case FIXATION: return fixation;
            case STIMULUS: return stimulus;
            case DELAY: return delay;
            case DECISION: return decision;
            default: throw new AssertionError(period);
        }
    }

    /** The choices of every period in steps of dt ms (floored), indexed by {@link Period#ordinal()}. */
    public int[][] steps(int dtMs) {
        int[][] out = new int[Period.values().length][];
        for (Period p : Period.values()) {
            out[p.ordinal()] = choices(p).stream().mapToInt(ms -> ms / dtMs).toArray();
        }
        return out;
    }

    /** The longest possible trial in steps. */
    public int maxSteps(int dtMs) {
        int total = 0;
        for (int[] choices : steps(dtMs)) {
            int max = 0;
            for (int c : choices) {
                max = Math.max(max, c);
            }
            total += max;
        }
        return total;
    }

    /** True when every period has a single duration (the testing tables). */
    @JsonIgnore
    public boolean isFixed() {
        for (Period p : Period.values()) {
            if (choices(p).size() != 1) {
                return false;
            }
        }
        return true;
    }

    /** Checks the table, naming the field (prefixed with {@code name}) that is wrong. */
    void validate(String name, int dtMs) {
        for (Period p : Period.values()) {
            List<Integer> c = choices(p);
            String field = name + "." + p.jsonName();
            if (c == null || c.isEmpty()) {
                throw new IllegalArgumentException("config field '" + field + "' needs at least one duration (ms)");
            }
            for (Integer ms : c) {
                if (ms == null || ms < 0) {
                    throw new IllegalArgumentException("config field '" + field + "' has a negative or missing "
                            + "duration: " + c);
                }
            }
        }
        int[][] s = steps(dtMs);
        if (minOf(s[Period.DECISION.ordinal()]) < 1) {
            throw new IllegalArgumentException("config field '" + name + ".decision' must be at least dt = "
                    + dtMs + " ms (every trial needs a decision step)");
        }
    }

    private static int minOf(int[] values) {
        int min = Integer.MAX_VALUE;
        for (int v : values) {
            min = Math.min(min, v);
        }
        return min;
    }
}
