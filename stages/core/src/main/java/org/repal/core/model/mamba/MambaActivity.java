package org.repal.core.model.mamba;

/**
 * Per-step activity of a batch of sequences from the step mode (spec §5): every layer's SSM state (ED·N values
 * each) and the residual stream after the last block (D values), time-major [T, B, ·] as the analyses take them,
 * and the logits [T, B, n_out].
 */
public record MambaActivity(int steps, int batch, double[][] ssmLayers, double[] stream, double[] logits) {

    /** Layer {@code layer}'s SSM states, [T, B, ED·N]. */
    public double[] ssm(int layer) {
        if (layer < 0 || layer >= ssmLayers.length) {
            throw new IllegalArgumentException("layer " + layer + " outside 0.." + (ssmLayers.length - 1));
        }
        return ssmLayers[layer];
    }

    /**
     * Steps every sequence of {@code inputs} (batch-major [B, T, n_in]) from the zero state and records every
     * layer's SSM state after each step.
     */
    public static MambaActivity record(MambaParameters params, double[] inputs, int batch, int steps,
                                       boolean referenceCompat) {
        MambaConfig c = params.config();
        if (inputs.length != batch * steps * c.inputs()) {
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values, expected " + batch + "×"
                    + steps + "×" + c.inputs());
        }
        int hs = c.inner() * c.state();
        int d = c.dModel();
        int o = c.outputs();
        double[][] ssm = new double[c.layers()][steps * batch * hs];
        double[] stream = new double[steps * batch * d];
        double[] logits = new double[steps * batch * o];
        MambaStepper stepper = new MambaStepper(params, referenceCompat);
        for (int b = 0; b < batch; b++) {
            stepper.reset();
            for (int t = 0; t < steps; t++) {
                double[] y = stepper.step(inputs, (b * steps + t) * c.inputs());
                int row = t * batch + b;
                for (int l = 0; l < ssm.length; l++) {
                    System.arraycopy(stepper.ssmState(l), 0, ssm[l], row * hs, hs);
                }
                System.arraycopy(stepper.stream(), 0, stream, row * d, d);
                System.arraycopy(y, 0, logits, row * o, o);
            }
        }
        return new MambaActivity(steps, batch, ssm, stream, logits);
    }
}
