package org.repal.core.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repal.core.model.SequenceLayout;
import org.repal.core.store.NpyArray;

/**
 * What {@link ModelEvaluator} measured on a set of sequences: logits and activity (time-major rows inside,
 * the input's layout outside) and, with labels, the loss and its gradient under the state_dict names.
 *
 * @param activity the recorded arrays, in file order (an RNN's {@code hidden}; Mamba's {@code stream} and
 *                 {@code ssm_states_layer<k>})
 * @param loss     null without labels
 * @param grads    null without labels
 */
public record ModelEvaluation(SequenceLayout layout, int batch, int steps, Recorded logits, List<Recorded> activity,
                             Loss loss, Map<String, NpyArray> grads) {

    /** One recorded array: time-major rows of prod(trailing) values per (step, sequence). */
    public record Recorded(String name, double[] timeMajor, int... trailing) {
        int width() {
            int w = 1;
            for (int s : trailing) {
                w *= s;
            }
            return w;
        }
    }

    /** The training objective's value: mean cross-entropy over every (sequence, step) plus the weight term. */
    public record Loss(double loss, double crossEntropy, double weightPenalty) {
    }

    /** Logits and activity as arrays in the input's layout, keyed by file stem ({@code logits}, {@code hidden}, …). */
    public Map<String, NpyArray> arrays() {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        out.put(logits.name(), array(logits));
        for (Recorded r : activity) {
            out.put(r.name(), array(r));
        }
        return out;
    }

    private NpyArray array(Recorded r) {
        int[] lead = layout.leading(batch, steps);
        int[] shape = new int[2 + r.trailing().length];
        shape[0] = lead[0];
        shape[1] = lead[1];
        System.arraycopy(r.trailing(), 0, shape, 2, r.trailing().length);
        return NpyArray.ofDoubles(layout.fromTimeMajor(r.timeMajor(), batch, steps, r.width()), shape);
    }
}
