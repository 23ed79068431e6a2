package org.repal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.workflows.argo.ArgoFixtures;
import org.repal.workflows.argo.ArgoYaml;
import org.repal.workflows.argo.Workflow;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;

/**
 * {@code repal submit} against fabric8's mock API server in CRUD mode; a background thread plays Argo's
 * controller by updating the Workflow's status. (Plain HTTP: the mock's HTTPS needs a newer Bouncy Castle
 * than the one MinIO brings.)
 */
@EnableKubernetesMockClient(crud = true, https = false)
class SubmitCommandTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    private static final Function<ExperimentConfig, Workflow> NO_RENDERER = c -> {
        throw new AssertionError("--file must not render");
    };

    private Path tinyFile() throws Exception {
        Path f = dir.resolve("tiny.yaml");
        Files.writeString(f, ArgoYaml.write(ArgoFixtures.tiny()));
        return f;
    }

    private List<String> names(String namespace) {
        return client.resources(Workflow.class).inNamespace(namespace).list().getItems().stream()
                .map(w -> w.getMetadata().getName()).toList();
    }

    @Test
    void submitsAFileAndPrintsTheServerGeneratedName() throws Exception {
        ArgoCli.Result r = ArgoCli.run(server, NO_RENDERER, "submit", "--file", tinyFile().toString(), "-n", "s1");
        assertEquals(0, r.code(), r.err());
        String name = r.out().trim();
        assertTrue(name.startsWith("tiny-") && name.length() > 5, name);
        assertEquals(List.of(name), names("s1"));
        assertEquals("", r.err());
    }

    @Test
    void withoutNamespaceUsesTheKubeconfigs() throws Exception {
        ArgoCli.Result r = ArgoCli.run(server, NO_RENDERER, "submit", "--file", tinyFile().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(names(client.getNamespace()).contains(r.out().trim()), client.getNamespace());
    }

    @Test
    void aProfileIsRenderedAndWhatTheRendererReturnsIsSubmitted() {
        AtomicReference<ExperimentConfig> seen = new AtomicReference<>();
        ArgoCli.Result r = ArgoCli.run(server, c -> {
            seen.set(c);
            return ArgoFixtures.tiny();
        }, "submit", "--profile", "quick", "-n", "s-profile");
        assertEquals(0, r.code(), r.err());
        assertEquals(ConfigLoader.profile("quick"), seen.get());
        assertEquals(List.of(r.out().trim()), names("s-profile"));
    }

    @Test
    void watchPrintsEachTransitionAndExitsZeroWhenItSucceeds() throws Exception {
        CompletableFuture<Void> controller = CompletableFuture.runAsync(() -> {
            try {
                String name = ArgoCli.awaitWorkflow(client, "s-ok");
                ArgoCli.awaitWatch(server, "s-ok");
                ArgoCli.setStatus(client, "s-ok", name, ArgoFixtures.status("Pending", null));
                ArgoCli.setStatus(client, "s-ok", name, ArgoFixtures.status("Running", "1/3"));
                ArgoCli.setStatus(client, "s-ok", name, ArgoFixtures.status("Succeeded", "3/3"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ArgoCli.Result r = ArgoCli.run(server, NO_RENDERER, "submit", "--file", tinyFile().toString(), "-n", "s-ok",
                "--watch", "--timeout", "30s");
        controller.join();
        assertEquals(0, r.code(), r.err());
        String name = r.out().trim();
        assertEquals(List.of(name + ": Pending", name + ": Running 1/3", name + ": Succeeded 3/3",
                "  started:  2026-01-01T00:00:00Z"), r.errLines());
    }

    @Test
    void watchExitsOneWithTheFailedPodsMessage() throws Exception {
        CompletableFuture<Void> controller = CompletableFuture.runAsync(() -> {
            try {
                String name = ArgoCli.awaitWorkflow(client, "s-fail");
                ArgoCli.awaitWatch(server, "s-fail");
                ArgoCli.setStatus(client, "s-fail", name, ArgoFixtures.status("Running", "1/2"));
                ArgoCli.setStatus(client, "s-fail", name, ArgoFixtures.failed(name, "Error (exit code 1): boom"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ArgoCli.Result r = ArgoCli.run(server, NO_RENDERER, "submit", "--file", tinyFile().toString(),
                "-n", "s-fail", "--watch");
        controller.join();
        assertEquals(1, r.code(), r.err());
        String name = r.out().trim();
        assertTrue(r.errLines().contains(name + ": Running 1/2"), r.err());
        assertTrue(r.errLines().contains(name + ": Failed 1/2"), r.err());
        assertTrue(r.errLines().contains("  failed:   a(1:y): Error (exit code 1): boom"), r.err());
    }

    @Test
    void watchGivesUpAfterTheTimeout() throws Exception {
        long t0 = System.nanoTime();
        ArgoCli.Result r = ArgoCli.run(server, NO_RENDERER, "submit", "--file", tinyFile().toString(),
                "-n", "s-slow", "--watch", "--timeout", "1s");
        assertEquals(1, r.code(), r.err());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        assertTrue(r.err().contains("submit: timed out after 1s following Workflow " + r.out().trim()), r.err());
    }

    @Test
    void badInputExitsTwoWithOneLineAndCreatesNothing() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, ArgoYaml.write(ArgoFixtures.tiny()).replace("  entrypoint: main",
                "  entrypoint: main\n  onExit: cleanup"));
        ArgoCli.Result r = ArgoCli.run(server, NO_RENDERER, "submit", "--file", bad.toString(), "-n", "s-bad");
        assertEquals(2, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("submit: " + bad + ": "), r.err());

        Workflow other = ArgoFixtures.tiny();
        other.getMetadata().setNamespace("elsewhere");
        Path otherFile = dir.resolve("other.yaml");
        Files.writeString(otherFile, ArgoYaml.write(other));
        r = ArgoCli.run(server, NO_RENDERER, "submit", "--file", otherFile.toString(), "-n", "s-bad");
        assertEquals(2, r.code());
        assertEquals("submit: the Workflow's metadata.namespace is elsewhere, not s-bad", r.err().trim());

        r = ArgoCli.run(server, NO_RENDERER, "submit", "--file", tinyFile().toString(), "-n", "s-bad",
                "--timeout", "5m");
        assertEquals(2, r.code());
        assertEquals("submit: --timeout only applies with --watch", r.err().trim());
        assertEquals(2, ArgoCli.run(server, NO_RENDERER, "submit", "--file", tinyFile().toString(), "--watch",
                "--timeout", "soon").code());
        assertEquals(2, ArgoCli.run(server, NO_RENDERER, "submit", "--profile", "quick", "--file", "x.yaml").code());
        assertEquals(List.of(), names("s-bad"));
    }

    @Test
    void anUnreachableApiServerIsOneLineNamingItQuickly() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: gone
                  cluster: {server: "http://127.0.0.1:1"}
                users:
                - name: u
                  user: {token: t}
                contexts:
                - name: gone
                  context: {cluster: gone, user: u, namespace: ns}
                current-context: gone
                """);
        long t0 = System.nanoTime();
        ArgoCli.Result r = ArgoCli.runReal("submit", "--file", tinyFile().toString(), "--kubeconfig",
                kubeconfig.toString());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "took " + (System.nanoTime() - t0) / 1e9 + " s");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("submit: Kubernetes API server http://127.0.0.1:1"), r.err());

        r = ArgoCli.runReal("submit", "--file", tinyFile().toString(), "--kubeconfig", dir.resolve("none").toString());
        assertEquals(2, r.code());
        assertEquals("submit: --kubeconfig: no file " + dir.resolve("none"), r.err().trim());

        Path broken = dir.resolve("broken");
        Files.writeString(broken, "apiVersion: v1\nkind: Config\nclusters: 3\n");
        r = ArgoCli.runReal("submit", "--file", tinyFile().toString(), "--kubeconfig", broken.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("submit: " + broken + ": not a usable kubeconfig: "), r.err());
    }
}
