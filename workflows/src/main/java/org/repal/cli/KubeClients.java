package org.repal.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a Kubernetes client: from a kubeconfig file when one is given, else the way kubectl finds it
 * ({@code KUBECONFIG}, {@code ~/.kube/config}, in-cluster service account). Tests pass their own.
 */
@FunctionalInterface
interface KubeClients {
    /** Milliseconds: an unreachable API server is a usage problem to report at once, not to wait out. */
    int CONNECT_TIMEOUT_MS = 5_000;
    int REQUEST_TIMEOUT_MS = 15_000;

    /** @param kubeconfig null for the default lookup */
    KubernetesClient open(Path kubeconfig);

    /** The real one: fails fast (short timeouts, no request retries). */
    static KubeClients failFast() {
        return kubeconfig -> {
            Config config;
            if (kubeconfig != null) {
                if (!Files.isRegularFile(kubeconfig)) {
                    throw new IllegalArgumentException("--kubeconfig: no file " + kubeconfig);
                }
                try {
                    config = Config.fromKubeconfig(kubeconfig.toFile());
                } catch (RuntimeException e) { // fabric8 lets its YAML and mapping errors through as they are
                    throw new IllegalArgumentException(kubeconfig + ": not a usable kubeconfig: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
                }
            } else {
                if (!configured()) {
                    throw new IllegalArgumentException("no kubeconfig: none of " + Config.getKubeconfigFilenames()
                            + " exists and this is not a pod; give --kubeconfig FILE or set KUBECONFIG");
                }
                config = Config.autoConfigure(null);
            }
            config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
            config.setRequestTimeout(REQUEST_TIMEOUT_MS);
            config.setRequestRetryBackoffLimit(0);
            return new KubernetesClientBuilder().withConfig(config).build();
        };
    }

    /**
     * Whether the default lookup has anything to go on; without, fabric8 would fall back to
     * https://kubernetes.default.svc and fail with a host-name error that hides the real problem.
     */
    private static boolean configured() {
        return System.getenv("KUBERNETES_SERVICE_HOST") != null || System.getenv("KUBERNETES_MASTER") != null
                || System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY) != null
                || Config.getKubeconfigFilenames().stream().anyMatch(f -> Files.isRegularFile(Path.of(f)));
    }
}
