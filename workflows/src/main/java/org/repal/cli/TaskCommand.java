package org.repal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repal.core.cli.StageCli;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.ArtifactStores;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;
import org.repal.workflows.local.TaskCache;
import org.repal.workflows.local.TaskRunner;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.PlanTask;
import org.repal.workflows.plan.Planner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code repal task}: runs one task of an experiment's plan in this process, as a workflow pod does, skipping it
 * when its cache marker verifies. The stage's own output goes to stderr; stdout gets one JSON status line.
 */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = {"Runs one plan task here (what each Argo pod does), skipping it when already done.",
                "Prints one JSON line: {\"task\":…,\"status\":\"ran\"|\"skipped\"|\"failed\",…}."})
public final class TaskCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--store", required = true, paramLabel = "LOCATION",
            description = "Where the pipeline's artifacts live (s3://bucket/prefix or a folder).")
    String store;

    @Option(names = "--config-json", required = true, paramLabel = "JSON",
            description = "The experiment config (JSON or YAML text), validated like a config file.")
    String configJson;

    @Option(names = "--task", required = true, paramLabel = "NAME", description = "The plan task to run.")
    String task;

    @Option(names = "--marker-out", paramLabel = "FILE",
            description = "Also write the task's completion marker here (published by the workflow).")
    Path markerOut;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig config = ConfigLoader.parse(configJson, "--config-json");
        Plan plan = Planner.plan(config);
        PlanTask t = TaskRunner.find(plan, task);
        if (markerOut != null) {
            Files.deleteIfExists(markerOut); // a stale copy must not pass for this run's marker
        }
        PrintWriter err = spec.commandLine().getErr();
        try (ArtifactStore s = open(store)) {
            // The stage writes its progress and result lines to stderr: stdout keeps the one status line.
            TaskRunner.Outcome o = TaskRunner.run(t, s, args -> StageCli.configure(new CommandLine(new Repal()),
                    err, err).execute(args.toArray(String[]::new)));
            if (o.marker() != null && markerOut != null) {
                TextFiles.writeAtomically(markerOut, new String(s.get(TaskCache.markerKey(t)),
                        StandardCharsets.UTF_8));
            }
            ObjectNode line = JSON.createObjectNode();
            line.put("task", o.task());
            line.put("status", o.status());
            if (o.exit() != 0) {
                line.put("exit", o.exit());
            } else {
                line.put("key", o.key());
                line.put("outputs", o.marker().outputs().size());
            }
            line.put("seconds", o.seconds());
            PrintWriter out = spec.commandLine().getOut();
            out.println(JSON.writeValueAsString(line));
            out.flush();
            return o.exit();
        }
    }

    private static ArtifactStore open(String location) {
        try {
            return ArtifactStores.open(location);
        } catch (ArtifactStoreException e) {
            throw new IllegalArgumentException("--store " + location + ": " + e.getMessage(), e);
        }
    }
}
