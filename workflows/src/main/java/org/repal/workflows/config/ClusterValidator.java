package org.repal.workflows.config;

import static org.repal.workflows.config.ConfigValidator.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the {@code image} and {@code cluster} sections (defaults already applied): every value ends up in a
 * Kubernetes object, so each must have the form Kubernetes accepts, or the cluster would reject the workflow
 * only at submission.
 */
final class ClusterValidator {
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String SUBDOMAIN = LABEL + "(\\." + LABEL + ")*";
    private static final String IMAGE_PART = "[a-z0-9]+([._-]{1,2}[a-z0-9]+)*";
    private static final String REGISTRY = "[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*(:[0-9]+)?";
    private static final String KEY = "[-._a-zA-Z0-9]+";
    private static final String LABEL_VALUE = "([A-Za-z0-9]([-._A-Za-z0-9]{0,61}[A-Za-z0-9])?)?";
    private static final String LABEL_KEY = "(" + SUBDOMAIN + "/)?[A-Za-z0-9]([-._A-Za-z0-9]{0,61}[A-Za-z0-9])?";
    private static final String BUCKET = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";

    private ClusterValidator() {
    }

    static void validate(ExperimentConfig c, String src) {
        ExperimentConfig.Image img = c.image();
        String repo = img.repository();
        int slash = repo.indexOf('/');
        boolean hasRegistry = slash > 0 && repo.substring(0, slash).matches(".*[.:].*|localhost");
        String path = hasRegistry ? repo.substring(slash + 1) : repo;
        if ((hasRegistry && !repo.substring(0, slash).matches(REGISTRY))
                || !path.matches(IMAGE_PART + "(/" + IMAGE_PART + ")*")) {
            fail(src, "image.repository", "must be an image name such as repal or registry.example:5000/team/repal,"
                    + " got '" + repo + "'");
        }
        for (String[] tag : new String[][] {{"image.tag", img.tag()}, {"image.gpu_tag", img.gpuTag()}}) {
            if (!tag[1].matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
                fail(src, tag[0], "must be letters, digits, '_', '.' and '-' (at most 128), got '" + tag[1] + "'");
            }
        }
        oneOf(src, "image.pull_policy", img.pullPolicy(), List.of("Always", "IfNotPresent", "Never"));

        ExperimentConfig.Cluster k = c.cluster();
        if (k.namespace() != null) {
            name(src, "cluster.namespace", k.namespace(), LABEL, 63);
        }
        name(src, "cluster.service_account", k.serviceAccount(), SUBDOMAIN, 253);
        name(src, "cluster.artifact_repository.config_map", k.artifactRepository().configMap(), SUBDOMAIN, 253);
        name(src, "cluster.artifact_repository.key", k.artifactRepository().key(), KEY, 253);
        name(src, "cluster.s3_secret.name", k.s3Secret().name(), SUBDOMAIN, 253);
        name(src, "cluster.s3_secret.access_key", k.s3Secret().accessKey(), KEY, 253);
        name(src, "cluster.s3_secret.secret_key", k.s3Secret().secretKey(), KEY, 253);
        // Pods cannot see this machine's folders: the cluster store must be S3.
        if (!k.store().matches("s3://" + BUCKET + "(/[^/\\s{}]+)*/?")) {
            fail(src, "cluster.store", "must be s3://bucket/prefix, got '" + k.store() + "'");
        }
        if (k.parallelism() != null && k.parallelism() < 1) {
            fail(src, "cluster.parallelism", "must be >= 1, got " + k.parallelism());
        }
        gpu(src, k.gpu(), c.resources());
    }

    private static void gpu(String src, ExperimentConfig.Gpu g, Map<String, ExperimentConfig.Resources> resources) {
        if (!g.resource().matches(SUBDOMAIN + "/[a-zA-Z0-9]([-._a-zA-Z0-9]*[a-zA-Z0-9])?")) {
            fail(src, "cluster.gpu.resource", "must be an extended resource name such as nvidia.com/gpu, got '"
                    + g.resource() + "'");
        }
        if (g.enabled() && resources.values().stream().allMatch(r -> r.gpu() == 0)) {
            fail(src, "cluster.gpu.enabled", "is true but no stage asks for a GPU (set resources.<stage>.gpu)");
        }
        for (Map.Entry<String, String> e : g.nodeSelector().entrySet()) {
            String f = "cluster.gpu.node_selector." + e.getKey();
            if (!e.getKey().matches(LABEL_KEY)) {
                fail(src, f, "is not a valid label key");
            }
            if (e.getValue() == null || !e.getValue().matches(LABEL_VALUE)) {
                fail(src, f, "must be a label value (at most 63 letters, digits, '-', '_', '.'), got '"
                        + e.getValue() + "'");
            }
        }
        for (int i = 0; i < g.tolerations().size(); i++) {
            toleration(src, "cluster.gpu.tolerations[" + i + "]", g.tolerations().get(i));
        }
    }

    private static void toleration(String src, String f, ExperimentConfig.Toleration t) {
        if (t == null) {
            fail(src, f, "must be a mapping with key, operator, value, effect");
        }
        String op = t.operator() == null ? "Equal" : t.operator();
        if (t.key() != null && !t.key().matches(LABEL_KEY)) {
            fail(src, f + ".key", "is not a valid label key: '" + t.key() + "'");
        }
        if (t.value() != null && !t.value().matches(LABEL_VALUE)) {
            fail(src, f + ".value", "must be a label value (at most 63 letters, digits, '-', '_', '.'), got '"
                    + t.value() + "'");
        }
        oneOf(src, f + ".operator", op, List.of("Equal", "Exists"));
        if (t.key() == null && !op.equals("Exists")) {
            fail(src, f + ".key", "missing (only operator Exists may leave it out)");
        }
        if (op.equals("Exists") && t.value() != null) {
            fail(src, f + ".value", "must be left out with operator Exists");
        }
        if (t.effect() != null) {
            oneOf(src, f + ".effect", t.effect(), List.of("NoSchedule", "PreferNoSchedule", "NoExecute"));
        }
        if (t.tolerationSeconds() != null && !"NoExecute".equals(t.effect())) {
            fail(src, f + ".toleration_seconds", "only applies to effect NoExecute");
        }
    }

    private static void name(String src, String field, String value, String pattern, int max) {
        if (value.length() > max || !value.matches(pattern)) {
            String chars = pattern.equals(KEY) ? "letters, digits, '-', '_' and '.'"
                    : pattern.equals(LABEL) ? "lowercase letters, digits and '-'" : "lowercase letters, digits, '-' and '.'";
            fail(src, field, "must be " + chars + " (at most " + max + "), got '" + value + "'");
        }
    }

    private static void oneOf(String src, String field, String value, List<String> allowed) {
        if (!Set.copyOf(allowed).contains(value)) {
            fail(src, field, "must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
    }
}
