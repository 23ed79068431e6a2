package org.repal.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.repal.core.activity.ModelFolder;
import org.repal.core.activity.Snapshot;
import org.repal.core.model.ModelParameters;
import org.repal.core.store.ArtifactNotFoundException;
import org.repal.core.store.ArtifactStore;
import org.repal.core.task.Task;
import org.repal.core.train.CurriculumRun;
import org.repal.core.train.TaskDataset;
import org.repal.core.train.ValidationAccuracy;

/**
 * A group's accuracy in the group matrices: the decision-step accuracy on the analysis task's validation samples
 * (the generate stage's {@code <Task>/train} samples flagged {@code validation}), pooled over those samples.
 *
 * <ul>
 *   <li>trained groups: the value the training logged after its last epoch of the {@code train} phase
 *       ({@code log.json}), NaN when the log holds no such epoch;</li>
 *   <li>{@code untrained}: nothing is logged, so the same quantity is measured here on the initial weights
 *       (final.npz), in the model's training precision.</li>
 * </ul>
 * Unlike the reference (spec §6.4), no −1 for untrained or missing runs and no 1.0 for runs with fewer than 50
 * checkpoints.
 */
public final class GroupAccuracy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 64;

    private GroupAccuracy() {
    }

    /**
     * The last logged {@code train}-phase accuracy of {@code task} in {@code <prefix>log.json}; NaN when none.
     *
     * @throws IllegalArgumentException naming log.json when it is missing or not JSON
     */
    public static double logged(ArtifactStore models, String prefix, Task task) {
        double acc = Double.NaN;
        for (JsonNode epoch : log(models, prefix).path("epochs")) {
            JsonNode a = epoch.path("accuracy").path(task.displayName());
            if ("train".equals(epoch.path("phase").asText()) && a.isNumber()) {
                acc = a.asDouble();
            }
        }
        return acc;
    }

    /**
     * The logged accuracy of {@code task} after every epoch, keyed by the checkpoint's snapshot name
     * ({@code <phase>_epoch_<k>}); epochs whose log lacks the task are absent.
     *
     * @throws IllegalArgumentException naming log.json when it is missing or not JSON
     */
    public static Map<String, Double> loggedByCheckpoint(ArtifactStore models, String prefix, Task task) {
        Map<String, Double> out = new TreeMap<>();
        for (JsonNode epoch : log(models, prefix).path("epochs")) {
            JsonNode a = epoch.path("accuracy").path(task.displayName());
            String phase = epoch.path("phase").asText();
            if (a.isNumber() && (phase.equals("pretrain") || phase.equals("train")) && epoch.path("epoch").canConvertToInt()) {
                out.put(Snapshot.checkpoint(phase, epoch.path("epoch").asInt()).name(), a.asDouble());
            }
        }
        return out;
    }

    private static JsonNode log(ArtifactStore models, String prefix) {
        String where = models.location() + "/" + prefix + CurriculumRun.LOG;
        try {
            return JSON.readTree(models.get(prefix + CurriculumRun.LOG));
        } catch (ArtifactNotFoundException e) {
            throw new IllegalArgumentException(where + ": missing", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The decision-step accuracy of a model's snapshot on the validation samples of {@code data}, computed in the
     * model's training precision as the trainer's evaluation does; NaN when there are no decision steps.
     */
    public static double measured(ModelFolder model, Snapshot snapshot, TaskDataset data) {
        ModelParameters weights = model.load(snapshot, model.trainedType());
        return ValidationAccuracy.of(model.config().newModel(weights), data, BATCH);
    }
}
