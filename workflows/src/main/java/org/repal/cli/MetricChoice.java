package org.repal.cli;

/** Which metrics {@code repal compare} computes. */
enum MetricChoice {
    dsa, procrustes, cka, all;

    boolean includes(MetricChoice m) {
        return this == all || this == m;
    }
}
