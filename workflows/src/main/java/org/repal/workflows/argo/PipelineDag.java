package org.repal.workflows.argo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repal.workflows.argo.WorkflowSpec.Arguments;
import org.repal.workflows.argo.WorkflowSpec.Parameter;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.PlanTask;

/**
 * The plan as one Argo DAG template. Chunks of a fan-out ({@code <base>-0}, {@code <base>-1}, … of one stage)
 * become one DAG task {@code <base>} whose {@code withItems} lists the chunks' task names, so a 496-task plan
 * stays a DAG of a dozen entries; each pod gets its plan task name as the parameter {@value #TASK}. A DAG task
 * waits for every DAG task holding one of its items' dependencies (Argo waits for all items of a fan-out).
 */
final class PipelineDag {
    /** The input parameter of every stage template: the plan task a pod runs. */
    static final String TASK = "task";

    /** One DAG task: one plan task, or ({@code fanOut}) the chunks run with withItems. */
    record Group(String name, String stage, List<String> tasks, boolean fanOut, List<String> dependencies) {
    }

    private PipelineDag() {
    }

    static Template template(String name, Plan plan) {
        List<Template.DagTask> tasks = new ArrayList<>();
        for (Group g : groups(plan)) {
            String task = g.fanOut() ? "{{item}}" : g.tasks().get(0);
            tasks.add(new Template.DagTask(g.name(), g.stage(), g.dependencies().isEmpty() ? null : g.dependencies(),
                    new Arguments(List.of(Parameter.of(TASK, task)), null),
                    g.fanOut() ? List.copyOf(g.tasks()) : null, null));
        }
        return new Template(name, null, null, null, null, new Template.Dag(tasks), null, null, null, null);
    }

    /** The plan's tasks grouped into DAG tasks, in plan order. */
    static List<Group> groups(Plan plan) {
        Map<String, String> groupOf = new LinkedHashMap<>();
        Map<String, List<PlanTask>> members = new LinkedHashMap<>();
        for (PlanTask t : plan.tasks()) {
            String base = t.name().replaceFirst("-[0-9]+$", "");
            List<PlanTask> m = members.computeIfAbsent(base, b -> new ArrayList<>());
            if (!m.isEmpty() && !m.get(0).stage().equals(t.stage())) {
                throw new IllegalStateException("plan tasks " + m.get(0).name() + " and " + t.name()
                        + " share the DAG task name " + base + " but run different stages");
            }
            m.add(t);
            groupOf.put(t.name(), base);
        }
        List<Group> out = new ArrayList<>();
        for (Map.Entry<String, List<PlanTask>> e : members.entrySet()) {
            Set<String> deps = new LinkedHashSet<>();
            for (PlanTask t : e.getValue()) {
                for (String d : t.dependsOn()) {
                    deps.add(groupOf.get(d));
                }
            }
            if (deps.contains(e.getKey())) {
                throw new IllegalStateException("plan tasks of " + e.getKey() + " depend on each other; a fan-out"
                        + " cannot wait for itself");
            }
            List<String> names = e.getValue().stream().map(PlanTask::name).toList();
            boolean fanOut = names.size() > 1 || !names.get(0).equals(e.getKey());
            // Dependencies in plan order, which is topological.
            List<String> ordered = members.keySet().stream().filter(deps::contains).toList();
            out.add(new Group(e.getKey(), e.getValue().get(0).stage(), names, fanOut, ordered));
        }
        return out;
    }
}
