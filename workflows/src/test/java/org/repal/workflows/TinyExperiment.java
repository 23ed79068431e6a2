package org.repal.workflows;

/** A tiny valid experiment (2 configs x 2 groups, 1 epoch) for runner and command tests; tests append or replace lines. */
public final class TinyExperiment {
    public static final String VALID = """
            taskset: PDM
            seed: 3
            data: {train_size: 24, test_size: 8, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [relu], hidden: [8, 16], lr: [0.001], batch_size: [8], init: [kaiming]}
            groups: [master, untrained]
            training: {epochs: 1}
            dsa: {n_delays: 4, delay_interval: 1, rank: 8}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 2Gi, gpu: 0}
            """;

    private TinyExperiment() {
    }
}
