package org.repal.workflows.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repal.workflows.argo.Template;
import org.repal.workflows.argo.Workflow;
import org.repal.workflows.argo.WorkflowSpec;

/**
 * Expands a rendered Workflow into the command lines its pods would run, so that the local runner executes the
 * very object submitted to a cluster. Supports what the renderer emits: an entrypoint DAG of container templates,
 * {@code withItems} fan-out, {@code dependencies}, and the variables {@code {{workflow.parameters.*}}},
 * {@code {{workflow.name}}}, {@code {{inputs.parameters.*}}} and {@code {{item}}}; anything else is rejected
 * rather than run differently from Argo.
 */
public final class WorkflowInterpreter {
    /** The input parameter that names a step after its plan task. */
    static final String TASK = "task";
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    /** One pod: its name (the plan task, else Argo's node name), container args, and the steps it waits for. */
    public record Step(String name, List<String> args, List<String> dependsOn) {
    }

    private WorkflowInterpreter() {
    }

    /**
     * @param overrides  workflow parameter values replacing the defaults (e.g. the store)
     * @param outputPath where a step's output artifact file goes locally, given (step, artifact name): pods
     *                   have their own /tmp, local steps share one file system
     */
    public static List<Step> expand(Workflow wf, Map<String, String> overrides,
                                    BiFunction<String, String, String> outputPath) {
        WorkflowSpec spec = wf.getSpec();
        Map<String, String> globals = new HashMap<>();
        if (spec.arguments() != null && spec.arguments().parameters() != null) {
            for (WorkflowSpec.Parameter p : spec.arguments().parameters()) {
                globals.put("workflow.parameters." + p.name(), p.value());
            }
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (!globals.containsKey("workflow.parameters." + o.getKey())) {
                throw new IllegalArgumentException("workflow has no parameter '" + o.getKey() + "'");
            }
            globals.put("workflow.parameters." + o.getKey(), o.getValue());
        }
        String name = wf.getMetadata().getName() != null ? wf.getMetadata().getName()
                : wf.getMetadata().getGenerateName() + "local";
        globals.put("workflow.name", name);
        Map<String, Template> templates = new LinkedHashMap<>();
        spec.templates().forEach(t -> templates.put(t.name(), t));
        Template entry = templates.get(spec.entrypoint());
        if (entry == null || entry.dag() == null) {
            throw new IllegalArgumentException("entrypoint " + spec.entrypoint() + ": a DAG template is required");
        }
        Map<String, List<String>> stepsOf = new HashMap<>();
        List<Step> out = new ArrayList<>();
        for (Template.DagTask d : entry.dag().tasks()) {
            if (d.withParam() != null) {
                throw new IllegalArgumentException("DAG task " + d.name() + ": withParam is not supported locally");
            }
            Template t = templates.get(d.template());
            if (t == null || t.container() == null) {
                throw new IllegalArgumentException("DAG task " + d.name() + ": template " + d.template()
                        + " must be a container template");
            }
            List<String> deps = new ArrayList<>();
            for (String dep : d.dependencies() == null ? List.<String>of() : d.dependencies()) {
                List<String> s = stepsOf.get(dep);
                if (s == null) {
                    throw new IllegalArgumentException("DAG task " + d.name() + " depends on " + dep
                            + ", which is not an earlier task");
                }
                deps.addAll(s);
            }
            List<Object> items = d.withItems() == null ? Collections.singletonList(null) : d.withItems();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Map<String, String> vars = new HashMap<>(globals);
                if (d.withItems() != null) {
                    vars.put("item", String.valueOf(items.get(i)));
                }
                Map<String, String> inputs = new HashMap<>(globals);
                if (d.arguments() != null && d.arguments().parameters() != null) {
                    for (WorkflowSpec.Parameter p : d.arguments().parameters()) {
                        inputs.put("inputs.parameters." + p.name(), substitute(p.value(), vars, d.name()));
                    }
                }
                String step = inputs.getOrDefault("inputs.parameters." + TASK,
                        d.withItems() == null ? d.name() : d.name() + "(" + i + ":" + items.get(i) + ")");
                Map<String, String> localPaths = new HashMap<>();
                if (t.outputs() != null && t.outputs().artifacts() != null) {
                    for (WorkflowSpec.Artifact a : t.outputs().artifacts()) {
                        localPaths.put(a.path(), outputPath.apply(step, a.name()));
                    }
                }
                List<String> args = new ArrayList<>();
                for (String a : t.container().getArgs()) {
                    String v = substitute(a, inputs, t.name());
                    args.add(localPaths.getOrDefault(v, v));
                }
                out.add(new Step(step, args, deps));
                names.add(step);
            }
            stepsOf.put(d.name(), names);
        }
        return out;
    }

    /** Replaces every {{name}} in one pass (values are not rescanned: a JSON value may hold "}}"). */
    static String substitute(String text, Map<String, String> vars, String where) {
        if (text == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(where + ": {{" + m.group(1) + "}} is not supported locally"
                        + " or not defined");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
