package org.repal.core.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One row of a float32 leaky RNN step ({@link LeakyRnnCell}) on the JDK's vector API: relu or leaky_relu (C2 leaves
 * the scalar loop's branch-free [a > 0], float bits as ints, unvectorised) and softplus ({@link VectorActivations}; the
 * double loops of {@link FloatRows} spent their time converting). The last columns (fewer than a vector) run the same
 * operations one by one. Only {@link LeakyRnnCell} refers to this class, and only when the incubator module is loaded.
 */
final class VectorRnnRow {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorRnnRow() {
    }

    /**
     * For j &lt; h, a = pre[off + j] + bias[j], d = slope + (1 − slope)·[a > 0]: h_t = decay·h + leak·a·d into
     * next[j] (h = state[sOff + j]) and leak·d into pre[off + j].
     */
    static void forward(float[] pre, int off, float[] bias, int h, float[] state, int sOff, float decay, float leak,
                        float slope, float[] next) {
        int j = 0;
        int bound = SPECIES.loopBound(h);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector low = FloatVector.broadcast(SPECIES, slope);
        for (; j < bound; j += SPECIES.length()) {
            FloatVector a = FloatVector.fromArray(SPECIES, pre, off + j).add(FloatVector.fromArray(SPECIES, bias, j));
            VectorMask<Float> on = a.compare(VectorOperators.GT, 0f);
            FloatVector d = low.blend(one, on);
            FloatVector.fromArray(SPECIES, state, sOff + j).mul(decay).add(a.mul(d).mul(leak)).intoArray(next, j);
            d.mul(leak).intoArray(pre, off + j);
        }
        for (; j < h; j++) {
            float a = pre[off + j] + bias[j];
            float d = a > 0 ? 1f : slope;
            next[j] = state[sOff + j] * decay + a * d * leak;
            pre[off + j] = d * leak;
        }
    }

    /**
     * softplus: for j &lt; h, a = pre[off + j] + bias[j]: h_t = decay·h + leak·softplus(a) into next[j] (h =
     * state[sOff + j]) and leak·σ(a) into pre[off + j]; {@code work} holds at least 3h floats.
     */
    static void forwardSoftplus(float[] pre, int off, float[] bias, int h, float[] state, int sOff, float decay,
                                float leak, float[] next, float[] work) {
        VectorActivations.softplus(pre, off, bias, 0, work, h);
        int j = 0;
        int bound = SPECIES.loopBound(h);
        for (; j < bound; j += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, state, sOff + j).mul(decay)
                    .add(FloatVector.fromArray(SPECIES, work, h + j).mul(leak)).intoArray(next, j);
            FloatVector.fromArray(SPECIES, work, 2 * h + j).mul(leak).intoArray(pre, off + j);
        }
        for (; j < h; j++) {
            next[j] = state[sOff + j] * decay + work[h + j] * leak;
            pre[off + j] = work[2 * h + j] * leak;
        }
    }
}
