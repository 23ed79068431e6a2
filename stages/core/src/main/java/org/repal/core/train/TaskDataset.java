package org.repal.core.train;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.repal.core.store.ArtifactIntegrityException;
import org.repal.core.store.ArtifactNotFoundException;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.NpyArray;
import org.repal.core.task.SampleRecord;
import org.repal.core.task.Task;
import org.repal.core.task.TaskData;
import org.repal.core.task.TrialsJson;

/**
 * One task's training split in memory, as {@code repal generate} writes it: inputs [N, T, n_in] float32,
 * targets [N, T] int8, masks [N, T] bool, and the fixed validation flags of trials.json. Samples flagged
 * {@code validation} are held out for the per-epoch evaluation; the others are trained on.
 */
public final class TaskDataset {
    private final Task task;
    private final int samples;
    private final int steps;
    private final int inputs;
    private final float[] in;
    private final byte[] targets;
    private final boolean[] masks;
    private final int[] trainIndices;
    private final int[] validationIndices;

    TaskDataset(Task task, int samples, int steps, int inputs, float[] in, byte[] targets, boolean[] masks,
                boolean[] validation) {
        this.task = task;
        this.samples = samples;
        this.steps = steps;
        this.inputs = inputs;
        this.in = in;
        this.targets = targets;
        this.masks = masks;
        int nVal = 0;
        for (boolean v : validation) {
            nVal += v ? 1 : 0;
        }
        this.trainIndices = new int[samples - nVal];
        this.validationIndices = new int[nVal];
        int a = 0;
        int b = 0;
        for (int i = 0; i < samples; i++) {
            if (validation[i]) {
                validationIndices[b++] = i;
            } else {
                trainIndices[a++] = i;
            }
        }
    }

    /** From an in-memory generated split (tests). */
    public static TaskDataset of(TaskData data) {
        boolean[] validation = new boolean[data.samples()];
        for (int i = 0; i < validation.length; i++) {
            validation[i] = data.isValidation(i);
        }
        return new TaskDataset(data.task(), data.samples(), data.steps(), data.inputsPerStep(),
                data.inputsArray().toFloatArray(), data.targetsArray().toByteArray(),
                data.masksArray().toBooleanArray(), validation);
    }

    /**
     * Reads {@code <Task>/train/{inputs.npy,targets.npy,masks.npy,trials.json}} from a dataset store.
     *
     * @throws IllegalArgumentException naming the missing or inconsistent file
     */
    public static TaskDataset load(ArtifactStore data, Task task) {
        String dir = task.displayName() + "/train/";
        NpyArray x = npy(data, dir + "inputs.npy");
        NpyArray y = npy(data, dir + "targets.npy");
        NpyArray m = npy(data, dir + "masks.npy");
        String where = data.location() + "/" + dir;
        org.repal.core.task.DatasetDtypes.require(where, x, y, m);
        int[] s = x.shape();
        if (s.length != 3) {
            throw new IllegalArgumentException(where + "inputs.npy: expected [N, T, inputs], got shape "
                    + Arrays.toString(s));
        }
        if (!Arrays.equals(y.shape(), new int[] {s[0], s[1]}) || !Arrays.equals(m.shape(), new int[] {s[0], s[1]})) {
            throw new IllegalArgumentException(where + "targets.npy/masks.npy: shapes " + Arrays.toString(y.shape())
                    + " / " + Arrays.toString(m.shape()) + " do not match inputs " + Arrays.toString(s));
        }
        List<SampleRecord> records;
        try (InputStream in = data.open(dir + "trials.json")) {
            records = TrialsJson.read(in).samples();
        } catch (ArtifactNotFoundException e) {
            throw new IllegalArgumentException(where + "trials.json: missing (it holds the validation split)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + "trials.json: " + e.getMessage(), e);
        }
        if (records.size() != s[0]) {
            throw new IllegalArgumentException(where + "trials.json: " + records.size() + " records for "
                    + s[0] + " samples");
        }
        boolean[] validation = new boolean[s[0]];
        for (int i = 0; i < validation.length; i++) {
            validation[i] = records.get(i).validation();
        }
        float[] inputs = x.toFloatArray(); // float32, checked above
        for (int i = 0; i < inputs.length; i++) {
            if (!Float.isFinite(inputs[i])) {
                int perSample = s[1] * s[2];
                throw new IllegalArgumentException(where + "inputs.npy: value " + inputs[i] + " at [sample "
                        + i / perSample + ", step " + i % perSample / s[2] + ", input " + i % s[2]
                        + "], expected finite values");
            }
        }
        try {
            return new TaskDataset(task, s[0], s[1], s[2], inputs, y.toByteArray(), m.toBooleanArray(),
                    validation);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": unexpected data types: " + e.getMessage(), e);
        }
    }

    private static NpyArray npy(ArtifactStore data, String key) {
        try {
            return data.getNpy(key);
        } catch (ArtifactIntegrityException e) {
            throw e; // names the file already
        } catch (ArtifactNotFoundException e) {
            throw new IllegalArgumentException(data.location() + "/" + key + ": missing (generate the data set with"
                    + " repal generate)", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(data.location() + "/" + key + ": " + e.getMessage(), e);
        }
    }

    public Task task() {
        return task;
    }

    public int samples() {
        return samples;
    }

    public int steps() {
        return steps;
    }

    public int inputs() {
        return inputs;
    }

    /** Samples trained on (not flagged validation), ascending. */
    public int[] trainIndices() {
        return trainIndices.clone();
    }

    /** The validation samples, ascending. */
    public int[] validationIndices() {
        return validationIndices.clone();
    }

    float[] inputArray() {
        return in;
    }

    byte[] targetArray() {
        return targets;
    }

    boolean[] maskArray() {
        return masks;
    }
}
