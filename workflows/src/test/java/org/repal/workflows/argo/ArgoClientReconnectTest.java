package org.repal.workflows.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A watch the API server ends ("410 Gone": the resource version is too old, as after a long run) is re-opened
 * and the Workflow re-read. Scripted with the mock server's expectations, since the CRUD mode never ends one.
 */
@EnableKubernetesMockClient(https = false)
class ArgoClientReconnectTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    private static final String BASE = "/apis/argoproj.io/v1alpha1/namespaces/ns/workflows";
    private static final String WATCH = BASE + "?allowWatchBookmarks=true&fieldSelector=metadata.name%3Dw&watch=true";

    private static Workflow w(String phase, String progress) {
        Workflow wf = ArgoFixtures.tiny();
        wf.setMetadata(new ObjectMetaBuilder().withName("w").withNamespace("ns").withResourceVersion("1").build());
        wf.setStatus(ArgoFixtures.status(phase, progress));
        return wf;
    }

    @Test
    void aWatchEndedByTheServerIsReopened() throws Exception {
        server.expect().get().withPath(BASE + "/w").andReturn(200, w("Running", "1/3")).times(2);
        server.expect().get().withPath(WATCH).andUpgradeToWebSocket().open()
                .waitFor(100).andEmit(new WatchEvent(new StatusBuilder().withCode(410).withReason("Expired")
                        .withMessage("too old resource version").build(), "ERROR"))
                .done().once();
        server.expect().get().withPath(WATCH).andUpgradeToWebSocket().open()
                .waitFor(100).andEmit(new WatchEvent(w("Running", "2/3"), "MODIFIED"))
                .waitFor(100).andEmit(new WatchEvent(w("Succeeded", "3/3"), "MODIFIED"))
                .done().once();
        List<String> seen = new ArrayList<>();
        Workflow end = new ArgoClient(client, "ns").follow("w",
                wf -> seen.add(WorkflowSummary.of(wf).progressLine()), Duration.ofSeconds(20));
        assertEquals("Succeeded", end.getStatus().phase());
        assertEquals(List.of("w: Running 1/3", "w: Running 1/3", "w: Running 2/3", "w: Succeeded 3/3"), seen);
    }
}
