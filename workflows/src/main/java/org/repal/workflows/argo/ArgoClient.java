package org.repal.workflows.argo;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Argo Workflows in one namespace, through a fabric8 client: create, read, and follow one until it finishes.
 * Does not own the client (the caller closes it).
 */
public final class ArgoClient {
    /** Pause before re-opening a watch the server closed, so a failing server is not hammered. */
    private static final Duration REWATCH_PAUSE = Duration.ofSeconds(1);

    private final MixedOperation<Workflow, KubernetesResourceList<Workflow>, Resource<Workflow>> workflows;
    private final String namespace;

    public ArgoClient(KubernetesClient client, String namespace) {
        this.namespace = namespace;
        this.workflows = client.resources(Workflow.class);
    }

    public String namespace() {
        return namespace;
    }

    /**
     * Creates {@code wf} in this namespace and returns the stored object. A {@code generateName} is completed
     * by the API server (the Kubernetes one and fabric8's mock both do), so the name is the returned one's.
     */
    public Workflow submit(Workflow wf) {
        ObjectMeta meta = wf.getMetadata();
        if (meta == null || (isBlank(meta.getName()) && isBlank(meta.getGenerateName()))) {
            throw new IllegalArgumentException("the Workflow has neither metadata.name nor metadata.generateName");
        }
        if (meta.getNamespace() != null && !meta.getNamespace().equals(namespace)) {
            throw new IllegalArgumentException("the Workflow's metadata.namespace is " + meta.getNamespace()
                    + ", not " + namespace);
        }
        Workflow created = workflows.inNamespace(namespace).resource(wf).create();
        if (created.getMetadata() == null || isBlank(created.getMetadata().getName())) {
            throw new IllegalStateException("the API server returned the created Workflow without a name");
        }
        return created;
    }

    public Optional<Workflow> get(String name) {
        return Optional.ofNullable(workflows.inNamespace(namespace).withName(name).get());
    }

    /**
     * Follows Workflow {@code name} until its phase is Succeeded, Failed or Error and returns that last state.
     * {@code onChange} sees the current state first and then every state the watch reports (repeats
     * included). A watch the server ends (e.g. "410 Gone" after a long run) is re-opened; fabric8 already
     * retries dropped connections of an open watch itself.
     *
     * @param timeout null to wait as long as it takes
     * @throws NoSuchElementException when there is no such Workflow, or it is deleted while followed
     * @throws TimeoutException when {@code timeout} passes first
     */
    public Workflow follow(String name, Consumer<Workflow> onChange, Duration timeout)
            throws TimeoutException, InterruptedException {
        long start = System.nanoTime();
        // Nanoseconds left (compared as a difference: nanoTime may be negative); no timeout: effectively forever.
        LongSupplier left = () -> timeout == null ? Long.MAX_VALUE : timeout.toNanos() - (System.nanoTime() - start);
        while (true) {
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            // Watch first, then read: a change between the two arrives on the watch instead of being lost.
            try (Watch ignored = workflows.inNamespace(namespace).withName(name).watch(new Forwarder(events))) {
                Workflow current = get(name).orElseThrow(() -> missing(name));
                onChange.accept(current);
                if (WorkflowSummary.of(current).finished()) {
                    return current;
                }
                while (true) {
                    long wait = left.getAsLong();
                    Event e = wait <= 0 ? null : events.poll(wait, TimeUnit.NANOSECONDS);
                    if (e == null) {
                        throw new TimeoutException("timed out after " + human(timeout) + " following Workflow " + name
                                + " (last: " + WorkflowSummary.of(current).progressLine() + ")");
                    }
                    if (e.closed()) {
                        break;
                    }
                    if (e.deleted()) {
                        throw new NoSuchElementException("Workflow " + name + " was deleted from namespace "
                                + namespace + " while being followed");
                    }
                    current = e.workflow();
                    onChange.accept(current);
                    if (WorkflowSummary.of(current).finished()) {
                        return current;
                    }
                }
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(REWATCH_PAUSE.toNanos(), Math.max(0, left.getAsLong())));
        }
    }

    private NoSuchElementException missing(String name) {
        return new NoSuchElementException("no Workflow " + name + " in namespace " + namespace);
    }

    /** "PT1H30M" as "1h30m". */
    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** What the watch thread hands to the following thread. */
    private record Event(Workflow workflow, boolean deleted, boolean closed) {
    }

    /** Moves watch callbacks onto a queue so the caller's thread does the printing and the timing. */
    private record Forwarder(BlockingQueue<Event> events) implements Watcher<Workflow> {
        @Override
        public void eventReceived(Action action, Workflow wf) {
            switch (action) {
                case ADDED, MODIFIED -> events.add(new Event(wf, false, false));
                case DELETED -> events.add(new Event(wf, true, false));
                default -> { // ERROR and BOOKMARK carry no new state
                }
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            events.add(new Event(null, false, true));
        }
    }
}
