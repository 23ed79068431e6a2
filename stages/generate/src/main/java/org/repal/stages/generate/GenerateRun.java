package org.repal.stages.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.Npy;
import org.repal.core.task.DatasetGenerator;
import org.repal.core.task.Split;
import org.repal.core.task.Task;
import org.repal.core.task.TaskData;
import org.repal.core.task.TrialsJson;

/**
 * Generates and writes a dataset task by task and split by split, so memory holds one task's arrays at a
 * time, then publishes the manifest. Any failure aborts the publisher (nothing is left behind).
 */
final class GenerateRun {
    private GenerateRun() {
    }

    /** Returns the published manifest. */
    static ObjectNode run(GenerateRequest r, DatasetPublisher publisher, Progress progress) throws IOException {
        boolean published = false;
        try {
            DatasetGenerator generator = new DatasetGenerator(r.taskSet(), r.config(), r.seed(), r.valFraction(),
                    r.threads());
            List<ArtifactInfo> files = new ArrayList<>();
            for (Task task : r.tasks()) {
                for (Split split : Split.values()) {
                    int n = split == Split.TRAIN ? r.trainSize() : r.testSize();
                    Progress.Bar bar = progress.start(task.displayName() + " " + split.jsonName(), n);
                    TaskData data = split == Split.TRAIN ? generator.training(task, n, r.seqLen(), bar)
                            : generator.testing(task, n, bar);
                    String dir = task.displayName() + "/" + split.jsonName() + "/";
                    files.add(publisher.write(dir + "inputs.npy", out -> Npy.write(data.inputsArray(), out)));
                    files.add(publisher.write(dir + "targets.npy", out -> Npy.write(data.targetsArray(), out)));
                    files.add(publisher.write(dir + "masks.npy", out -> Npy.write(data.masksArray(), out)));
                    files.add(publisher.write(dir + "trials.json",
                            out -> TrialsJson.write(data, r.config().dtMs(), out)));
                    bar.finish();
                }
            }
            ObjectNode manifest = Manifest.build(r, files);
            publisher.publish(Manifest.toBytes(manifest), files.stream().map(ArtifactInfo::key).toList());
            published = true;
            return manifest;
        } finally {
            if (!published) {
                publisher.abort();
            }
        }
    }
}
