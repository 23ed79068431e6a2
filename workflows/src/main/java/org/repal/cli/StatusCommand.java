package org.repal.cli;

import org.repal.core.cli.StageCli;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.repal.workflows.argo.ArgoClient;
import org.repal.workflows.argo.WorkflowSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code repal status NAME}: the summary of a submitted Workflow on stdout (lines, or one JSON object). With
 * {@code --watch} it first follows the Workflow (changes on stderr) and exits 0 only if it succeeded.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows an Argo Workflow's phase, progress, times and failed pods.",
                "--watch follows it until it finishes (exit 0 Succeeded, 1 Failed/Error)."})
public final class StatusCommand implements Callable<Integer>, StageCli.WithoutNumerics {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "NAME", description = "The Workflow's name (as printed by submit).")
    String name;

    @Mixin KubeOptions kube;

    @Option(names = "--watch", description = "Follow the Workflow until it finishes.") boolean watch;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --watch: give up after this long (e.g. 30m, 2h; default: no limit).")
    Duration timeout;

    @Option(names = "--json", description = "Print the summary as one JSON object.") boolean json;

    @Spec CommandSpec spec;

    private final KubeClients clients;

    public StatusCommand() {
        this(KubeClients.failFast());
    }

    /** With another client source (tests: the mock server). */
    StatusCommand(KubeClients clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() throws Exception {
        // Checked before any cluster call: a name such as ../x would otherwise reach the API server's URL path.
        if (name.length() > 253 || !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw new IllegalArgumentException("NAME: must be a Workflow name (lowercase letters, digits, '-' and"
                    + " '.', at most 253), got '" + name + "'");
        }
        if (timeout != null && !watch) {
            throw new IllegalArgumentException("--timeout only applies with --watch");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KubernetesClient client = clients.open(kube.kubeconfig)) {
            ArgoClient argo = new ArgoClient(client, kube.namespace(client, null));
            WorkflowSummary s;
            try {
                s = watch ? WorkflowFollower.follow(argo, name, timeout, err)
                        : WorkflowSummary.of(argo.get(name).orElseThrow(() -> new NoSuchElementException(
                                "no Workflow " + name + " in namespace " + argo.namespace())));
            } catch (KubernetesClientException e) {
                throw KubeOptions.unreachable(client, e);
            } catch (TimeoutException e) {
                err.println("status: " + e.getMessage());
                err.flush();
                return 1;
            }
            if (json) {
                out.println(JSON.writeValueAsString(s));
            } else {
                s.lines().forEach(out::println);
            }
            out.flush();
            return watch && !s.succeeded() ? 1 : 0;
        }
    }
}
