package org.repal.workflows.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** ArgoClient against fabric8's mock API server in CRUD mode (it stores what is created and streams watches). */
@EnableKubernetesMockClient(crud = true, https = false)
class ArgoClientTest {
    static KubernetesClient client;

    private static void setStatus(String ns, String name, WorkflowStatus status) {
        // Argo's Workflow CRD has no status subresource: the controller updates the whole object, so do the same.
        client.resources(Workflow.class).inNamespace(ns).withName(name).edit(wf -> {
            wf.setStatus(status);
            return wf;
        });
    }

    @Test
    void submitCompletesGenerateNameAndTheWorkflowIsListed() {
        ArgoClient argo = new ArgoClient(client, "ns-submit");
        Workflow created = argo.submit(ArgoFixtures.tiny());
        String name = created.getMetadata().getName();
        assertTrue(name.startsWith("tiny-") && name.length() > "tiny-".length(), name);
        assertEquals(List.of(name), client.resources(Workflow.class).inNamespace("ns-submit").list().getItems()
                .stream().map(w -> w.getMetadata().getName()).toList());
        assertEquals("main", argo.get(name).orElseThrow().getSpec().entrypoint());
        assertTrue(argo.get("nope").isEmpty());
    }

    @Test
    void submitRejectsAWorkflowOfAnotherNamespaceOrWithoutName() {
        ArgoClient argo = new ArgoClient(client, "ns-a");
        Workflow wf = ArgoFixtures.tiny();
        wf.getMetadata().setNamespace("ns-b");
        assertThrows(IllegalArgumentException.class, () -> argo.submit(wf));
        Workflow unnamed = ArgoFixtures.tiny();
        unnamed.getMetadata().setGenerateName(null);
        assertThrows(IllegalArgumentException.class, () -> argo.submit(unnamed));
    }

    @Test
    void followSeesEachStatusUntilItFinishes() throws Exception {
        ArgoClient argo = new ArgoClient(client, "ns-follow");
        String name = argo.submit(ArgoFixtures.tiny()).getMetadata().getName();
        List<String> seen = new ArrayList<>();
        CompletableFuture<Void> controller = CompletableFuture.runAsync(() -> {
            pause();
            setStatus("ns-follow", name, ArgoFixtures.status("Running", "1/3"));
            pause();
            setStatus("ns-follow", name, ArgoFixtures.status("Succeeded", "3/3"));
        });
        Workflow end = argo.follow(name, wf -> seen.add(WorkflowSummary.of(wf).progressLine()), Duration.ofSeconds(20));
        controller.join();
        assertEquals("Succeeded", end.getStatus().phase());
        // The mock's watch also replays the current state, so states repeat; each appears, in order.
        assertEquals(List.of(name + ": Pending", name + ": Running 1/3", name + ": Succeeded 3/3"),
                seen.stream().distinct().toList());
    }

    @Test
    void followTimesOutAndReportsAMissingWorkflow() throws Exception {
        ArgoClient argo = new ArgoClient(client, "ns-timeout");
        String name = argo.submit(ArgoFixtures.tiny()).getMetadata().getName();
        long t0 = System.nanoTime();
        TimeoutException e = assertThrows(TimeoutException.class,
                () -> argo.follow(name, wf -> { }, Duration.ofMillis(500)));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        assertTrue(e.getMessage().contains(name + ": Pending"), e.getMessage());
        NoSuchElementException missing = assertThrows(NoSuchElementException.class,
                () -> argo.follow("nope", wf -> { }, Duration.ofSeconds(5)));
        assertEquals("no Workflow nope in namespace ns-timeout", missing.getMessage());
    }

    @Test
    void aWorkflowDeletedWhileFollowedEndsTheFollowing() {
        ArgoClient argo = new ArgoClient(client, "ns-deleted");
        String name = argo.submit(ArgoFixtures.tiny()).getMetadata().getName();
        CompletableFuture.runAsync(() -> {
            pause();
            client.resources(Workflow.class).inNamespace("ns-deleted").withName(name).delete();
        });
        NoSuchElementException e = assertThrows(NoSuchElementException.class,
                () -> argo.follow(name, wf -> { }, Duration.ofSeconds(20)));
        assertEquals("Workflow " + name + " was deleted from namespace ns-deleted while being followed",
                e.getMessage());
    }

    static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
