package org.repal.core.analysis.stats;

/** Which two-sample t-test to run. */
public enum TTestKind {
    /**
     * Welch's t-test: each sample keeps its own variance, df by Welch–Satterthwaite. The default: the levels differ
     * in spread (an untrained network's distance to master varies more than a pretrained one's) and the level sizes
     * differ after the accuracy filter; Welch keeps its error rate there and loses almost nothing when variances are
     * in fact equal.
     */
    WELCH,
    /**
     * Student's t-test with a pooled variance and df = n1 + n2 − 2: the reference's scipy {@code ttest_ind} default
     * ({@code equal_var=True}), offered to reproduce its tables.
     */
    STUDENT
}
