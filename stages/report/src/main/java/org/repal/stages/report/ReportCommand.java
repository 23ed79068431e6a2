package org.repal.stages.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.analysis.findings.Claim;
import org.repal.core.analysis.findings.FindingsSettings;
import org.repal.core.analysis.findings.RunFindings;
import org.repal.core.analysis.results.RunReader;
import org.repal.core.analysis.results.RunResults;
import org.repal.core.analysis.stats.VerdictRules;
import org.repal.core.cli.CodeVersion;
import org.repal.core.cli.StageCli;
import org.repal.core.report.ReportContent;
import org.repal.core.report.ReportInfo;
import org.repal.core.report.ReportPublisher;
import org.repal.core.report.ReportSettings;
import org.repal.core.report.RunReport;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.ArtifactStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repal report}: reads a finished run (a folder or S3), computes the statistics and figures and writes
 * {@code report/index.html} with {@code report/figures/} and {@code report/tables/} into the run. Everything is read
 * and computed before the first write; bad input (a missing or malformed file, a bad option) exits 2 with one line
 * and writes nothing.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Statistics, figures and one self-contained HTML report of a finished run.",
                "Writes RUN/report/index.html (last), report/figures/*.png|svg, report/tables/*.csv, "
                        + "report/config.json and report/settings.json (what a rebuild reuses); prints one JSON line "
                        + "with the page's location and the verdicts."})
public final class ReportCommand implements Callable<Integer>, StageCli.WithoutNumerics {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR|s3://bucket/prefix",
            description = "The finished run: the folder or S3 location that holds data/, models/, dissimilarity/, ….")
    String run;

    @Option(names = "--config-json", paramLabel = "JSON",
            description = "The experiment config to record in the report (default: the one an earlier report kept).")
    String configJson;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the bootstrap intervals and permutation tests (default: the one an earlier report "
                    + "of the run used, else the experiment config's seed, else 0).")
    Long seed;

    @Option(names = "--min-models", paramLabel = "N",
            description = "Fewest models per level for a claim to be assessed (default: as an earlier report, else "
                    + VerdictRules.DEFAULT_MIN_MODELS + ").")
    Integer minModels;

    @Option(names = "--alpha", paramLabel = "X",
            description = "Significance threshold of the verdicts (default: as an earlier report, else "
                    + VerdictRules.DEFAULT_ALPHA + ").")
    Double alpha;

    @Option(names = "--resamples", paramLabel = "N",
            description = "Bootstrap resamples per interval (default: as an earlier report, else "
                    + FindingsSettings.DEFAULT_RESAMPLES + ").")
    Integer resamples;

    @Option(names = "--permutations", paramLabel = "N",
            description = "Permutations per permutation test (default: as an earlier report, else "
                    + FindingsSettings.DEFAULT_PERMUTATIONS + ").")
    Integer permutations;

    /** The environment the store is configured from (tests substitute their own). */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        try (ArtifactStore store = open(run, env)) {
            FindingsSettings settings = ReportSettings.resolve(store, configJson, seed, minModels, alpha, resamples,
                    permutations);
            RunResults results = RunReader.read(store, configJson);
            RunFindings findings = RunFindings.compute(results, settings);
            ReportContent content = RunReport.build(results, findings,
                    new ReportInfo(CodeVersion.get(), ReportInfo.thisMachine()));
            String page = ReportPublisher.publish(store, content);
            ObjectNode line = JSON.createObjectNode();
            line.put("report", page);
            line.put("files", content.files().size() + 1);
            ObjectNode claims = line.putObject("claims");
            for (Claim c : findings.claims()) {
                claims.put(c.id(), c.verdictWords());
            }
            line.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
            spec.commandLine().getOut().println(line);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /**
     * Opens an existing run: a local folder must exist (the store would create it), and an S3 bucket is never
     * created (REPAL_S3_CREATE_BUCKET=false).
     */
    static ArtifactStore open(String location, Map<String, String> env) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("--run: empty location");
        }
        Map<String, String> e = new HashMap<>(env);
        if (!location.startsWith("s3://")) {
            Path dir = location.startsWith("file://") ? Path.of(java.net.URI.create(location)) : Path.of(location);
            if (location.contains("://") && !location.startsWith("file://")) {
                throw new IllegalArgumentException("--run " + location + ": use a folder or s3://bucket/prefix");
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--run " + location + ": no such folder");
            }
        } else {
            e.put("REPAL_S3_CREATE_BUCKET", "false");
        }
        ArtifactStore store = null;
        try {
            store = ArtifactStores.open(location, e);
            store.exists("data/manifest.json"); // reach the store now: a missing bucket or bad credentials fail here
            return store;
        } catch (ArtifactStoreException ex) {
            if (store != null) {
                store.close();
            }
            throw new IllegalArgumentException("--run " + location + ": " + ex.getMessage().replace('\n', ' '), ex);
        }
    }
}
