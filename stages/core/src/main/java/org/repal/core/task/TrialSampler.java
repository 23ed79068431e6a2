package org.repal.core.task;

import java.util.SplittableRandom;

/**
 * Draws trials of one task with one timing table. Draw order per trial (as neurogym: trial variables, then
 * durations in period order, then noise): 1. the ground truth, {@code nextInt(2)}; 2. PDM family only, the
 * coherence index, {@code nextInt(#coherences)}; 3. each period with more than one choice, in the order
 * fixation, stimulus, delay, decision, {@code nextInt(#choices)} (a fixed duration draws nothing). The noise
 * is drawn afterwards by {@link SampleRenderer}.
 */
public final class TrialSampler {
    private final Task task;
    private final int[][] steps;
    private final double[] coherences;

    public TrialSampler(Task task, TaskSetConfig config, boolean training) {
        this.task = task;
        this.steps = config.timing(task, training).steps(config.dtMs());
        this.coherences = config.coherences().stream().mapToDouble(Double::doubleValue).toArray();
    }

    public Task task() {
        return task;
    }

    public Trial sample(SplittableRandom rng) {
        int c = rng.nextInt(2);
        int channel = 1 + c;
        int gt;
        int label;
        double coherence;
        if (task.isGoNogo()) {
            gt = c; // GoNogo: gt (0 no-go, 1 go); AntiGoNogo: stimulus_type. Either way channel gt+1 is shown.
            label = task.isAnti() ? 1 - c : c;
            coherence = Double.NaN;
        } else {
            gt = task.hasDelay() ? channel : c; // the delay tasks draw the channel index 1|2 itself
            label = task.isAnti() ? 3 - channel : channel;
            coherence = coherences[rng.nextInt(coherences.length)];
        }
        int fixation = draw(Period.FIXATION, rng);
        int stimulus = draw(Period.STIMULUS, rng);
        int delay = draw(Period.DELAY, rng);
        int decision = draw(Period.DECISION, rng);
        return new Trial(gt, channel, label, coherence, fixation, stimulus, delay, decision);
    }

    private int draw(Period p, SplittableRandom rng) {
        int[] choices = steps[p.ordinal()];
        return choices.length == 1 ? choices[0] : choices[rng.nextInt(choices.length)];
    }
}
