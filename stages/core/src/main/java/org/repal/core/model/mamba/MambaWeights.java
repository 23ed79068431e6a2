package org.repal.core.model.mamba;

/**
 * The weights of one call in double precision, read-only and shared by all lanes: the flat buffer as it is,
 * plus the transposed projections (so the row-times-matrix products run as contiguous axpy loops that the
 * JIT vectorises), A = −exp(A_log) and the skip D.
 *
 * <p>With {@code float32Ssm} A and D are what mamba.py's SSM uses in every precision: its A_log is a float32
 * tensor, and {@code A = -torch.exp(self.A_log.float())}, {@code D = self.D.float()} run in float32, so even
 * its float64 model (the golden vectors) has float32 A and D. The default; {@code false} keeps them in double
 * (exact derivatives, for finite differences). Gradients treat the casts as the identity, as autograd does.
 */
final class MambaWeights {
    final MambaLayout layout;
    final double[] w;
    /** [n_in][D]. */
    final double[] embT;
    /** Per layer: in_proj [D][2E], x_proj [E][X], out_proj [E][D]; A [E·N]. */
    final double[][] inT;
    final double[][] xT;
    final double[][] outT;
    final double[][] a;
    /** [D][n_out]. */
    final double[] headT;

    /** Per layer: D [E]. */
    final double[][] dSkip;

    MambaWeights(MambaLayout layout, double[] w, boolean float32Ssm) {
        this.layout = layout;
        this.w = w;
        MambaConfig c = layout.config();
        int d = c.dModel();
        int e = c.inner();
        int x = c.xProjRows();
        int n = c.state();
        int layers = c.layers();
        embT = transpose(w, layout.embW, d, c.inputs());
        inT = new double[layers][];
        xT = new double[layers][];
        outT = new double[layers][];
        a = new double[layers][];
        dSkip = new double[layers][e];
        for (int l = 0; l < layers; l++) {
            inT[l] = transpose(w, layout.inProj[l], 2 * e, d);
            xT[l] = transpose(w, layout.xProj[l], x, e);
            outT[l] = transpose(w, layout.outProj[l], d, e);
            a[l] = new double[e * n];
            for (int i = 0; i < e * n; i++) {
                double v = w[layout.aLog[l] + i];
                a[l][i] = float32Ssm ? -(double) (float) Math.exp((float) v) : -Math.exp(v);
            }
            for (int i = 0; i < e; i++) {
                double v = w[layout.dSkip[l] + i];
                dSkip[l][i] = float32Ssm ? (float) v : v;
            }
        }
        headT = transpose(w, layout.head, c.outputs(), d);
    }

    /** The rows × cols matrix at {@code off}, transposed into a new cols × rows array. */
    private static double[] transpose(double[] w, int off, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = w[off + i * cols + j];
            }
        }
        return t;
    }

    /** Turns the summed ∂L/∂A in the A_log slots of {@code grad} into ∂L/∂A_log = ∂L/∂A · A (A = −exp(A_log)). */
    void finishDecayGradient(double[] grad) {
        for (int l = 0; l < a.length; l++) {
            int off = layout.aLog[l];
            for (int i = 0; i < a[l].length; i++) {
                grad[off + i] *= a[l][i];
            }
        }
    }
}
