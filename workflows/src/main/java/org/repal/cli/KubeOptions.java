package org.repal.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The cluster options shared by {@code submit} and {@code status}, and what they resolve to. */
final class KubeOptions {
    @Option(names = {"-n", "--namespace"}, paramLabel = "N",
            description = "Namespace (default: the kubeconfig's current one, else default).")
    String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file (default: $KUBECONFIG, ~/.kube/config or the pod's service account).")
    Path kubeconfig;

    /** {@code --namespace}, else {@code fallback} (e.g. the Workflow file's), else the client's, else default. */
    String namespace(KubernetesClient client, String fallback) {
        if (namespace != null) {
            return namespace;
        }
        if (fallback != null) {
            return fallback;
        }
        String ns = client.getNamespace();
        return ns == null || ns.isBlank() ? "default" : ns;
    }

    /**
     * A client error as one line naming the API server (the usual cause is a wrong kubeconfig or a cluster
     * that is down), as bad input.
     */
    static IllegalArgumentException unreachable(KubernetesClient client, KubernetesClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = e.getCode() > 0 ? e.getMessage() : root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return new IllegalArgumentException("Kubernetes API server " + client.getMasterUrl() + ": "
                + why.replace('\n', ' '), e);
    }
}
