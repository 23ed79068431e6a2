package org.repal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.cli.StageCli;
import org.repal.workflows.argo.Workflow;
import org.repal.workflows.argo.WorkflowRenderer;
import org.repal.workflows.config.ExperimentConfig;
import org.repal.workflows.local.WorkflowInterpreter;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.PlanEstimate;
import org.repal.workflows.plan.Planner;
import org.repal.workflows.plan.UnitCosts;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repal plan}: what an experiment will run and cost before it runs — tasks and pods per Workflow, the bytes
 * each stage writes, and CPU- and GPU-hours from the measured per-unit costs ({@link UnitCosts}).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Prints an experiment's tasks and pods per Workflow, artifact volume and CPU/GPU-hours per stage "
                + "(estimated from the shapes its config implies and measured per-unit costs).",
                "A table by default; --json for one JSON object."})
public final class PlanCommand implements Callable<Integer>, StageCli.WithoutNumerics {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ArgGroup(exclusive = true, multiplicity = "1") ConfigSource source;

    @Option(names = "--json", description = "One JSON object instead of the table.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig config = source.load();
        Plan plan = Planner.plan(config);
        Workflow wf = WorkflowRenderer.workflow(config);
        int pods = WorkflowInterpreter.expand(wf, Map.of(WorkflowRenderer.STORE, "s3://plan/estimate"),
                (step, artifact) -> "/dev/null").size();
        String wfName = wf.getMetadata().getName() != null ? wf.getMetadata().getName()
                : wf.getMetadata().getGenerateName();
        List<PlanEstimate.TaskCost> tasks = PlanEstimate.tasks(config, plan);
        List<PlanEstimate.Stage> stages = PlanEstimate.byStage(tasks);
        long bytes = 0;
        double cpu = 0;
        double gpu = 0;
        for (PlanEstimate.Stage s : stages) {
            bytes += s.bytes();
            cpu += s.cpuHours();
            gpu += s.gpuHours();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = JSON.createObjectNode().put("plan", plan.name()).put("tasks", plan.tasks().size())
                    .put("max_pods_per_workflow", Plan.MAX_TASKS);
            o.putArray("workflows").addObject().put("name", wfName).put("tasks", plan.tasks().size()).put("pods", pods);
            ArrayNode st = o.putArray("stages");
            for (PlanEstimate.Stage s : stages) {
                st.addObject().put("stage", s.stage()).put("tasks", s.tasks()).put("bytes", s.bytes())
                        .put("cpu_hours", round(s.cpuHours())).put("gpu_hours", round(s.gpuHours()));
            }
            o.putObject("total").put("bytes", bytes).put("cpu_hours", round(cpu)).put("gpu_hours", round(gpu));
            o.put("unit_costs", UnitCosts.RESOURCE);
            out.println(JSON.writeValueAsString(o));
        } else {
            out.println("plan " + plan.name() + ": " + plan.tasks().size() + " tasks");
            out.println();
            out.println(String.format(Locale.ROOT, "%-28s %7s %7s", "workflow", "tasks", "pods"));
            out.println(String.format(Locale.ROOT, "%-28s %7d %7d", wfName, plan.tasks().size(), pods));
            out.println();
            List<String[]> rows = new ArrayList<>();
            for (PlanEstimate.Stage s : stages) {
                rows.add(new String[] {s.stage(), Integer.toString(s.tasks()), human(s.bytes()), hours(s.cpuHours()),
                        hours(s.gpuHours())});
            }
            rows.add(new String[] {"total", Integer.toString(plan.tasks().size()), human(bytes), hours(cpu), hours(gpu)});
            out.println(String.format(Locale.ROOT, "%-20s %7s %12s %12s %12s", "stage", "tasks", "artifacts",
                    "CPU-hours", "GPU-hours"));
            for (String[] r : rows) {
                out.println(String.format(Locale.ROOT, "%-20s %7s %12s %12s %12s", (Object[]) r));
            }
            out.println();
            out.println("Estimates from the config's shapes and the measured per-unit costs in " + UnitCosts.RESOURCE
                    + " (training at its epoch cap; GPU-hours = wall time of GPU tasks from CPU throughput).");
        }
        out.flush();
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String hours(double h) {
        return h == 0 ? "0" : h < 0.1 ? String.format(Locale.ROOT, "%.3f", h) : String.format(Locale.ROOT, "%.1f", h);
    }

    /** Bytes with a binary-prefixed unit (KiB … TiB). */
    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
