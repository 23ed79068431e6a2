package org.repal.core.task;

/**
 * Writes trials into the flat arrays of one task's dataset: inputs [N, T, 7] float32, targets [N, T] int8,
 * masks [N, T] bool, all in C order. The arrays must start zeroed; every step of a sample is written by
 * exactly one trial.
 *
 * <p>Coding (spec §2.4), the same for all eight tasks: channel 0 (fixation) is 1 until the decision period;
 * channels 1–2 are non-zero only in the stimulus period, where the trial's {@link Trial#channel} carries
 * 0.5 + coh/200 (GoNogo: 1) and the other 0.5 − coh/200 (GoNogo: 0), plus, PDM family only, N(0, sd²) noise
 * drawn per step for channel 1 then channel 2. The target is the trial's label in the decision period and the
 * mask marks the decision steps: exactly the steps whose 3 raw channels are all 0, i.e. the reference's
 * {@code create_mask(...) > 1}.
 */
final class SampleRenderer {
    private final float[] inputs;
    private final byte[] targets;
    private final boolean[] masks;
    private final int steps;
    private final int nInputs;
    private final double noiseSd;
    private final boolean goNogo;

    SampleRenderer(TaskData data, double noiseSd) {
        this.inputs = data.inputs();
        this.targets = data.targets();
        this.masks = data.masks();
        this.steps = data.steps();
        this.nInputs = data.inputsPerStep();
        this.goNogo = data.task().isGoNogo();
        this.noiseSd = goNogo ? 0 : noiseSd;
    }

    /** Sets the rule column of every step of the sample. */
    void ruleInput(int sample, int column) {
        int base = sample * steps * nInputs + column;
        for (int s = 0; s < steps; s++) {
            inputs[base + s * nInputs] = 1f;
        }
    }

    /**
     * Writes the trial's steps from {@code onset} up to the end of the trial or of the sample, whichever comes
     * first; noise is drawn only for the steps written.
     */
    void render(int sample, int onset, Trial trial, Gaussian noise) {
        int stimStart = onset + trial.fixationSteps();
        int stimEnd = stimStart + trial.stimulusSteps();
        int decisionStart = stimEnd + trial.delaySteps();
        int end = Math.min(onset + trial.length(), steps);
        double ch1 = trial.stimulusMean(1, goNogo);
        double ch2 = trial.stimulusMean(2, goNogo);
        boolean noisy = noiseSd > 0;
        byte label = (byte) trial.label();
        int row = sample * steps;
        for (int s = onset; s < end; s++) {
            int base = (row + s) * nInputs;
            if (s < decisionStart) {
                inputs[base] = 1f;
                if (s >= stimStart && s < stimEnd) {
                    double a = ch1;
                    double b = ch2;
                    if (noisy) {
                        a += noiseSd * noise.next();
                        b += noiseSd * noise.next();
                    }
                    inputs[base + 1] = (float) a;
                    inputs[base + 2] = (float) b;
                }
            } else {
                targets[row + s] = label;
                masks[row + s] = true;
            }
        }
    }
}
