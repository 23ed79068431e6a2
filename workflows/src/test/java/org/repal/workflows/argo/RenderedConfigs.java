package org.repal.workflows.argo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;

/** The configs the renderer tests cover: both profiles and a small GPU-scheduled custom config. */
final class RenderedConfigs {
    static final String GPU = """
            name: gpu-study
            taskset: PDM
            seed: 1
            data: {train_size: 24, test_size: 8, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [relu, tanh], hidden: [8, 16, 32], lr: [0.001], batch_size: [8], init: [kaiming]}
            groups: [master]
            training: {epochs: 1, chunks_per_group: 4}
            dsa: {n_delays: 4, delay_interval: 1, rank: 8}
            resources:
              generate: {cpu: 0.5, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 4, memory: 12Gi, gpu: 2}
            image: {repository: registry.example:5000/team/repal, tag: 0.1.0, gpu_tag: 0.1.0-gpu, pull_policy: Always}
            cluster:
              namespace: studies
              store: s3://lab-bucket/runs/gpu
              parallelism: 8
              gpu:
                enabled: true
                node_selector: {nvidia.com/gpu.present: "true"}
                tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
            """;

    private RenderedConfigs() {
    }

    static Map<String, ExperimentConfig> all() {
        Map<String, ExperimentConfig> m = new LinkedHashMap<>();
        m.put("quick", ConfigLoader.profile("quick"));
        m.put("paper", ConfigLoader.profile("paper"));
        m.put("gpu", ConfigLoader.parse(GPU, "gpu.yaml"));
        return m;
    }
}
