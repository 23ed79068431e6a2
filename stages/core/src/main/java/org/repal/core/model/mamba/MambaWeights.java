package org.repal.core.model.mamba;

import java.util.Arrays;

/**
 * The weights of one call in double precision, read-only and shared by all lanes: the flat buffer as it is,
 * plus each projection as its own array (the GEMMs take whole arrays), the embedding transposed (its product is
 * a Java loop), A = −exp(A_log) and the skip D.
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
    /** Per layer, PyTorch's shapes: in_proj [2E][D], x_proj [X][E], out_proj [D][E]; A [E·N]. */
    final double[][] in;
    final double[][] x;
    final double[][] out;
    final double[][] a;
    /** Per layer: A transposed to [N][E], the scan's state-major order. */
    final double[][] aT;
    /** [n_out][D]. */
    final double[] head;

    /** Per layer: D [E]. */
    final double[][] dSkip;

    MambaWeights(MambaLayout layout, double[] w, boolean float32Ssm) {
        this.layout = layout;
        this.w = w;
        MambaConfig c = layout.config();
        int d = c.dModel();
        int e = c.inner();
        int xr = c.xProjRows();
        int n = c.state();
        int layers = c.layers();
        embT = transpose(w, layout.embW, d, c.inputs());
        in = new double[layers][];
        x = new double[layers][];
        out = new double[layers][];
        a = new double[layers][];
        aT = new double[layers][];
        dSkip = new double[layers][e];
        for (int l = 0; l < layers; l++) {
            in[l] = Arrays.copyOfRange(w, layout.inProj[l], layout.inProj[l] + 2 * e * d);
            x[l] = Arrays.copyOfRange(w, layout.xProj[l], layout.xProj[l] + xr * e);
            out[l] = Arrays.copyOfRange(w, layout.outProj[l], layout.outProj[l] + d * e);
            a[l] = new double[e * n];
            for (int i = 0; i < e * n; i++) {
                double v = w[layout.aLog[l] + i];
                a[l][i] = float32Ssm ? -(double) (float) Math.exp((float) v) : -Math.exp(v);
            }
            aT[l] = transpose(a[l], 0, e, n);
            for (int i = 0; i < e; i++) {
                double v = w[layout.dSkip[l] + i];
                dSkip[l][i] = float32Ssm ? (float) v : v;
            }
        }
        head = Arrays.copyOfRange(w, layout.head, layout.head + c.outputs() * d);
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
