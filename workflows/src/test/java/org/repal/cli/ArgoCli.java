package org.repal.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.repal.core.cli.StageCli;
import org.repal.workflows.argo.Workflow;
import org.repal.workflows.argo.WorkflowStatus;
import org.repal.workflows.config.ExperimentConfig;
import picocli.CommandLine;

/** Runs {@code repal} in-process with submit/status talking to a mock API server, and plays its controller. */
final class ArgoCli {
    /** What a command line printed and returned. */
    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private ArgoCli() {
    }

    /** A fresh client per command, as the real one opens its own (and closes it). */
    static Result run(KubernetesMockServer server, Function<ExperimentConfig, Workflow> renderer, String... args) {
        KubeClients clients = kubeconfig -> server.createClient();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == SubmitCommand.class) {
                    return cls.cast(new SubmitCommand(clients, renderer));
                }
                if (cls == StatusCommand.class) {
                    return cls.cast(new StatusCommand(clients));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        return run(new CommandLine(new Repal(), factory), args);
    }

    /** With the real client factory (kubeconfig lookup, fail-fast timeouts). */
    static Result runReal(String... args) {
        return run(new CommandLine(new Repal()), args);
    }

    private static Result run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StageCli.configure(cli, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Waits for the only Workflow of {@code namespace} to appear and returns its name. */
    static String awaitWorkflow(KubernetesClient client, String namespace) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<Workflow> items = client.resources(Workflow.class).inNamespace(namespace).list().getItems();
            if (!items.isEmpty()) {
                return items.get(0).getMetadata().getName();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no Workflow was created in " + namespace);
    }

    /**
     * Waits until a client has opened a watch on the namespace's Workflows (the follower of {@code --watch}), so that
     * statuses set afterwards reach it as events: set before, they could all land before the watch opens on a busy
     * machine and the follower would see only the last one.
     */
    static void awaitWatch(KubernetesMockServer server, String namespace) throws InterruptedException {
        String path = "/namespaces/" + namespace + "/workflows";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
            if (r != null && r.getPath() != null && r.getPath().contains(path) && r.getPath().contains("watch=true")) {
                return;
            }
        }
        throw new AssertionError("no watch was opened on the Workflows of " + namespace);
    }

    /** Writes a status the way Argo's controller does: its Workflow CRD has no status subresource. */
    static void setStatus(KubernetesClient client, String namespace, String name, WorkflowStatus status)
            throws InterruptedException {
        Thread.sleep(200); // let the follower see each state before the next replaces it
        client.resources(Workflow.class).inNamespace(namespace).withName(name).edit(wf -> {
            wf.setStatus(status);
            return wf;
        });
    }
}
