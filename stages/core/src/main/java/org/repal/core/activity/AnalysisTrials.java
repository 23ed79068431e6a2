package org.repal.core.activity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.repal.core.store.ArtifactIntegrityException;
import org.repal.core.store.ArtifactNotFoundException;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Sha256;
import org.repal.core.task.SampleRecord;
import org.repal.core.task.Split;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;
import org.repal.core.task.TrialRecord;
import org.repal.core.task.TrialsJson;

/**
 * The fixed trials every model of a run is recorded on (spec §5, fixing §10 item 8): the first {@code N} samples,
 * in file order, of the analysis task's test split as {@code repal generate} wrote it
 * ({@code <Task>/test/{inputs.npy,targets.npy,masks.npy,trials.json}}). The analysis task is the last rule of the
 * task set (AntiPerceptualDecisionMakingDelayResponse, AntiGoNogoDelayResponse). The reference drew a fresh,
 * unseeded 200-trial subset per model; here the same trials in the same order go to every model. Test samples are
 * i.i.d. single trials, so the first N are as good a draw as any. Every selected trial must have the same period
 * bounds (the fixed test timing), since the activity window is one range of steps for all of them.
 *
 * <p>{@link #sha256()} identifies the selected trials themselves (their inputs and bounds), not the files: the
 * first N trials of a 1000-trial and a 500-trial dataset of the same seed are the same trials and hash alike.
 */
public final class AnalysisTrials {
    public static final int DEFAULT_COUNT = 200;

    private final Task task;
    private final int count;
    private final int steps;
    private final int inputsPerStep;
    private final float[] inputs;
    private final byte[] targets;
    private final boolean[] masks;
    private final int[] bounds;
    private final int dtMs;
    private final String sha256;
    private final String source;

    private AnalysisTrials(Task task, int count, int steps, int inputsPerStep, float[] inputs, byte[] targets,
                           boolean[] masks, int[] bounds, int dtMs, String source) {
        this.task = task;
        this.count = count;
        this.steps = steps;
        this.inputsPerStep = inputsPerStep;
        this.inputs = inputs;
        this.targets = targets;
        this.masks = masks;
        this.bounds = bounds;
        this.dtMs = dtMs;
        this.source = source;
        this.sha256 = hash(inputs, bounds, dtMs);
    }

    /** The task the analyses record: the task set's last rule. */
    public static Task analysisTask(TaskSet set) {
        List<Task> tasks = set.tasks();
        return tasks.get(tasks.size() - 1);
    }

    /** The first {@code n} test trials of the task set's analysis task (fewer if the split holds fewer). */
    public static AnalysisTrials load(ArtifactStore data, TaskSet set, int n) {
        return load(data, analysisTask(set), n);
    }

