package org.repal.core.model.mamba;

/**
 * Per-step activity of a batch of sequences from the step mode (spec §5): the SSM state of one layer (ED·N
 * values) and the residual stream (D values), both time-major [T, B, ·] as the analyses take them, and the
 * logits [T, B, n_out].
 */
public record MambaActivity(int steps, int batch, int layer, double[] ssm, double[] stream, double[] logits) {

    /**
     * Steps every sequence of {@code inputs} (batch-major [B, T, n_in]) from the zero state and records layer
     * {@code layer}'s SSM state after each step.
     */
    public static MambaActivity record(MambaParameters params, double[] inputs, int batch, int steps, int layer,
                                       boolean referenceCompat) {
        MambaConfig c = params.config();
        if (layer < 0 || layer >= c.layers()) {
            throw new IllegalArgumentException("layer " + layer + " outside 0.." + (c.layers() - 1));
        }
        if (inputs.length != batch * steps * c.inputs()) {
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values, expected " + batch + "×"
                    + steps + "×" + c.inputs());
        }
        int hs = c.inner() * c.state();
        int d = c.dModel();
        int o = c.outputs();
        double[] ssm = new double[steps * batch * hs];
        double[] stream = new double[steps * batch * d];
        double[] logits = new double[steps * batch * o];
        MambaStepper stepper = new MambaStepper(params, referenceCompat);
        for (int b = 0; b < batch; b++) {
            stepper.reset();
            for (int t = 0; t < steps; t++) {
                double[] y = stepper.step(inputs, (b * steps + t) * c.inputs());
                int row = t * batch + b;
                System.arraycopy(stepper.ssmState(layer), 0, ssm, row * hs, hs);
                System.arraycopy(stepper.stream(), 0, stream, row * d, d);
                System.arraycopy(y, 0, logits, row * o, o);
            }
        }
        return new MambaActivity(steps, batch, layer, ssm, stream, logits);
    }
}
