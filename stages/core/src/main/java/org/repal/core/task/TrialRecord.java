package org.repal.core.task;

/** A trial placed in a sample: it starts at step {@code onset} of the sample. */
public record TrialRecord(int onset, Trial trial) {

    /**
     * Period boundaries in steps from the sample start: the starts of fixation, stimulus, delay and decision,
     * then the trial's end (which lies beyond the sample for the cut last trial of a training sequence).
     */
    public int[] bounds() {
        int[] b = new int[Period.values().length + 1];
        b[0] = onset;
        for (Period p : Period.values()) {
            b[p.ordinal() + 1] = b[p.ordinal()] + trial.duration(p);
        }
        return b;
    }

    /** First step after the trial. */
    public int end() {
        return onset + trial.length();
    }

    /** True when the sample ends before the trial does. */
    public boolean isCut(int sampleSteps) {
        return end() > sampleSteps;
    }
}
