package org.repal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.workflows.argo.ArgoClient;
import org.repal.workflows.argo.ArgoFixtures;
import org.repal.workflows.argo.Workflow;
import org.repal.workflows.argo.WorkflowStatus;
import org.repal.workflows.config.ExperimentConfig;

/** {@code repal status} against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true, https = false)
class StatusCommandTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    private static final Function<ExperimentConfig, Workflow> NO_RENDERER = c -> {
        throw new AssertionError("status does not render");
    };

    private static String created(String namespace, WorkflowStatus status) throws InterruptedException {
        String name = new ArgoClient(client, namespace).submit(ArgoFixtures.tiny()).getMetadata().getName();
        if (status != null) {
            ArgoCli.setStatus(client, namespace, name, status);
        }
        return name;
    }

    @Test
    void anUnknownNameExitsTwoNamingTheNamespace() {
        ArgoCli.Result r = ArgoCli.run(server, NO_RENDERER, "status", "nope");
        assertEquals(2, r.code());
        assertEquals("status: no Workflow nope in namespace " + client.getNamespace(), r.err().trim());
        r = ArgoCli.run(server, NO_RENDERER, "status", "nope", "-n", "x", "--watch");
        assertEquals(2, r.code());
        assertEquals("status: no Workflow nope in namespace x", r.err().trim());
    }

    @Test
    void printsTheSummaryWithTheFailedPodsMessage() throws Exception {
        String name = created("st-fail", null);
        ArgoCli.setStatus(client, "st-fail", name, ArgoFixtures.failed(name, "Error (exit code 1): boom"));
        ArgoCli.Result r = ArgoCli.run(server, NO_RENDERER, "status", name, "-n", "st-fail");
        assertEquals(0, r.code(), r.err()); // the question was answered; --watch makes the code the outcome
        assertEquals(List.of(name + ": Failed 1/2", "  started:  2026-01-01T00:00:00Z",
                "  finished: 2026-01-01T00:02:00Z", "  message:  child '" + name + "-2' failed",
                "  failed:   a(1:y): Error (exit code 1): boom"), r.out().lines().toList());

        r = ArgoCli.run(server, NO_RENDERER, "status", name, "-n", "st-fail", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().lines().count());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(name, j.get("name").asText());
        assertEquals("st-fail", j.get("namespace").asText());
        assertEquals("Failed", j.get("phase").asText());
        assertEquals("1/2", j.get("progress").asText());
        assertEquals("Error (exit code 1): boom", j.get("failedNodes").get(0).get("message").asText());

        r = ArgoCli.run(server, NO_RENDERER, "status", name, "-n", "st-fail", "--watch");
        assertEquals(1, r.code());
        assertEquals(List.of(name + ": Failed 1/2"), r.errLines());
    }

    @Test
    void watchFollowsARunningWorkflowToSuccess() throws Exception {
        String name = created("st-ok", ArgoFixtures.status("Running", "1/3"));
        CompletableFuture<Void> controller = CompletableFuture.runAsync(() -> {
            try {
                ArgoCli.awaitWatch(server, "st-ok");
                ArgoCli.setStatus(client, "st-ok", name, ArgoFixtures.status("Running", "2/3"));
                ArgoCli.setStatus(client, "st-ok", name, ArgoFixtures.status("Succeeded", "3/3"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ArgoCli.Result r = ArgoCli.run(server, NO_RENDERER, "status", name, "-n", "st-ok", "--watch", "--json");
        controller.join();
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(name + ": Running 1/3", name + ": Running 2/3", name + ": Succeeded 3/3"), r.errLines());
        assertEquals("Succeeded", new ObjectMapper().readTree(r.out()).get("phase").asText());
    }

    @Test
    void noKubeconfigIsOneLineSayingSo() {
        Assumptions.assumeTrue(System.getenv("KUBERNETES_SERVICE_HOST") == null
                && System.getenv("KUBERNETES_MASTER") == null, "running in a pod: the service account is found");
        String before = System.getProperty("kubeconfig");
        System.setProperty("kubeconfig", dir.resolve("none").toString());
        try {
            ArgoCli.Result r = ArgoCli.runReal("status", "x");
            assertEquals(2, r.code());
            assertTrue(r.err().startsWith("status: no kubeconfig: none of [" + dir.resolve("none") + "] exists"),
                    r.err());
            assertEquals(1, r.errLines().size());
        } finally {
            if (before == null) {
                System.clearProperty("kubeconfig");
            } else {
                System.setProperty("kubeconfig", before);
            }
        }
    }
}
