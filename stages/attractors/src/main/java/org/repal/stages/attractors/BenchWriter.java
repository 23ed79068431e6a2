package org.repal.stages.attractors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.repal.core.attractor.AttractorBench;
import org.repal.core.attractor.BenchMetrics;
import org.repal.core.attractor.DsaSweep;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.NpyArray;

/**
 * Runs the three tests and writes, per test, one .npy per metric (regimes/composition: the matrix;
 * noise: values[pair][epoch] per comparison), a tidy CSV (metric, condition, value), then summary.json and
 * manifest.json (last, with every file's size and SHA-256). With a sweep grid, also sweep.csv and the ranking.
 */
final class BenchWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArtifactStore store;
    private final AttractorBench bench;
    private final String profile;
    private final List<int[]> sweepGrid;
    private final List<ArtifactInfo> written = new ArrayList<>();

    /** @param sweepGrid (n_delays, delay_interval) settings of the stage-8 sweep; empty: no sweep */
    BenchWriter(ArtifactStore store, AttractorBench bench, String profile, List<int[]> sweepGrid) {
        this.store = store;
        this.bench = bench;
        this.profile = profile;
        this.sweepGrid = sweepGrid;
    }

    /** Returns summary.json's text (one line). */
    String run() {
        store.delete("manifest.json");
        ObjectNode summary = JSON.createObjectNode();
        summary.set("settings", settings());
        summary.set("regimes", regimes(bench.regimes()));
        summary.set("noise", noise(bench.noise()));
        summary.set("composition", composition(bench.composition()));
        summary.set("sweep", sweep());
        String text = summary.toString();
        put("summary.json", text);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("stage", "attractors");
        manifest.set("settings", settings());
        ArrayNode files = manifest.putArray("files");
        for (ArtifactInfo info : written) {
            files.addObject().put("key", info.key()).put("size", info.size()).put("sha256", info.sha256());
        }
        store.put("manifest.json", (manifest.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        return text;
    }

    private ObjectNode sweep() {
        ObjectNode node = JSON.createObjectNode();
        if (sweepGrid.isEmpty()) {
            node.put("swept", false);
            node.putObject("best").put("n_delays", bench.settings().dmd().nDelays())
                    .put("delay_interval", bench.settings().dmd().delayInterval());
            return node;
        }
        List<DsaSweep.Point> points = DsaSweep.run(bench, sweepGrid);
        StringBuilder csv = new StringBuilder("n_delays,delay_interval,rank,gap,r\n");
        ArrayNode top = node.put("swept", true).putArray("top");
        for (int i = 0; i < points.size(); i++) {
            DsaSweep.Point p = points.get(i);
            csv.append(p.nDelays()).append(',').append(p.delayInterval()).append(',').append(p.rank()).append(',')
                    .append(p.gap()).append(',').append(p.r()).append('\n');
            ObjectNode row = JSON.createObjectNode().put("n_delays", p.nDelays()).put("delay_interval", p.delayInterval())
                    .put("rank", p.rank()).put("gap", p.gap()).put("r", p.r());
            row.set("mean", JSON.valueToTree(p.mean()));
            if (i == 0) {
                node.set("best", row);
            }
            if (i < 5) {
                top.add(row);
            }
        }
        put("sweep.csv", csv.toString());
        return node;
    }

    private ObjectNode settings() {
        AttractorBench.Settings s = bench.settings();
        ObjectNode node = JSON.createObjectNode();
        node.put("profile", profile).put("seed", s.seed()).put("samples", s.samples()).put("steps", s.steps())
                .put("dt", s.dt()).put("integrator", s.integrator().name().toLowerCase()).put("burn_in", s.burnIn())
                .put("n_delays", s.dmd().nDelays()).put("delay_interval", s.dmd().delayInterval())
                .put("rank", s.dmd().rank()).put("reference_line", s.variant().referenceLine())
                .put("noise_rank", s.variant().noiseRank() == 0 ? s.dmd().rank() : s.variant().noiseRank())
                .put("composition_rank",
                        s.variant().compositionRank() == 0 ? s.dmd().rank() : s.variant().compositionRank());
        ArrayNode noise = node.putArray("noise");
        for (double v : s.noise()) {
            noise.add(v);
        }
        ArrayNode mixing = node.putArray("mixing");
        for (double v : s.mixing()) {
            mixing.add(v);
        }
        return node;
    }

    private ObjectNode regimes(AttractorBench.Regimes r) {
        ObjectNode node = JSON.createObjectNode();
        StringBuilder csv = new StringBuilder("metric,condition,value\n");
        for (String m : BenchMetrics.NAMES) {
            putMatrix("regimes/" + m + ".npy", r.matrices().get(m));
            AttractorBench.Separation s = r.separation().get(m);
            for (double v : s.within()) {
                csv.append(m).append(",within,").append(v).append('\n');
            }
            for (double v : s.across()) {
                csv.append(m).append(",across,").append(v).append('\n');
            }
            node.putObject(m).put("within_mean", s.withinMean()).put("across_mean", s.acrossMean())
                    .put("p_value", s.pValue())
                    .put("effect", s.acrossMean() - s.withinMean());
        }
        node.put("dsa_rank", r.dsaRank());
        node.set("systems", JSON.valueToTree(r.names()));
        put("regimes.csv", csv.toString());
        return node;
    }

    private ObjectNode noise(AttractorBench.Noise n) {
        ObjectNode node = JSON.createObjectNode();
        StringBuilder csv = new StringBuilder("metric,condition,value\n");
        for (String m : BenchMetrics.NAMES) {
            ObjectNode metric = node.putObject(m);
            for (Map.Entry<String, AttractorBench.Series> e : n.series().get(m).entrySet()) {
                AttractorBench.Series s = e.getValue();
                putMatrix("noise/" + m + "_" + e.getKey() + ".npy", s.values());
                for (double[] pair : s.values()) {
                    for (int ep = 0; ep < pair.length; ep++) {
                        csv.append(m).append(',').append(e.getKey()).append("_epoch").append(ep + 1).append(',')
                                .append(pair[ep]).append('\n');
                    }
                }
                ObjectNode series = metric.putObject(e.getKey()).put("r2", s.r2()).put("gap", s.gap());
                series.set("mean", JSON.valueToTree(s.mean()));
                series.set("sem", JSON.valueToTree(s.sem()));
            }
        }
        node.set("pairs", JSON.valueToTree(n.pairs()));
        put("noise.csv", csv.toString());
        return node;
    }

    private ObjectNode composition(AttractorBench.Composition c) {
        ObjectNode node = JSON.createObjectNode();
        StringBuilder csv = new StringBuilder("metric,condition,value\n");
        List<int[]> triples = AttractorBench.triples(AttractorBench.MOTIFS.size());
        for (String m : BenchMetrics.NAMES) {
            double[][] matrix = c.matrices().get(m);
            putMatrix("composition/" + m + ".npy", matrix);
            for (int i = 0; i < matrix.length; i++) {
                for (int j = i + 1; j < matrix.length; j++) {
                    csv.append(m).append(",shared").append(AttractorBench.shared(triples.get(i), triples.get(j), false))
                            .append("_ordered").append(AttractorBench.shared(triples.get(i), triples.get(j), true))
                            .append(',').append(matrix[i][j]).append('\n');
                }
            }
            ObjectNode metric = node.putObject(m);
            AttractorBench.Grouping g = c.unordered().get(m);
            for (int k = 0; k < g.shared().length; k++) {
                metric.put(Integer.toString(g.shared()[k]), g.mean()[k]);
            }
            metric.set("unordered", grouping(g));
            metric.set("unordered_with_self", grouping(c.unorderedWithSelf().get(m)));
            metric.set("ordered", grouping(c.ordered().get(m)));
        }
        node.put("dsa_rank", c.dsaRank());
        node.set("compositions", JSON.valueToTree(c.names()));
        put("composition.csv", csv.toString());
        return node;
    }

    private static ObjectNode grouping(AttractorBench.Grouping g) {
        ObjectNode node = JSON.createObjectNode();
        node.set("shared", JSON.valueToTree(g.shared()));
        node.set("mean", JSON.valueToTree(g.mean()));
        node.set("sem", JSON.valueToTree(g.sem()));
        node.set("count", JSON.valueToTree(g.count()));
        node.put("slope", g.fit().slope()).put("r", g.fit().r()).put("r2", g.fit().r2());
        return node;
    }

    private void putMatrix(String key, double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] flat = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        written.add(store.putNpy(key, NpyArray.ofDoubles(flat, m.length, cols)));
    }

    private void put(String key, String text) {
        written.add(store.put(key, text.getBytes(StandardCharsets.UTF_8)));
    }
}
