package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output of a small run with every stage (both architectures, all 10 analysis groups, RNN-vs-Mamba, over and
 * within learning, the attractor bench, the report) opens in NumPy and pandas and holds no NaN or infinity (the
 * report's tables may leave a cell empty where a statistic is undefined): .npy/.npz through
 * {@code numpy.load(allow_pickle=False)}, CSV through {@code pandas.read_csv}, JSON with NaN/Infinity rejected.
 */
class RunOutputsReadableTest {
    private static final String CONFIG = """
            taskset: PDM
            seed: 3
            data: {train_size: 48, test_size: 8, seq_len: 400}
            rnn: {rnn_type: [leaky_gru], activation: [relu], hidden: [8], lr: [0.01], batch_size: [8], init: [kaiming]}
            mamba: {d_model: [4], n_layers: [1], lr: [0.01], batch_size: [8]}
            groups: [untrained, master_frozen, master, pretrain_basic_frozen, pretrain_anti_frozen, pretrain_delay_frozen,
                     pretrain_basic_anti_frozen, pretrain_basic_delay_frozen, pretrain_frozen, pretrain_unfrozen]
            training: {epochs: 2, target_accuracy: 0.8}
            dsa: {n_delays: 4, delay_interval: 2, rank: 8}
            dissimilarity: {configs_per_task: 1, rnn_vs_mamba: {}}
            learning_dynamics: {configs_per_task: 1}
            attractors: {scale: quick, sweep: false}
            report: {}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 1Gi, gpu: 0}
              train-mamba: {cpu: 1, memory: 1Gi, gpu: 0}
              dissimilarity: {cpu: 1, memory: 1Gi, gpu: 0}
              learning-dynamics: {cpu: 1, memory: 1Gi, gpu: 0}
              attractors: {cpu: 1, memory: 1Gi, gpu: 0}
              report: {cpu: 1, memory: 1Gi, gpu: 0}
            """;

    /** Walks the run's outputs (not the runner's .repal/ or the store's .repal-meta/) and checks each file. */
    private static final String SCRIPT = """
            import json, math, os, sys
            import numpy as np
            import pandas as pd
            root = sys.argv[1]
            counts = {"npy": 0, "npz": 0, "csv": 0, "json": 0}
            bad = []
            def finite(name, a):
                if a.dtype.kind in "fc" and not np.isfinite(a).all():
                    bad.append(f"{name}: {int((~np.isfinite(a)).sum())} non-finite values")
            def no_constants(c):
                raise ValueError("non-finite JSON number " + c)
            for d, dirs, files in os.walk(root):
                dirs[:] = [x for x in dirs if x not in (".repal", ".repal-meta")]
                for f in files:
                    p = os.path.join(d, f)
                    rel = os.path.relpath(p, root)
                    ext = f.rsplit(".", 1)[-1]
                    if ext == "npy":
                        finite(rel, np.load(p, allow_pickle=False))
                    elif ext == "npz":
                        with np.load(p, allow_pickle=False) as z:
                            for k in z.files:
                                finite(rel + ":" + k, z[k])
                    elif ext == "csv":
                        df = pd.read_csv(p)
                        if len(df) == 0:
                            bad.append(rel + ": no rows")
                        num = df.select_dtypes("number")
                        # The report's tables leave a cell empty where a statistic is undefined (e.g. the mean of a
                        # level without networks); they must still parse, and hold no infinity.
                        empty_ok = rel.startswith("report" + os.sep + "tables")
                        vals = num.to_numpy(dtype=float)
                        if (num.isna().any().any() and not empty_ok) or np.isinf(vals).any():
                            bad.append(rel + ": NaN or infinite cells in " + str(list(num.columns[num.isna().any()])))
                    elif ext == "json":
                        with open(p) as fh:
                            json.load(fh, parse_constant=no_constants)
                    else:
                        continue
                    counts[ext] += 1
            print(json.dumps(counts))
            if bad:
                print("\\n".join(bad))
                sys.exit(1)
            """;

    @TempDir
    Path tmp;

    @Test
    void everyOutputOpensInNumpyAndPandasWithoutNan() throws Exception {
        String python = pythonWithPandas();
        Path config = Files.writeString(tmp.resolve("all-stages.yaml"), CONFIG);
        CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(15));
        CliRunner.Result run = cli.run("run", "--config", config.toString(), "--out", "out");
        assertEquals(0, run.exitCode(), run.describe());
        for (String stage : List.of("dissimilarity/rnn", "dissimilarity/mamba", "dissimilarity/cross",
                "learning-dynamics/rnn", "learning-dynamics/mamba", "attractors")) {
            assertTrue(Files.isRegularFile(tmp.resolve("out").resolve(stage).resolve("manifest.json")), stage);
        }
        assertTrue(Files.isRegularFile(tmp.resolve("out/report/index.html")), "the report");
        Path script = Files.writeString(tmp.resolve("check.py"), SCRIPT);
        Process p = new ProcessBuilder(python, script.toString(), tmp.resolve("out").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        String counts = out.lines().findFirst().orElseThrow();
        for (String kind : List.of("npy", "npz", "csv", "json")) {
            assertTrue(!counts.contains("\"" + kind + "\": 0"), "no " + kind + " file checked: " + counts);
        }
    }

    /** python3 on PATH, else the system one (Debian's python3-pandas), whichever imports numpy and pandas. */
    private static String pythonWithPandas() throws InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import numpy, pandas").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        Assumptions.assumeTrue(false, "no python3 with numpy and pandas (.ci/run installs python3-pandas)");
        return null;
    }
}
