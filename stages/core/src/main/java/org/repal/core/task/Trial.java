package org.repal.core.task;

/**
 * One trial's drawn variables and period durations (steps).
 *
 * @param gt         the reference's ground-truth variable: PDM/AntiPDM 0|1 (stronger channel − 1), the delay
 *                   PDM tasks 1|2 (stronger channel), GoNogo 0|1 (0 = no-go, 1 = go), AntiGoNogo its
 *                   {@code stimulus_type} 0|1
 * @param channel    observation channel (1 or 2) that carries the stronger (PDM) or the shown (GoNogo) stimulus
 * @param label      the target during the decision period (0 elsewhere)
 * @param coherence  PDM family: the coherence in %; GoNogo: NaN
 */
public record Trial(int gt, int channel, int label, double coherence,
                    int fixationSteps, int stimulusSteps, int delaySteps, int decisionSteps) {

    /** Trial length in steps. */
    public int length() {
        return fixationSteps + stimulusSteps + delaySteps + decisionSteps;
    }

    public int duration(Period p) {
        switch (p) {
            case FIXATION: return fixationSteps;
            case STIMULUS: return stimulusSteps;
            case DELAY: return delaySteps;
            case DECISION: return decisionSteps;
            default: throw new AssertionError(p);
        }
    }

    /** First step of the period, relative to the trial onset. */
    public int start(Period p) {
        int s = 0;
        for (Period q : Period.values()) {
            if (q == p) {
                return s;
            }
            s += duration(q);
        }
        throw new AssertionError(p);
    }

    /** Mean of a stimulus channel during the stimulus period (before noise). */
    public double stimulusMean(int stimChannel, boolean goNogo) {
        if (goNogo) {
            return stimChannel == channel ? 1.0 : 0.0;
        }
        double half = coherence / 200.0;
        return stimChannel == channel ? 0.5 + half : 0.5 - half;
    }
}
