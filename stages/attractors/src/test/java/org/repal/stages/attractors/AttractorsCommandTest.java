package org.repal.stages.attractors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.cli.StageCli;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;

class AttractorsCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return StageCli.run(new AttractorsCommand(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void writesMatricesSeriesSummaryAndManifest() throws Exception {
        Path out = dir.resolve("bench");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = run(stdout, stderr, "--samples", "3", "--steps", "60", "--n-delays", "5", "--delay-interval", "3",
                "--rank", "6", "--threads", "2", "--seed", "1", "--sweep-delays", "4,6", "--out", out.toString());
        assertEquals(0, code, stderr.toString());
        JsonNode summary = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
        assertEquals(new ObjectMapper().readTree(stdout.toString().trim()), summary);
        for (String m : new String[] {"dsa", "procrustes", "cka"}) {
            assertTrue(summary.at("/regimes/" + m + "/p_value").isNumber(), m);
            assertTrue(summary.at("/composition/" + m + "/3").isNumber(), m);
            assertTrue(summary.at("/noise/" + m + "/model23/gap").isNumber(), m);
            assertTrue(summary.at("/noise/" + m + "/model12/r2").isNumber(), m);
            NpyArray regimes = Npy.read(out.resolve("regimes/" + m + ".npy"));
            assertEquals(9, regimes.shape()[0]);
            assertEquals(60, Npy.read(out.resolve("composition/" + m + ".npy")).shape()[1]);
            assertEquals(42, Npy.read(out.resolve("noise/" + m + "_model12.npy")).shape()[0]);
        }
        assertTrue(summary.at("/sweep/swept").asBoolean());
        int best = summary.at("/sweep/best/n_delays").asInt();
        assertTrue(best == 4 || best == 6, "best " + best);
        assertEquals(60 / best, summary.at("/sweep/best/delay_interval").asInt());
        assertEquals(2, summary.at("/sweep/top").size());
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(out.resolve("manifest.json")));
        assertEquals(17, manifest.get("files").size()); // 12 .npy, 4 .csv, summary.json
        assertTrue(Files.readString(out.resolve("regimes.csv")).startsWith("metric,condition,value\ndsa,within,"));
    }

    @Test
    void referenceCompatSwitchesLineAndRanks() throws Exception {
        Path out = dir.resolve("compat");
        StringWriter stderr = new StringWriter();
        int code = run(new StringWriter(), stderr, "--samples", "3", "--steps", "60", "--n-delays", "5",
                "--delay-interval", "3", "--rank", "6", "--threads", "2", "--no-sweep", "--reference-compat",
                "--composition-rank", "4", "--out", out.toString());
        assertEquals(0, code, stderr.toString());
        JsonNode summary = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
        assertTrue(summary.at("/settings/reference_line").asBoolean());
        assertEquals(50, summary.at("/settings/noise_rank").asInt());
        assertEquals(4, summary.at("/settings/composition_rank").asInt());
        assertTrue(summary.at("/composition/dsa_rank").asInt() <= 4);
        // The toolkit's grouping adds the 60 zero self-pairs at 3 shared motifs.
        JsonNode self = summary.at("/composition/dsa/unordered_with_self");
        assertEquals(210, self.at("/count/2").asInt());
        assertEquals(summary.at("/composition/dsa/3").asDouble() * 150 / 210, self.at("/mean/2").asDouble(), 1e-12);
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        String[][] cases = {
            {"--profile", "huge", "--out", dir.toString()},
            {"--integrator", "leapfrog", "--out", dir.toString()},
            {"--steps", "50", "--out", dir.toString()},
            {"--rank", "0", "--out", dir.toString()},
            {"--seed", "x", "--out", dir.toString()},
            {"--sweep-delays", "0", "--out", dir.toString()},
            {"--composition-rank", "0", "--out", dir.toString()},
        };
        for (String[] args : cases) {
            StringWriter err = new StringWriter();
            assertEquals(2, run(new StringWriter(), err, args), String.join(" ", args));
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertFalse(Files.exists(dir.resolve("manifest.json")));
        }
    }
}
