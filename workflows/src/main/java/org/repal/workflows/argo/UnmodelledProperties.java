package org.repal.workflows.argo;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Finds properties that Jackson accepted without a field for them: fabric8's model classes (Container,
 * ObjectMeta, …) collect unknown keys in {@code getAdditionalProperties()} instead of failing. Walks records,
 * lists, maps and fabric8 beans (their public getters) and reports the path of the first such key.
 */
final class UnmodelledProperties {
    private UnmodelledProperties() {
    }

    static Optional<String> find(Object root) {
        return walk(root, "");
    }

    private static Optional<String> walk(Object o, String path) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>) {
            return Optional.empty();
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                Optional<String> f = walk(e, path + "[" + i++ + "]");
                if (f.isPresent()) {
                    return f;
                }
            }
            return Optional.empty();
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Optional<String> f = walk(e.getValue(), path + "." + e.getKey());
                if (f.isPresent()) {
                    return f;
                }
            }
            return Optional.empty();
        }
        if (o.getClass().isRecord()) {
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                Optional<String> f = walk(invoke(rc.getAccessor(), o), path + "." + rc.getName());
                if (f.isPresent()) {
                    return f;
                }
            }
            return Optional.empty();
        }
        if (!o.getClass().getName().startsWith("io.fabric8.") && !o.getClass().getName().startsWith("org.repal.")) {
            return Optional.empty(); // JDK and other leaf types
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class || m.getReturnType().isPrimitive()) {
                continue;
            }
            Object v = invoke(m, o);
            String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    return Optional.of(path + "." + extra.keySet().iterator().next());
                }
                continue;
            }
            Optional<String> f = walk(v, path + "." + name);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null; // not a readable property: nothing to check
        }
    }
}
