package org.repal.cli;

import org.repal.core.cli.StageCli;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.repal.workflows.argo.ArgoClient;
import org.repal.workflows.argo.ArgoYaml;
import org.repal.workflows.argo.Workflow;
import org.repal.workflows.argo.WorkflowRenderer;
import org.repal.workflows.argo.WorkflowSummary;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repal submit}: creates the pipeline's Argo Workflow in the cluster of the current kubeconfig. Prints
 * the Workflow's name; with {@code --watch} follows it on stderr and exits 0 when it succeeded, 1 when it
 * failed (naming the failed pod and its message) or the timeout passed.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submits the pipeline as an Argo Workflow to the cluster of the current kubeconfig.",
                "Prints the Workflow's name; --watch follows it until it finishes."})
public final class SubmitCommand implements Callable<Integer>, StageCli.WithoutNumerics {

    static final class Source {
        @Option(names = "--profile", paramLabel = "quick|paper", description = "A bundled profile.") String profile;
        @Option(names = "--config", paramLabel = "FILE", description = "An experiment YAML file.") Path config;
        @Option(names = "--file", paramLabel = "WORKFLOW.yaml", description = "A rendered Workflow to submit as is.")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") Source source;

    @Mixin KubeOptions kube;

    @Option(names = "--watch", description = "Follow the Workflow until it finishes.") boolean watch;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --watch: give up after this long (e.g. 30m, 2h; default: no limit).")
    Duration timeout;

    @Spec CommandSpec spec;

    private final KubeClients clients;
    private final Function<ExperimentConfig, Workflow> renderer;

    public SubmitCommand() {
        this(KubeClients.failFast(), WorkflowRenderer::workflow);
    }

    /** With another client source (tests: the mock server) and renderer. */
    SubmitCommand(KubeClients clients, Function<ExperimentConfig, Workflow> renderer) {
        this.clients = clients;
        this.renderer = renderer;
    }

    @Override
    public Integer call() throws Exception {
        if (timeout != null && !watch) {
            throw new IllegalArgumentException("--timeout only applies with --watch");
        }
        Workflow wf = workflow(); // bad input is reported before any connection is made
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KubernetesClient client = clients.open(kube.kubeconfig)) {
            String fileNamespace = wf.getMetadata() == null ? null : wf.getMetadata().getNamespace();
            ArgoClient argo = new ArgoClient(client, kube.namespace(client, fileNamespace));
            try {
                String name = argo.submit(wf).getMetadata().getName();
                out.println(name);
                out.flush();
                if (!watch) {
                    return 0;
                }
                WorkflowSummary s = WorkflowFollower.follow(argo, name, timeout, err);
                // The first line repeats the last progress line; the rest has the times and the failed pods.
                s.lines().stream().skip(1).forEach(err::println);
                err.flush();
                return s.succeeded() ? 0 : 1;
            } catch (KubernetesClientException e) {
                throw KubeOptions.unreachable(client, e);
            } catch (TimeoutException e) {
                err.println("submit: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }

    /** The Workflow to create: the file as is, or the rendered plan of the profile or config. */
    Workflow workflow() throws java.io.IOException {
        if (source.file != null) {
            return ArgoYaml.read(TextFiles.read(source.file), Workflow.class, source.file.toString());
        }
        ExperimentConfig config = source.profile != null ? ConfigLoader.profile(source.profile)
                : ConfigLoader.load(source.config);
        return renderer.apply(config);
    }
}
