package org.repal.core.task;

import java.util.List;

/**
 * What one sample holds: the trials in order (one for a test sample; for a training sequence consecutive
 * trials from step 0, the last one possibly cut) and whether the sample belongs to the validation split.
 */
public record SampleRecord(boolean validation, List<TrialRecord> trials) {
    public SampleRecord {
        trials = List.copyOf(trials);
    }
}
