package org.repal.workflows.argo;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds properties that Jackson accepted without a field for them: fabric8's model classes (Container,
 * ObjectMeta, …) collect unknown keys in {@code getAdditionalProperties()} instead of failing. Walks records,
 * lists, maps and fabric8 beans (their public getters) and reports the paths of such keys.
 */
public final class UnmodelledProperties {
    /** Deeper than any Kubernetes object: a guard against cyclic getters. */
    private static final int MAX_DEPTH = 64;

    private UnmodelledProperties() {
    }

    /** The path of the first unmodelled key, e.g. {@code .spec.containers[0].imagePullPolize}. */
    public static Optional<String> find(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found, true, 0);
        return found.stream().findFirst();
    }

    /** Every unmodelled key's path. */
    public static List<String> all(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found, false, 0);
        return found;
    }

    /** Adds the paths found below {@code o}; returns true when it may stop (first only and one found). */
    private static boolean walk(Object o, String path, List<String> found, boolean firstOnly, int depth) {
        if (depth > MAX_DEPTH || o == null || o instanceof String || o instanceof Number || o instanceof Boolean
                || o instanceof Enum<?>) {
            return false;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                if (walk(e, path + "[" + i++ + "]", found, firstOnly, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (walk(e.getValue(), path + "." + e.getKey(), found, firstOnly, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (o.getClass().isRecord()) {
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                if (walk(invoke(rc.getAccessor(), o), path + "." + rc.getName(), found, firstOnly, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.") && !o.getClass().getName().startsWith("org.repal.")) {
            return false; // JDK and other leaf types
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class || m.getReturnType().isPrimitive()) {
                continue;
            }
            Object v = invoke(m, o);
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra) {
                    for (Object key : extra.keySet()) {
                        found.add(path + "." + key);
                        if (firstOnly) {
                            return true;
                        }
                    }
                }
                continue;
            }
            String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            if (walk(v, path + "." + name, found, firstOnly, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null; // derived getters (e.g. of Quantity) may refuse some values: not data fields
        }
    }
}
