package org.repal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.repal.core.cli.StageCli;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.ArtifactStores;
import org.repal.workflows.plan.PlanTask;
import org.repal.workflows.simulate.SimulatedPlan;
import org.repal.workflows.simulate.Simulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repal simulate}: the stub compute of one plan task of a simulated run (what the tasks of
 * {@code repal run --simulate} execute instead of their stage). Prints one JSON line.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Writes one plan task's outputs with stub compute (no training or fitting): the task command of "
                + "simulated runs (repal run --simulate).", "Prints one JSON line."})
public final class SimulateCommand implements Callable<Integer>, StageCli.WithoutNumerics {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--store", required = true, paramLabel = "LOCATION", description = "The run's store.")
    String store;

    @Option(names = "--task-json", required = true, paramLabel = "JSON", description = "The real plan task.")
    String taskJson;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PlanTask task = SimulatedPlan.parse(taskJson);
        PrintWriter err = spec.commandLine().getErr();
        try (ArtifactStore s = ArtifactStores.open(store)) {
            ObjectNode line = Simulator.run(task, s, args -> StageCli.configure(new CommandLine(new Repal()), err, err)
                    .execute(args.toArray(String[]::new)));
            PrintWriter out = spec.commandLine().getOut();
            out.println(JSON.writeValueAsString(line));
            out.flush();
            return 0;
        } catch (ArtifactStoreException e) {
            throw new IllegalArgumentException("--store " + store + ": " + e.getMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
