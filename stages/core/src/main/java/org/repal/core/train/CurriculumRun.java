package org.repal.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.ModelConfig;
import org.repal.core.model.ModelParameters;
import org.repal.core.store.ArtifactStore;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;

/**
 * Trains one (group, config) end to end and writes, under {@code <group>/<model-name>/} of the output store:
 * {@code run.json} (the settings, checked on restart), {@code checkpoints/} (one per epoch and phase),
 * {@code pretrain.npz} (weights after pretraining, for groups that pretrain), {@code log.json} (rewritten after
 * every epoch) and finally {@code final.npz}. A run whose final.npz exists is skipped; otherwise it resumes
 * from its latest complete checkpoint, so restarting after a crash or kill continues to the same weights.
 */
public final class CurriculumRun {
    public static final String FINAL = "final.npz";
    public static final String PRETRAIN = "pretrain.npz";
    public static final String LOG = "log.json";
    public static final String RUN = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Outcome { TRAINED, ALREADY_DONE }

    private record Phase(String name, List<Task> tasks, boolean inputOnly) {
    }

    private final TaskSet taskSet;
    private final Curriculum group;
    private final TrainingConfig config;
    private final ArtifactStore out;
    private final String prefix;
    private final DataType type;

    public CurriculumRun(TaskSet taskSet, Curriculum group, TrainingConfig config, ArtifactStore out, DataType type) {
        this.taskSet = taskSet;
        this.group = group;
        this.config = config;
        this.out = out;
        this.type = type;
        this.prefix = group.name() + "/" + config.modelName() + "/";
        ModelConfig m = config.model();
        if (m.inputs() != taskSet.inputs() || m.outputs() != taskSet.outputs()) {
            throw new IllegalArgumentException("task set " + taskSet + " needs " + taskSet.inputs() + " inputs and "
                    + taskSet.outputs() + " outputs, the model has " + m.inputs() + " and " + m.outputs());
        }
    }

    /** The run's key prefix in the output store, {@code <group>/<model-name>/}. */
    public String prefix() {
        return prefix;
    }

    /**
     * Trains (or resumes, or skips a finished run). {@code data} supplies each task's training split.
     *
     * @throws TrainingDivergedException on a NaN loss (log.json then says so; the checkpoints stay)
     * @throws IllegalArgumentException for data that does not fit the model, or a run folder started with other settings
     */
    public Outcome run(Function<Task, TaskDataset> data, PhaseTrainer.Listener listener) {
        verifyRunSettings();
        if (out.exists(prefix + FINAL)) {
            return Outcome.ALREADY_DONE;
        }
        Map<Task, TaskDataset> datasets = new LinkedHashMap<>();
        for (Task t : group.tasks()) {
            datasets.put(t, checked(data.apply(t)));
        }
        out.putJson(prefix + RUN, settings());
        ModelParameters initial = config.model().initialize(type, config.seed());
        List<EpochRecord> log = new ArrayList<>();
        if (group.isUntrained()) {
            finish(initial, log);
            return Outcome.TRAINED;
        }
        List<Phase> phases = new ArrayList<>();
        if (!group.pretrain().isEmpty()) {
            phases.add(new Phase("pretrain", group.pretrain(), false));
        }
        phases.add(new Phase("train", group.train(), group.frozen()));
        Checkpoints checkpoints = new Checkpoints(out, prefix);
        Optional<Checkpoints.Checkpoint> cp = checkpoints.latest(config.model(), type);
        ModelParameters weights = initial;
        int phase = 0;
        int epoch = 0;
        Checkpoints.Checkpoint resume = null;
        if (cp.isPresent()) {
            Checkpoints.Checkpoint c = cp.get();
            int i = phases.stream().map(Phase::name).toList().indexOf(c.phase());
            if (i < 0) {
                throw new IllegalArgumentException(out.location() + "/" + prefix + ": holds " + c.phase()
                        + " checkpoints, but group " + group.name() + " has no such phase");
            }
            weights = c.weights();
            log.addAll(c.log());
            phase = c.phaseComplete() ? i + 1 : i;
            epoch = c.phaseComplete() ? 0 : c.epoch() + 1;
            resume = c.phaseComplete() ? null : c;
            if (c.phaseComplete() && c.phase().equals("pretrain") && !out.exists(prefix + PRETRAIN)) {
                out.putNpz(prefix + PRETRAIN, weights.toArrays()); // killed between the last checkpoint and this
            }
        }
        PhaseTrainer trainer = new PhaseTrainer(config, datasets, new PhaseTrainer.Listener() {
            @Override
            public void batch(String p, int e, int done, int total, double loss) {
                listener.batch(p, e, done, total, loss);
            }

            @Override
            public void epoch(EpochRecord record, int epochs, double seconds) {
                writeLog(log, "running", null);
                listener.epoch(record, epochs, seconds);
            }
        });
        for (int p = 0; p < phases.size(); p++) {
            Phase ph = phases.get(p);
            if (p < phase) {
                continue;
            }
            TrainingStep step = new TrainingStep(config.model().newModel(weights), config.lr(), config.lossMode(), ph.inputOnly(),
                    config.penalty());
            if (resume != null && p == phase) {
                if (resume.adamFirst().length != step.adam().count()) {
                    throw new IllegalArgumentException(out.location() + "/" + prefix + ": checkpoint's optimiser holds "
                            + resume.adamFirst().length + " values, this phase trains " + step.adam().count());
                }
                step.adam().restore(resume.adamFirst(), resume.adamSecond(), resume.adamStep());
            }
            try {
                trainer.run(ph.name(), ph.tasks(), step, p == phase ? epoch : 0, log, checkpoints);
            } catch (TrainingDivergedException e) {
                writeLog(log, "diverged", e.getMessage());
                throw e;
            }
            if (ph.name().equals("pretrain")) {
                out.putNpz(prefix + PRETRAIN, weights.toArrays());
            }
        }
        finish(weights, log);
        return Outcome.TRAINED;
    }

