package org.repal.core.activity;

import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Batch;
import org.repal.core.model.ComputePath;
import org.repal.core.model.ModelParameters;
import org.repal.core.model.RecurrentModel;
import org.repal.core.model.RnnParameters;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.model.mamba.MambaParameters;
import org.repal.core.model.mamba.MambaStepper;

/**
 * Runs one network on the analysis trials and keeps its units in the window, as (trials, time, units) float64.
 * Every network gets its own model objects and the trials are processed in a fixed order and grouping that
 * depends only on the trials, so a model's activity is the same bytes whichever other models are recorded
 * beside it. RNNs run in float64 (float32 weights are widened exactly) on this JVM's {@link ComputePath} in fixed batches
 * of {@link #RNN_BATCH} trials; Mamba networks are stepped trial by trial with {@link MambaStepper} (A and D in
 * float32 as mamba.py holds them, the same arithmetic as training's sequence forward).
 */
public final class ActivityRecorder {
    /** Trials per RNN forward pass (the last batch holds the rest). */
    public static final int RNN_BATCH = 50;

    private ActivityRecorder() {
    }

    /**
     * Records a model folder's snapshot on the trials (float64 arithmetic) with the info of its sidecar.
     *
     * @throws IllegalArgumentException naming the missing or unfit file, or for units the network lacks
     */
    public static ActivityArtifacts.Stored record(ModelFolder model, Snapshot snapshot, AnalysisTrials trials,
                                                  ActivityWindow window, Units units) {
        ActivityInfo info = ActivityInfo.of(model.name(), model.config(), snapshot, units, trials, window);
        return new ActivityArtifacts.Stored(info, record(model.load(snapshot, DataType.DOUBLE), trials, window, units));
    }

    /**
     * Records {@code units} of the network with these weights on every trial, in the window.
     *
     * @throws IllegalArgumentException when the window exceeds the trials, the inputs do not fit the network or the
     *                                  units do not exist in it; ArithmeticException if the network's activity is not finite
     */
    public static Activity record(ModelParameters weights, AnalysisTrials trials, ActivityWindow window, Units units) {
        return record(weights, trials, window, units, ComputePath.current());
    }

    /** As {@link #record(ModelParameters, AnalysisTrials, ActivityWindow, Units)}, RNNs on the given path. */
    public static Activity record(ModelParameters weights, AnalysisTrials trials, ActivityWindow window, Units units,
                                  ComputePath path) {
        if (window.end() > trials.steps()) {
            throw new IllegalArgumentException("window [" + window.start() + ", " + window.end() + ") exceeds the "
                    + trials.steps() + "-step trials of " + trials.source());
        }
        Activity a;
        if (weights instanceof RnnParameters p) {
            units.count(p.config());
            a = rnn(p, trials, window, path);
        } else if (weights instanceof MambaParameters p) {
            a = mamba(p, trials, window, units);
        } else {
            throw new IllegalArgumentException("unknown architecture: " + weights.getClass().getSimpleName());
        }
        try {
            a.requireFinite("activity");
        } catch (IllegalArgumentException e) {
            throw new ArithmeticException(e.getMessage() + " (the network's state diverges on " + trials.source()
                    + ")");
        }
        return a;
    }

    private static Activity rnn(RnnParameters weights, AnalysisTrials trials, ActivityWindow window,
                                ComputePath path) {
        RnnParameters p = weights.dataType() == DataType.DOUBLE ? weights : weights.copy(DataType.DOUBLE);
        if (trials.inputsPerStep() != p.config().inputs()) {
            throw new IllegalArgumentException(trials.source() + "inputs.npy: " + trials.inputsPerStep()
                    + " inputs per step, the network takes " + p.config().inputs());
        }
        RecurrentModel model = path.rnnModel(p);
        int n = trials.count();
        int steps = trials.steps();
        int h = p.config().hidden();
        int w = window.steps();
        double[] out = new double[n * w * h];
        for (int first = 0; first < n; first += RNN_BATCH) {
            int size = Math.min(RNN_BATCH, n - first);
            Batch batch = new Batch(DataType.DOUBLE, size, steps, trials.inputsPerStep());
            for (int b = 0; b < size; b++) {
                batch.setSample(b, first + b, trials.inputArray(), trials.targetArray(), trials.maskArray());
            }
            model.forward(batch);
            double[] states = model.states(batch).toDoubles(); // [T·B, H], row t·B + b
            for (int b = 0; b < size; b++) {
                for (int t = window.start(); t < window.end(); t++) {
                    System.arraycopy(states, batch.row(t, b) * h, out, ((first + b) * w + t - window.start()) * h, h);
                }
            }
        }
        return new Activity(n, w, h, out);
    }

    private static Activity mamba(MambaParameters p, AnalysisTrials trials, ActivityWindow window, Units units) {
        MambaConfig c = p.config();
        int u = units.count(c);
        if (trials.inputsPerStep() != c.inputs()) {
            throw new IllegalArgumentException(trials.source() + "inputs.npy: " + trials.inputsPerStep()
                    + " inputs per step, the network takes " + c.inputs());
        }
        MambaStepper stepper = new MambaStepper(p, units.referenceCompatConv());
        int n = trials.count();
        int w = window.steps();
        int perTrial = trials.steps() * c.inputs();
        double[] x = new double[perTrial];
        double[] out = new double[n * w * u];
        boolean ssm = units.kind() == Units.Kind.MAMBA_SSM;
        for (int i = 0; i < n; i++) {
            trials.inputs(i, x, 0);
            stepper.reset();
            for (int t = 0; t < window.end(); t++) {
                stepper.step(x, t * c.inputs());
                if (t >= window.start()) {
                    double[] src = ssm ? stepper.ssmState(units.layer()) : stepper.stream();
                    System.arraycopy(src, 0, out, (i * w + t - window.start()) * u, u);
                }
            }
        }
        return new Activity(n, w, u, out);
    }
}
