package org.repal.workflows.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repal.workflows.argo.ArgoYaml;
import org.repal.workflows.argo.Workflow;
import org.repal.workflows.argo.WorkflowRenderer;
import org.repal.workflows.config.ConfigJson;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.PlanTask;
import org.repal.workflows.plan.Planner;

/** The rendered Workflow expands into exactly the plan's tasks, as `repal task` command lines. */
class WorkflowInterpreterTest {
    private static List<WorkflowInterpreter.Step> expand(Workflow wf) {
        return WorkflowInterpreter.expand(wf, Map.of("store", "/data/out"), (step, artifact) -> "/logs/" + step + "."
                + artifact + ".json");
    }

    @Test
    void stepsAreThePlanTasksWithTheirDependencies() {
        for (String profile : ConfigLoader.PROFILES) {
            ExperimentConfig c = ConfigLoader.profile(profile);
            Plan plan = Planner.plan(c);
            List<WorkflowInterpreter.Step> steps = expand(WorkflowRenderer.workflow(c));
            assertEquals(plan.tasks().stream().map(PlanTask::name).toList(),
                    steps.stream().map(WorkflowInterpreter.Step::name).toList());
            for (int i = 0; i < steps.size(); i++) {
                assertEquals(plan.tasks().get(i).dependsOn(), steps.get(i).dependsOn(), steps.get(i).name());
            }
            WorkflowInterpreter.Step last = steps.get(steps.size() - 1);
            assertEquals(List.of("task", "--store", "/data/out", "--config-json", ConfigJson.write(c), "--task",
                    last.name(), "--marker-out", "/logs/" + last.name() + ".marker.json"), last.args());
        }
    }

    @Test
    void readsTheYamlItWrites() {
        Workflow wf = WorkflowRenderer.workflow(ConfigLoader.profile("quick"));
        Workflow back = ArgoYaml.read(ArgoYaml.write(wf), Workflow.class, "quick.yaml");
        assertEquals(expand(wf), expand(back));
    }

    @Test
    void substitutesInOnePassAndRejectsWhatItCannotRun() {
        Map<String, String> vars = new HashMap<>(Map.of("a", "{{b}}", "b", "x"));
        assertEquals("{{b}}-x}}", WorkflowInterpreter.substitute("{{a}}-{{ b }}}}", vars, "t"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> WorkflowInterpreter.substitute("{{pod.name}}", vars, "train-rnn"));
        assertTrue(e.getMessage().startsWith("train-rnn: {{pod.name}} is not supported"), e.getMessage());
        Workflow wf = WorkflowRenderer.workflow(ConfigLoader.profile("quick"));
        e = assertThrows(IllegalArgumentException.class,
                () -> WorkflowInterpreter.expand(wf, Map.of("stor", "x"), (s, a) -> a));
        assertTrue(e.getMessage().contains("no parameter 'stor'"), e.getMessage());
    }
}
