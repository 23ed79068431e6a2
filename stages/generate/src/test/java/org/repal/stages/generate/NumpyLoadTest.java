package org.repal.stages.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NumPy reads the outputs with the documented shapes and dtypes (skipped without python3 + numpy). */
class NumpyLoadTest {
    private static final String SCRIPT = String.join("\n",
            "import json, sys, numpy as np",
            "root = sys.argv[1]",
            "m = json.load(open(root + '/manifest.json'))",
            "for t in m['tasks']:",
            "    for split, n, T in (('train', m['train_size'], m['seq_len']), ('test', m['test_size'], t['test_steps'])):",
            "        d = root + '/' + t['name'] + '/' + split + '/'",
            "        x = np.load(d + 'inputs.npy'); y = np.load(d + 'targets.npy'); k = np.load(d + 'masks.npy')",
            "        assert x.shape == (n, T, 7) and x.dtype == np.float32, (d, x.shape, x.dtype)",
            "        assert y.shape == (n, T) and y.dtype == np.int8, (d, y.shape, y.dtype)",
            "        assert k.shape == (n, T) and k.dtype == np.bool_, (d, k.shape, k.dtype)",
            "        # the reference's mask > 1 is 'all three raw channels are zero'",
            "        assert (k == (x[:, :, :3] == 0).all(axis=2)).all(), d",
            "        assert (y[~k] == 0).all() and y.max() < m['outputs'], d",
            "        assert (x[:, :, t['rule_column']] == 1).all() and x[:, :, 3:].sum() == n * T, d",
            "        trials = json.load(open(d + 'trials.json'))",
            "        assert len(trials['records']) == n, d",
            "print('ok', len(m['tasks']))",
            "");

    @TempDir
    Path tmp;

    @Test
    void numpyLoadsEveryFile() throws Exception {
        Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy is not available: skipped");
        for (String set : List.of("PDM", "GoNogo")) {
            Path out = tmp.resolve(set);
            GenerateRunner.Result r = GenerateRunner.run("--taskset", set, "--train-size", "12", "--test-size", "5",
                    "--no-progress", "--out", out.toString());
            assertEquals(0, r.exitCode(), r.describe());
            Path script = Files.writeString(tmp.resolve("check.py"), SCRIPT);
            Process p = new ProcessBuilder("python3", script.toString(), out.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), output);
            assertEquals("ok 4", output.trim());
        }
    }

    private static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
