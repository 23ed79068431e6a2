package org.repal.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;

/**
 * Input sequences (and optional class labels) for evaluating a network, read from .npy files in either
 * {@link SequenceLayout} and held time-major in float64. Everything is checked before any computation, with
 * one-line IllegalArgumentExceptions that name the file and the expected shape: dimensions, feature count,
 * float dtype and finite inputs, integer labels within the class range, and labels shaped like the inputs.
 */
public record SequenceData(SequenceLayout layout, int batch, int steps, int features, double[] inputs, int[] targets) {

    /** Whether labels were given. */
    public boolean hasTargets() {
        return targets != null;
    }

    /**
     * Reads {@code inputs} ({@code (batch, steps, features)} or {@code (steps, batch, features)}) and, when not
     * null, {@code targets} (the same two leading axes, labels in {@code 0..classes−1}).
     */
    public static SequenceData load(Path inputs, Path targets, SequenceLayout layout, int features, int classes) {
        return of(read(inputs), inputs.toString(), targets == null ? null : read(targets),
                targets == null ? null : targets.toString(), layout, features, classes);
    }

    /** As {@link #load} for arrays already read; the names appear in messages. */
    public static SequenceData of(NpyArray in, String inName, NpyArray labels, String labelsName,
                                  SequenceLayout layout, int features, int classes) {
        int[] s = in.shape();
        String want = "(" + layout.axes() + ", " + features + ") with layout " + layout.id();
        if (s.length != 3 || s[2] != features) {
            throw new IllegalArgumentException(inName + ": inputs have shape " + Shapes.format(s) + ", expected "
                    + want);
        }
        if (s[0] < 1 || s[1] < 1) {
            throw new IllegalArgumentException(inName + ": inputs have shape " + Shapes.format(s)
                    + ", expected at least one sequence of one step, " + want);
        }
        if (!in.dtype().isFloating()) {
            throw new IllegalArgumentException(inName + ": inputs are " + in.dtype().numpyName()
                    + ", expected float32 or float64");
        }
        double[] x = in.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(inName + ": input " + Shapes.index(s, i) + " is " + x[i]
                        + ": inputs must be finite");
            }
        }
        int batch = layout.batch(s);
        int steps = layout.steps(s);
        int[] labels2 = labels == null ? null : labels(labels, labelsName, inName, layout, batch, steps, classes);
        return new SequenceData(layout, batch, steps, features, layout.toTimeMajor(x, batch, steps, features),
                labels2 == null ? null : timeMajor(labels2, layout, batch, steps));
    }

    private static int[] labels(NpyArray y, String name, String inName, SequenceLayout layout, int batch, int steps,
                                int classes) {
        int[] want = layout.leading(batch, steps);
        if (!java.util.Arrays.equals(y.shape(), want)) {
            throw new IllegalArgumentException(name + ": targets have shape " + Shapes.format(y.shape())
                    + ", expected " + Shapes.format(want) + " = (" + layout.axes() + ") of " + inName);
        }
        if (y.dtype().isFloating() || y.dtype() == org.repal.core.store.NpyDtype.BOOL) {
            throw new IllegalArgumentException(name + ": targets are " + y.dtype().numpyName()
                    + ", expected integer class labels (int8, uint8, int32 or int64)");
        }
        long[] v = y.toLongArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + v[i] + " at " + Shapes.index(want, i)
                        + " is outside 0.." + (classes - 1) + " (the network has " + classes + " outputs)");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    private static int[] timeMajor(int[] v, SequenceLayout layout, int batch, int steps) {
        if (layout == SequenceLayout.TIME) {
            return v;
        }
        int[] out = new int[v.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                out[t * batch + b] = v[b * steps + t];
            }
        }
        return out;
    }

    private static NpyArray read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        try {
            return Npy.read(file);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException(m.startsWith(file.toString()) ? m : file + ": " + m, e);
        }
    }

    /** The inputs batch-major, [B, T, features]. */
    public double[] batchMajorInputs() {
        return SequenceLayout.BATCH.fromTimeMajor(inputs, batch, steps, features);
    }

    /** A float64 batch holding the inputs and (when given) the labels, every step counted by the loss. */
    public Batch toBatch() {
        Batch b = new Batch(DataType.DOUBLE, batch, steps, features);
        if (targets != null) {
            for (int r = 0; r < targets.length; r++) {
                b.setTarget(r / batch, r % batch, targets[r], false);
            }
        }
        b.setInputs(inputs);
        return b;
    }
}
