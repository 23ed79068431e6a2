package org.repal.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.repal.core.activity.ModelFolder;
import org.repal.core.activity.Snapshot;
import org.repal.core.store.ArtifactStore;
import org.repal.core.task.Task;
import org.repal.core.train.Curriculum;
import org.repal.core.train.TaskDataset;

/**
 * The snapshots of one run that the learning analyses compare, in training order, with each snapshot's accuracy
 * on the analysis task's validation samples: the value log.json holds for a checkpoint's epoch, or — for weights the
 * training never evaluated (initial, pretrained, untrained) or an epoch whose log lacks the task — the same quantity
 * measured on the weights ({@link GroupAccuracy#measured}).
 *
 * <ul>
 *   <li>{@link #overLearning}: step 0 = the weights the training phase started from (pretrain.npz for groups with
 *       a pretraining phase, else the initial weights), then the {@code train}-phase checkpoints (spec §6.7);</li>
 *   <li>{@link #withinLearning}: pretrain.npz first for groups with a pretraining phase, then the {@code train}
 *       checkpoints — every one, where the reference required more than 3 (spec §6.8); {@code untrained}, which
 *       has no checkpoints, is its single snapshot (final.npz = the initial weights).</li>
 * </ul>
 */
public record TrainingSeries(ModelFolder model, List<Snapshot> snapshots, double[] accuracy) {

    /** The run's group ({@code <group>} of {@code <group>/<model-name>}). */
    public String group() {
        return groupOf(model);
    }

    public int size() {
        return snapshots.size();
    }

    public static TrainingSeries overLearning(ArtifactStore models, ModelFolder f, Task task, TaskDataset validation) {
        List<Snapshot> s = new ArrayList<>();
        s.add(pretrains(f) ? Snapshot.PRETRAINED : Snapshot.INITIAL);
        s.addAll(trainCheckpoints(f));
        return of(models, f, s, task, validation);
    }

    public static TrainingSeries withinLearning(ArtifactStore models, ModelFolder f, Task task,
                                                TaskDataset validation) {
        List<Snapshot> s = new ArrayList<>();
        if (curriculum(f).isUntrained()) {
            s.add(Snapshot.FINAL);
        } else {
            if (pretrains(f)) {
                s.add(Snapshot.PRETRAINED);
            }
            s.addAll(trainCheckpoints(f));
        }
        return of(models, f, s, task, validation);
    }

    private static TrainingSeries of(ArtifactStore models, ModelFolder f, List<Snapshot> s, Task task,
                                     TaskDataset validation) {
        Map<String, Double> logged = curriculum(f).isUntrained() ? Map.of()
                : GroupAccuracy.loggedByCheckpoint(models, f.name() + "/", task);
        double[] acc = new double[s.size()];
        for (int i = 0; i < acc.length; i++) {
            Double v = logged.get(s.get(i).name());
            acc[i] = v != null ? v : GroupAccuracy.measured(f, s.get(i), validation);
        }
        return new TrainingSeries(f, List.copyOf(s), acc);
    }

    private static String groupOf(ModelFolder f) {
        return f.name().substring(0, f.name().indexOf('/'));
    }

    private static Curriculum curriculum(ModelFolder f) {
        return Curriculum.parse(f.taskSet(), groupOf(f));
    }

    private static boolean pretrains(ModelFolder f) {
        return !curriculum(f).pretrain().isEmpty();
    }

    private static List<Snapshot> trainCheckpoints(ModelFolder f) {
        return f.checkpoints().stream().filter(c -> "train".equals(c.phase())).toList();
    }
}
