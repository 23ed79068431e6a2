package org.repal.cli;

import org.repal.core.cli.StageCli;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.report.ReportPublisher;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.ArtifactStores;
import org.repal.workflows.config.ExperimentConfig;
import org.repal.workflows.argo.Workflow;
import org.repal.workflows.argo.WorkflowRenderer;
import org.repal.workflows.local.LocalRunner;
import org.repal.workflows.local.RunLock;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.Planner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repal run}: plans an experiment and runs it here, reusing every task that is already done. Progress
 * goes to stderr; stdout gets one JSON summary line, the output location and, when the plan has a report task
 * (the part of the plan that ran included it), the report page's path (last).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline (generate -> train-rnn, train-mamba -> dissimilarity, learning-dynamics; attractors -> report) on this machine, skipping finished tasks.",
                "Prints a JSON summary, the output location and, when the plan has a report, the report's path (last)."})
public final class RunCommand implements Callable<Integer>, StageCli.WithoutNumerics {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final class Target {
        @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the config's store).")
        String out;
        @Option(names = "--store", paramLabel = "s3://bucket/prefix", description = "Output S3 location.")
        String store;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") ConfigSource source;

    @ArgGroup(exclusive = true) Target target;

    @Option(names = "--jobs", paramLabel = "N", description = "Tasks at a time (default: the number of cores).")
    Integer jobs;

    @Option(names = "--only", paramLabel = "TASK", split = ",",
            description = "Run only these tasks (and nothing that depends on them).")
    java.util.List<String> only;

    @Option(names = "--simulate", description = {"Stub compute (config field simulate: true): every task writes its "
            + "outputs' names and shapes without training or fitting, in this JVM; the report is real and says "
            + "SIMULATED."})
    boolean simulate;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig config = simulate ? source.load().withSimulate() : source.load();
        Plan plan = Planner.plan(config);
        if (only != null) {
            var byName = plan.byName();
            for (String n : only) {
                if (!byName.containsKey(n)) {
                    throw new IllegalArgumentException("--only: no task " + n + " in the plan");
                }
            }
        }
        // The Workflow a cluster would run, executed here step by step (each step is `repal task`).
        Workflow workflow = WorkflowRenderer.workflow(config);
        if (jobs != null && jobs < 1) {
            throw new IllegalArgumentException("--jobs must be >= 1, got " + jobs);
        }
        String location = target == null ? config.store() : target.store != null ? target.store : target.out;
        if (location == null) {
            throw new IllegalArgumentException("no output location: give --out DIR or --store s3://… (or store: in the config)");
        }
        if (target != null && target.store != null && !target.store.startsWith("s3://")) {
            throw new IllegalArgumentException("--store must be s3://bucket/prefix, got '" + target.store + "'");
        }
        PrintWriter err = spec.commandLine().getErr();
        // S3 runs are not locked here: the cluster's runs are Argo's, and S3 has no lock to take.
        try (ArtifactStore store = open(location);
             RunLock lock = location.startsWith("s3://") ? null : RunLock.acquire(Path.of(location))) {
            Path logs = location.startsWith("s3://") ? Files.createTempDirectory("repal-run-logs")
                    : Path.of(location).toAbsolutePath().resolve(".repal/logs");
            int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
            LocalRunner runner = new LocalRunner(store, n, logs, err, Map.of());
            if (config.simulated()) { // stubs take milliseconds: a JVM per step would be most of the run
                runner.inProcess((args, log) -> StageCli.configure(new picocli.CommandLine(new Repal()), log, log)
                        .execute(args.toArray(String[]::new)));
            }
            LocalRunner.Summary s = runner.run(workflow, only);
            ObjectNode summary = JSON.createObjectNode();
            summary.put("plan", plan.name());
            if (config.simulated()) {
                summary.put("simulated", true);
            }
            summary.put("tasks", s.tasks().size());
            summary.put("ran", s.ran());
            summary.put("skipped", s.skipped());
            summary.put("seconds", s.seconds());
            summary.put("logs", logs.toString());
            long secs = Math.round(s.seconds());
            err.println("run: " + plan.name() + " finished in " + secs / 60 + " min " + secs % 60 + " s with " + n
                    + " jobs on " + Runtime.getRuntime().availableProcessors() + " cores (" + s.ran() + " ran, "
                    + s.skipped() + " skipped)");
            err.flush();
            boolean report = plan.byName().containsKey(Planner.REPORT) && (only == null || only.contains(Planner.REPORT))
                    && store.exists(ReportPublisher.INDEX);
            String root = store.location().endsWith("/") ? store.location() : store.location() + "/";
            if (report) {
                summary.put("report", root + ReportPublisher.INDEX);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(JSON.writeValueAsString(summary));
            out.println(store.location());
            if (report) {
                out.println(root + ReportPublisher.INDEX);
            }
            out.flush();
            return 0;
        } catch (LocalRunner.TaskFailedException e) {
            err.println("run: " + e.getMessage());
            err.flush();
            return e.exitCode();
        }
    }

    private static ArtifactStore open(String location) {
        try {
            return ArtifactStores.open(location);
        } catch (ArtifactStoreException e) {
            throw new IllegalArgumentException(location + ": " + e.getMessage(), e);
        }
    }
}
