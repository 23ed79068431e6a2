package org.repal.core.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Activation;
import org.repal.core.model.InitType;
import org.repal.core.model.ModelConfig;
import org.repal.core.model.ModelParameters;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.store.ArtifactNotFoundException;
import org.repal.core.store.ArtifactStore;
import org.repal.core.task.TaskSet;
import org.repal.core.train.Checkpoints;
import org.repal.core.train.CurriculumRun;

/**
 * A trained model's folder {@code <group>/<model-name>/} in a models store, as train-rnn / train-mamba write it
 * ({@link CurriculumRun}): the architecture comes from {@code run.json}, the weights from {@code final.npz},
 * {@code pretrain.npz} or {@code checkpoints/<phase>_epoch_<k>.npz} (only complete checkpoints, see
 * {@link Checkpoints}).
 *
 * <p>Training does not write the initial weights. They are re-derived: {@link CurriculumRun} starts every run
 * from {@code ModelConfig.initialize(dtype, seed)} with run.json's dtype and seed, a pure function of those
 * (per-tensor seeded streams), so {@link Snapshot#INITIAL} gives the same values as long as the initialiser's code
 * is unchanged.
 */
public final class ModelFolder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArtifactStore store;
    private final String prefix;
    private final TaskSet taskSet;
    private final ModelConfig config;
    private final long seed;
    private final DataType trainedType;

    private ModelFolder(ArtifactStore store, String prefix, TaskSet taskSet, ModelConfig config, long seed,
                        DataType trainedType) {
        this.store = store;
        this.prefix = prefix;
        this.taskSet = taskSet;
        this.config = config;
        this.seed = seed;
        this.trainedType = trainedType;
    }

    /**
     * Opens {@code <group>/<modelName>/} of a models store.
     *
     * @throws IllegalArgumentException naming run.json and the field when it is missing or unreadable
     */
    public static ModelFolder open(ArtifactStore models, String group, String modelName) {
        String prefix = group + "/" + modelName + "/";
        String where = models.location() + "/" + prefix + CurriculumRun.RUN;
        JsonNode run;
        try {
            run = JSON.readTree(models.get(prefix + CurriculumRun.RUN));
        } catch (ArtifactNotFoundException e) {
            throw new IllegalArgumentException(where + ": missing (not a model folder written by train-rnn or"
                    + " train-mamba)", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        if (run == null || !run.isObject()) {
            throw new IllegalArgumentException(where + ": not a JSON object");
        }
        try {
            TaskSet set = TaskSet.parse(text(run, "taskset", where));
            ModelConfig config;
            if ("mamba".equals(run.path("architecture").asText())) {
                config = new MambaConfig(set.inputs(), integer(run, "d_model", where), integer(run, "n_layers", where),
                        set.outputs());
            } else {
                config = new RnnConfig(RnnType.parse(text(run, "rnn_type", where)),
                        Activation.parse(text(run, "activation", where)), set.inputs(), integer(run, "hidden", where),
                        set.outputs(), InitType.parse(text(run, "init", where)));
            }
            if (!run.path("seed").canConvertToLong()) {
                throw new IllegalArgumentException("'seed' missing or not an integer");
            }
            String dtype = text(run, "dtype", where);
            DataType type = switch (dtype) {
                case "float32" -> DataType.FLOAT;
                case "float64" -> DataType.DOUBLE;
                default -> throw new IllegalArgumentException("'dtype' " + dtype + " is neither float32 nor float64");
            };
            return new ModelFolder(models, prefix, set, config, run.path("seed").asLong(), type);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode run, String field, String where) {
        JsonNode v = run.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + ": '" + field + "' missing or not a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode run, String field, String where) {
        JsonNode v = run.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException(where + ": '" + field + "' missing or not an integer");
        }
        return v.asInt();
    }

    /** {@code <group>/<model-name>} (no trailing slash). */
    public String name() {
        return prefix.substring(0, prefix.length() - 1);
    }

    public TaskSet taskSet() {
        return taskSet;
    }

    public ModelConfig config() {
        return config;
    }

    public long seed() {
        return seed;
    }

    /** The data type the model was trained in (run.json {@code dtype}). */
    public DataType trainedType() {
        return trainedType;
    }

    /** Whether the run finished (final.npz exists). */
    public boolean isFinished() {
        return store.exists(prefix + CurriculumRun.FINAL);
    }

    /** The complete per-epoch checkpoints in training order (pretrain epochs, then train epochs). */
    public List<Snapshot> checkpoints() {
        List<Snapshot> out = new ArrayList<>();
        for (Checkpoints.Id id : new Checkpoints(store, prefix).complete()) {
            out.add(Snapshot.checkpoint(id.phase(), id.epoch()));
        }
        return out;
    }

    /**
     * The weights of a snapshot, converted to {@code type} (float32 weights are widened exactly to float64).
     *
     * @throws IllegalArgumentException naming the file that is missing or does not fit the architecture
     */
    public ModelParameters load(Snapshot snapshot, DataType type) {
        ModelParameters held = switch (snapshot.kind()) {
            case INITIAL -> config.initialize(trainedType, seed);
            case FINAL -> npz(CurriculumRun.FINAL);
            case PRETRAINED -> npz(CurriculumRun.PRETRAIN);
            case CHECKPOINT -> new Checkpoints(store, prefix).weights(
                    new Checkpoints.Id(snapshot.phase(), snapshot.epoch()), config, trainedType);
        };
        requireFinite(held, snapshot);
        if (held.dataType() == type) {
            return held;
        }
        ModelParameters out = config.zeros(type);
        out.flat().setAll(held.flat().toDoubles());
        return out;
    }

    /** NaN or infinite weights are bad input (a diverged or damaged file), named here rather than in the activity. */
    private void requireFinite(ModelParameters p, Snapshot snapshot) {
        double[] w = p.flat().toDoubles();
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) {
                String file = switch (snapshot.kind()) {
                    case FINAL -> CurriculumRun.FINAL;
                    case PRETRAINED -> CurriculumRun.PRETRAIN;
                    default -> snapshot.toString();
                };
                throw new IllegalArgumentException(store.location() + "/" + prefix + file + ": weight " + i + " of "
                        + w.length + " is " + w[i] + ", expected finite values");
            }
        }
    }

    private ModelParameters npz(String file) {
        String key = prefix + file;
        ModelParameters p = config.zeros(trainedType);
        try {
            p.load(store.getNpz(key), store.location() + "/" + key);
        } catch (ArtifactNotFoundException e) {
            throw new IllegalArgumentException(store.location() + "/" + key + ": missing", e);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(store.location() + "/" + key + ": " + e.getMessage(), e);
        }
        return p;
    }
}
