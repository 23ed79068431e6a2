package org.repal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.repal.core.metric.Cka;
import org.repal.core.metric.Dsa;
import org.repal.core.metric.DsaComparison;
import org.repal.core.metric.HavokDmd;
import org.repal.core.metric.Procrustes;
import org.repal.core.metric.Samples;
import org.repal.core.metric.Trajectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code repal compare}: DSA, Procrustes and CKA between two arrays, or a pairwise matrix over many. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares recorded activity with DSA, angular Procrustes and angular CKA.",
                "Arrays are .npy files shaped (trials, time, neurons) or (time, neurons), float32 or float64.",
                "Prints one JSON object on stdout."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE.npy", description = "Two arrays, or two or more with --pairwise.")
    List<Path> files;

    @Option(names = "--metric", defaultValue = "all", description = "dsa, procrustes, cka or all (default).")
    MetricChoice metric;

    @Option(names = "--pairwise", description = "Compare every pair of the given arrays and print matrices.")
    boolean pairwise;

    @Option(names = "--out", paramLabel = "M.npy|M.npz",
            description = "With --pairwise: also write the matrix (.npy, one metric) or all matrices (.npz).")
    Path out;

    @Mixin
    DsaOptions dsa;

    @Override
    public Integer call() throws Exception {
        if (!pairwise && files.size() != 2) {
            throw new IllegalArgumentException("expected exactly 2 files (got " + files.size()
                    + "); use --pairwise for more");
        }
        if (pairwise && files.size() < 2) {
            throw new IllegalArgumentException("--pairwise needs at least 2 files");
        }
        if (out != null && !pairwise) {
            throw new IllegalArgumentException("--out is only used with --pairwise");
        }
        Dsa.Settings dsaSettings = dsa.settings(); // validated even when DSA is not requested: a typo is a typo
        Dsa.Settings settings = metric.includes(MetricChoice.dsa) ? dsaSettings : null;
        if (out != null) {
            PairwiseComparison.checkOut(out, metric);
        }
        List<Trajectories> arrays = new ArrayList<>();
        for (Path f : files) {
            arrays.add(InputArrays.load(f));
        }
        checkCompatible(arrays, settings);
        ObjectNode result;
        try {
            result = pairwise ? PairwiseComparison.run(files, arrays, metric, settings, out)
                    : comparePair(arrays.get(0), arrays.get(1), settings);
        } catch (ArithmeticException e) {
            // A singular regression comes from the data and the chosen delays/rank: the caller can fix it.
            throw new IllegalArgumentException(files.stream().map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(", ")) + ": " + e.getMessage(), e);
        }
        System.out.println(Json.MAPPER.writeValueAsString(result));
        return 0;
    }

    /** Shape checks up front, so errors name the file rather than surface mid-computation. */
    private void checkCompatible(List<Trajectories> arrays, Dsa.Settings settings) {
        Trajectories first = arrays.get(0);
        for (int i = 0; i < arrays.size(); i++) {
            Trajectories x = arrays.get(i);
            if ((metric.includes(MetricChoice.procrustes) || metric.includes(MetricChoice.cka))
                    && (x.trials() != first.trials() || x.time() != first.time())) {
                throw new IllegalArgumentException(files.get(i) + ": (trials, time) = (" + x.trials() + ", " + x.time()
                        + ") but " + files.get(0) + " has (" + first.trials() + ", " + first.time()
                        + "); Procrustes and CKA pair samples one to one");
            }
            if (settings != null) {
                try {
                    HavokDmd.validate(x, settings.dmd());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(files.get(i) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private ObjectNode comparePair(Trajectories x, Trajectories y, Dsa.Settings settings) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (settings != null) {
            DsaComparison.Result r = Dsa.compare(x, y, settings);
            ObjectNode d = root.putObject("dsa");
            d.put("score", r.score());
            d.put("score_method", settings.score().id());
            d.put("optimizer", r.optimizer());
            Json.putNumber(d, "loss", r.loss());
            d.put("iterations", r.iterations());
            d.put("seconds", r.seconds());
        }
        Samples sx = Samples.of(x);
        Samples sy = Samples.of(y);
        if (metric.includes(MetricChoice.procrustes)) {
            Procrustes.Result p = Procrustes.compare(sx, sy);
            ObjectNode o = root.putObject("procrustes");
            o.put("angle", p.angle());
            o.put("dissimilarity", p.dissimilarity());
            o.put("euclidean", p.euclidean());
        }
        if (metric.includes(MetricChoice.cka)) {
            Cka.Result c = Cka.compare(sx, sy);
            ObjectNode o = root.putObject("cka");
            o.put("cka", c.cka());
            o.put("cka_unbiased", c.ckaUnbiased());
            o.put("dissimilarity", c.dissimilarity());
        }
        return root;
    }

    static ArrayNode matrix(double[][] m) {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (double[] row : m) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        return rows;
    }
}