    /**
     * Before {@link #run}: takes the pretraining of {@code donor} (another group's run of the same config with the
     * same pretraining rules, already pretrained) instead of computing it again — the copied checkpoints are the
     * bytes this run would produce. Does nothing when this run has started or finished, or the donor is not
     * pretrained; returns whether it copied.
     */
    public boolean adoptPretraining(CurriculumRun donor) {
        if (group.pretrain().isEmpty() || !donor.group.pretrain().equals(group.pretrain())
                || !donor.config.equals(config) || donor.type != type || out.exists(prefix + FINAL)
                || !new Checkpoints(out, prefix).complete().isEmpty()) {
            return false;
        }
        return new Checkpoints(out, prefix).adoptPretraining(donor.prefix) > 0;
    }

    private TaskDataset checked(TaskDataset d) {
        String file = d.task().displayName() + "/train/inputs.npy";
        if (d.inputs() != config.model().inputs()) {
            throw new IllegalArgumentException(file + ": " + d.inputs() + " inputs per step, the model takes "
                    + config.model().inputs());
        }
        if (d.trainIndices().length == 0 || d.validationIndices().length == 0) {
            throw new IllegalArgumentException(d.task().displayName() + "/train: needs both training and validation"
                    + " samples (has " + d.trainIndices().length + " and " + d.validationIndices().length + ")");
        }
        for (byte t : d.targetArray()) {
            if (t < 0 || t >= config.model().outputs()) {
                throw new IllegalArgumentException(d.task().displayName() + "/train/targets.npy: class " + t
                        + " outside 0.." + (config.model().outputs() - 1));
            }
        }
        return d;
    }

    private void finish(ModelParameters weights, List<EpochRecord> log) {
        writeLog(log, "complete", null);
        out.putNpz(prefix + FINAL, weights.toArrays());
    }

    private ObjectNode settings() {
        ObjectNode s = JSON.createObjectNode();
        s.put("taskset", taskSet.displayName());
        s.put("group", group.name());
        s.put("model", config.modelName());
        config.model().describe(s);
        s.put("lr", config.lr());
        s.put("batch_size", config.batchSize());
        s.put("seed", config.seed());
        s.put("loss", config.lossMode().jsonName());
        if (config.hasTarget()) {
            s.put("target_accuracy", config.target());
        } else {
            s.putNull("target_accuracy");
        }
        s.put("weight_penalty", config.penalty());
        s.put("dtype", type == DataType.DOUBLE ? "float64" : "float32");
        return s;
    }

    /** run.json pins the settings (all but the epoch budget) of a run folder: no mixing of two runs. */
    private void verifyRunSettings() {
        if (!out.exists(prefix + RUN)) {
            return;
        }
        JsonNode theirs;
        try {
            theirs = JSON.readTree(out.get(prefix + RUN));
        } catch (IOException e) {
            return; // unreadable: rewritten below
        }
        if (theirs != null && !settings().toString().equals(theirs.toString())) {
            throw new IllegalArgumentException(out.location() + "/" + prefix + RUN + ": this run was started with"
                    + " other settings (" + theirs + "); use another --out or remove the folder");
        }
    }

    private void writeLog(List<EpochRecord> log, String status, String error) {
        ObjectNode o = settings();
        o.put("epochs_per_phase", config.epochs());
        o.put("status", status);
        if (error != null) {
            o.put("error", error);
        }
        ArrayNode epochs = o.putArray("epochs");
        log.forEach(r -> epochs.add(r.toJson()));
        out.putJson(prefix + LOG, o);
    }
}