    /**
     * The first {@code n} test trials of {@code task} (all of them if the split holds fewer).
     *
     * @throws IllegalArgumentException naming the file and field that is missing, inconsistent or not finite
     */
    public static AnalysisTrials load(ArtifactStore data, Task task, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of analysis trials must be positive, got " + n);
        }
        String dir = task.displayName() + "/" + Split.TEST.jsonName() + "/";
        String where = data.location() + "/" + dir;
        NpyArray x = npy(data, dir + "inputs.npy");
        NpyArray y = npy(data, dir + "targets.npy");
        NpyArray m = npy(data, dir + "masks.npy");
        org.repal.core.task.DatasetDtypes.require(where, x, y, m);
        int[] s = x.shape();
        if (s.length != 3 || s[0] < 1 || s[1] < 1 || s[2] < 1) {
            throw new IllegalArgumentException(where + "inputs.npy: expected shape [N, T, inputs], got "
                    + Arrays.toString(s));
        }
        int[] rows = {s[0], s[1]};
        if (!Arrays.equals(y.shape(), rows)) {
            throw new IllegalArgumentException(where + "targets.npy: shape " + Arrays.toString(y.shape())
                    + " does not match inputs.npy " + Arrays.toString(s));
        }
        if (!Arrays.equals(m.shape(), rows)) {
            throw new IllegalArgumentException(where + "masks.npy: shape " + Arrays.toString(m.shape())
                    + " does not match inputs.npy " + Arrays.toString(s));
        }
        TrialsJson.TrialsFile file;
        try (InputStream in = data.open(dir + "trials.json")) {
            file = TrialsJson.read(in);
        } catch (ArtifactIntegrityException e) {
            throw e;
        } catch (ArtifactNotFoundException e) {
            throw new IllegalArgumentException(where + "trials.json: missing (it holds the trials' period bounds)", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + "trials.json: " + e.getMessage(), e);
        }
        if (file.task() != task || file.split() != Split.TEST) {
            throw new IllegalArgumentException(where + "trials.json: 'task'/'split' are " + file.task() + "/"
                    + file.split().jsonName() + ", expected " + task + "/test");
        }
        if (file.samples().size() != s[0] || file.steps() != s[1]) {
            throw new IllegalArgumentException(where + "trials.json: 'records' holds " + file.samples().size()
                    + " samples of 'steps' " + file.steps() + ", inputs.npy " + s[0] + " of " + s[1]);
        }
        if (file.dtMs() < 1) {
            throw new IllegalArgumentException(where + "trials.json: 'dt_ms' missing or not positive");
        }
        int count = Math.min(n, s[0]);
        int[] bounds = bounds(file.samples(), count, s[1], where);
        int values = count * s[1] * s[2];
        float[] in;
        byte[] targets;
        boolean[] masks;
        try {
            in = Arrays.copyOf(x.toFloatArray(), values);
            targets = Arrays.copyOf(y.toByteArray(), count * s[1]);
            masks = Arrays.copyOf(m.toBooleanArray(), count * s[1]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": unexpected data types: " + e.getMessage(), e);
        }
        for (int i = 0; i < values; i++) {
            if (!Float.isFinite(in[i])) {
                int per = s[1] * s[2];
                throw new IllegalArgumentException(where + "inputs.npy: value " + in[i] + " at [sample "
                        + i / per + ", step " + i % per / s[2] + ", input " + i % s[2] + "] is not finite");
            }
        }
        return new AnalysisTrials(task, count, s[1], s[2], in, targets, masks, bounds, file.dtMs(), where);
    }

    /** The common bounds of the first {@code count} samples, each one complete trial from step 0. */
    private static int[] bounds(List<SampleRecord> samples, int count, int steps, String where) {
        int[] first = null;
        for (int i = 0; i < count; i++) {
            List<TrialRecord> trials = samples.get(i).trials();
            if (trials.size() != 1) {
                throw new IllegalArgumentException(where + "trials.json: records[" + i + "].trials holds "
                        + trials.size() + " trials; a test sample is one trial");
            }
            int[] b = trials.get(0).bounds();
            if (b[0] != 0 || b[b.length - 1] != steps) {
                throw new IllegalArgumentException(where + "trials.json: records[" + i + "].trials[0].bounds "
                        + Arrays.toString(b) + " do not span the sample's " + steps + " steps");
            }
            if (first == null) {
                first = b;
            } else if (!Arrays.equals(first, b)) {
                throw new IllegalArgumentException(where + "trials.json: records[" + i + "].trials[0].bounds "
                        + Arrays.toString(b) + " differ from records[0]'s " + Arrays.toString(first)
                        + "; the analysis needs the fixed test timing");
            }
        }
        return first;
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

    private static String hash(float[] inputs, int[] bounds, int dtMs) {
        MessageDigest md = Sha256.newDigest();
        ByteBuffer buf = ByteBuffer.allocate(4 * (bounds.length + 1)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(dtMs);
        for (int b : bounds) {
            buf.putInt(b);
        }
        md.update(buf.array());
        ByteBuffer chunk = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < inputs.length; i++) {
            chunk.putFloat(inputs[i]);
            if (!chunk.hasRemaining() || i == inputs.length - 1) {
                md.update(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
        }
        return Sha256.toHex(md.digest());
    }

    public Task task() {
        return task;
    }

    /** N: the number of trials. */
    public int count() {
        return count;
    }

    /** T: steps per trial. */
    public int steps() {
        return steps;
    }

    public int inputsPerStep() {
        return inputsPerStep;
    }

    /** The period bounds shared by every trial: starts of fixation, stimulus, delay, decision, then the end. */
    public int[] bounds() {
        return bounds.clone();
    }

    public int dtMs() {
        return dtMs;
    }

    /** SHA-256 over dt, the bounds and the selected inputs (float32 little-endian): which trials these are. */
    public String sha256() {
        return sha256;
    }

    /** The folder the trials were read from. */
    public String source() {
        return source;
    }

    /** Inputs [N, T, n_in] sample-major as in inputs.npy (shared, do not modify). */
    float[] inputArray() {
        return inputs;
    }

    byte[] targetArray() {
        return targets;
    }

    boolean[] maskArray() {
        return masks;
    }

    /** Trial {@code i}'s inputs [T, n_in] as doubles, appended at {@code out[off…]}. */
    void inputs(int i, double[] out, int off) {
        int n = steps * inputsPerStep;
        for (int k = 0; k < n; k++) {
            out[off + k] = inputs[i * n + k];
        }
    }
}
