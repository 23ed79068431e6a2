package org.repal.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.repal.workflows.argo.ArgoClient;
import org.repal.workflows.argo.WorkflowSummary;

/** {@code --watch} of {@code submit} and {@code status}: one stderr line per phase/progress change. */
final class WorkflowFollower {
    private WorkflowFollower() {
    }

    /** Follows {@code name} until it finishes, printing each change, and returns its final summary. */
    static WorkflowSummary follow(ArgoClient argo, String name, Duration timeout, PrintWriter err)
            throws TimeoutException, InterruptedException {
        String[] last = {null};
        return WorkflowSummary.of(argo.follow(name, wf -> {
            String line = WorkflowSummary.of(wf).progressLine();
            if (!line.equals(last[0])) { // the watch repeats states (node updates that change neither)
                err.println(line);
                err.flush();
                last[0] = line;
            }
        }, timeout));
    }
}
