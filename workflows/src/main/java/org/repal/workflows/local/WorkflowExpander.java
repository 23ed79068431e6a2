package org.repal.workflows.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repal.workflows.argo.Template;
import org.repal.workflows.argo.Workflow;
import org.repal.workflows.argo.WorkflowSpec;

/**
 * Turns a rendered Workflow into the container invocations Argo would run: the entrypoint DAG's tasks, each
 * expanded over its {@code withItems}, with {@code {{workflow.parameters.*}}}, {@code {{inputs.parameters.*}}}
 * and {@code {{item}}} / {@code {{item.key}}} substituted, in dependency order. It covers the subset of Argo the
 * renderer emits and refuses anything else by name, so that the local run never silently differs from what the
 * cluster would do.
 */
public final class WorkflowExpander {
    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One container run. {@code name} follows Argo's node naming ({@code task} or {@code task(i:item)}),
     * {@code parameters} are the template's resolved input parameters.
     */
    public record Step(String name, String template, List<String> args, List<String> dependsOn,
                       Map<String, String> parameters) {
    }

    private WorkflowExpander() {
    }

    /** @param overrides workflow parameter values replacing the rendered defaults (e.g. the store location) */
    public static List<Step> expand(Workflow workflow, Map<String, String> overrides) {
        WorkflowSpec spec = workflow.getSpec();
        Map<String, String> globals = new LinkedHashMap<>();
        if (spec.arguments() != null && spec.arguments().parameters() != null) {
            spec.arguments().parameters().forEach(p -> globals.put(p.name(), p.value()));
        }
        for (var e : overrides.entrySet()) {
            if (!globals.containsKey(e.getKey())) {
                throw new IllegalArgumentException("the workflow has no parameter " + e.getKey()
                        + " (it has: " + String.join(", ", globals.keySet()) + ")");
            }
            globals.put(e.getKey(), e.getValue());
        }
        Map<String, Template> templates = new HashMap<>();
        spec.templates().forEach(t -> templates.put(t.name(), t));
        Template entry = template(templates, spec.entrypoint(), "spec.entrypoint");
        if (entry.dag() == null) {
            return List.of(step(entry.name(), entry, Map.of(), List.of(), globals));
        }
        Map<String, List<String>> nodesOfTask = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (Template.DagTask task : entry.dag().tasks()) {
            List<String> deps = new ArrayList<>();
            for (String d : task.dependencies() == null ? List.<String>of() : task.dependencies()) {
                List<String> nodes = nodesOfTask.get(d);
                if (nodes == null) {
                    throw new IllegalArgumentException("DAG task " + task.name() + " depends on " + d
                            + ", which is not an earlier task of " + entry.name());
                }
                deps.addAll(nodes);
            }
            if (task.withParam() != null) {
                throw new IllegalArgumentException("DAG task " + task.name()
                        + ": withParam is not supported by the local runner (the renderer emits withItems)");
            }
            Template target = template(templates, task.template(), "DAG task " + task.name());
            if (target.container() == null) {
                throw new IllegalArgumentException("DAG task " + task.name() + ": template " + target.name()
                        + " is not a container template (nested DAGs are not supported locally)");
            }
            List<String> nodes = new ArrayList<>();
            List<Object> items = task.withItems();
            for (int i = 0; i < (items == null ? 1 : items.size()); i++) {
                Object item = items == null ? null : items.get(i);
                String node = item == null ? task.name() : task.name() + "(" + i + ":" + render(item) + ")";
                Map<String, String> scope = new HashMap<>(prefixed("workflow.parameters.", globals));
                if (item != null) {
                    scope.putAll(itemScope(item));
                }
                Map<String, String> inputs = new LinkedHashMap<>();
                if (task.arguments() != null && task.arguments().parameters() != null) {
                    for (WorkflowSpec.Parameter p : task.arguments().parameters()) {
                        inputs.put(p.name(), substitute(p.value(), scope, "DAG task " + task.name()));
                    }
                }
                steps.add(step(node, target, inputs, deps, globals));
                nodes.add(node);
            }
            nodesOfTask.put(task.name(), nodes);
        }
        return steps;
    }

    private static Step step(String node, Template t, Map<String, String> given, List<String> deps,
                             Map<String, String> globals) {
        Map<String, String> inputs = new LinkedHashMap<>();
        if (t.inputs() != null && t.inputs().parameters() != null) {
            for (WorkflowSpec.Parameter p : t.inputs().parameters()) {
                String v = given.containsKey(p.name()) ? given.get(p.name()) : p.value();
                if (v == null) {
                    throw new IllegalArgumentException(node + ": template " + t.name() + " needs parameter " + p.name());
                }
                inputs.put(p.name(), v);
            }
        }
        Map<String, String> scope = new HashMap<>(prefixed("workflow.parameters.", globals));
        scope.putAll(prefixed("inputs.parameters.", inputs));
        List<String> args = new ArrayList<>();
        for (String a : t.container().getArgs()) {
            args.add(substitute(a, scope, node));
        }
        return new Step(node, t.name(), List.copyOf(args), List.copyOf(deps), Map.copyOf(inputs));
    }

    private static Template template(Map<String, Template> templates, String name, String where) {
        Template t = templates.get(name);
        if (t == null) {
            throw new IllegalArgumentException(where + ": no template named " + name);
        }
        return t;
    }

    private static Map<String, String> itemScope(Object item) {
        Map<String, String> scope = new HashMap<>();
        scope.put("item", render(item));
        if (item instanceof Map<?, ?> m) {
            m.forEach((k, v) -> scope.put("item." + k, render(v)));
        }
        return scope;
    }

    /** Argo renders a scalar item as its text and a structured one as JSON. */
    private static String render(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("item " + value + " is not JSON", e);
        }
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> values) {
        Map<String, String> out = new HashMap<>();
        values.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    private static String substitute(String text, Map<String, String> scope, String where) {
        if (text == null) {
            return null;
        }
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = scope.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(where + ": cannot resolve {{" + m.group(1) + "}} locally");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
