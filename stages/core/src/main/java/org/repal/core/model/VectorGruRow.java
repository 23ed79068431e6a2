package org.repal.core.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One row of a float32 leaky GRU step ({@link LeakyGruCell}) in float arithmetic on the JDK's vector API: the gate
 * z̃ = σ(a_z), ñ = f(a_n) and f'(a_n), h_t and the local derivatives Q, P and R, without leaving float32. The
 * double-precision loops of {@link FloatRows} spent most of a float32 GRU step's Java time in float ↔ double
 * conversions and in series far more exact than float32 needs.
 *
 * <p>The activations are {@link VectorActivations}' loops; the update's last columns run the same operations
 * one by one, so a row's values do not depend on the vector width.
 *
 * <p>Only {@link LeakyGruCell} refers to this class, and only when the incubator module is loaded.
 */
final class VectorGruRow {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorGruRow() {
    }

    /**
     * For j &lt; h: z̃ = σ(pre[zOff + j] + bias[j]), with a = pre[nOff + j] + bias[h + j] ñ = f(a) and f'(a); then
     * h_t = h + (1 − d)·z̃·(ñ − h) into next[j] (h = state[sOff + j]), Q = (1 − d)·z̃·(ñ − h)·(1 − z̃) into
     * pre[zOff + j], P = (1 − d)·z̃·f'(a) into pre[nOff + j] and R = 1 − (1 − d)·z̃ into keep[kOff + j].
     * {@code f} is softplus, relu or leaky_relu; {@code work} holds at least 3h floats.
     */
    static void forward(Activation f, float[] pre, int zOff, int nOff, float[] bias, int h, float[] state, int sOff,
                        float leak, float[] next, float[] keep, int kOff, float[] work) {
        VectorActivations.sigmoid(pre, zOff, bias, work, h);
        if (f == Activation.SOFTPLUS) {
            VectorActivations.softplus(pre, nOff, bias, h, work, h);
        } else {
            float slope = f == Activation.LEAKY_RELU ? (float) Activation.LEAKY_SLOPE : 0f;
            VectorActivations.piecewise(slope, pre, nOff, bias, h, work, h);
        }
        combine(pre, zOff, nOff, h, state, sOff, leak, next, keep, kOff, work);
    }

    /** The leaky update and the local derivatives from z̃ = work[j], ñ = work[h + j] and f'(a) = work[2h + j]. */
    private static void combine(float[] pre, int zOff, int nOff, int h, float[] state, int sOff, float leak,
                                float[] next, float[] keep, int kOff, float[] work) {
        int j = 0;
        int bound = SPECIES.loopBound(h);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (; j < bound; j += SPECIES.length()) {
            FloatVector z = FloatVector.fromArray(SPECIES, work, j);
            FloatVector hp = FloatVector.fromArray(SPECIES, state, sOff + j);
            FloatVector diff = FloatVector.fromArray(SPECIES, work, h + j).sub(hp);
            FloatVector lz = z.mul(leak);
            hp.add(lz.mul(diff)).intoArray(next, j);
            lz.mul(diff).mul(one.sub(z)).intoArray(pre, zOff + j);
            lz.mul(FloatVector.fromArray(SPECIES, work, 2 * h + j)).intoArray(pre, nOff + j);
            one.sub(lz).intoArray(keep, kOff + j);
        }
        for (; j < h; j++) {
            float z = work[j];
            float hp = state[sOff + j];
            float diff = work[h + j] - hp;
            float lz = z * leak;
            next[j] = hp + lz * diff;
            pre[zOff + j] = lz * diff * (1f - z);
            pre[nOff + j] = lz * work[2 * h + j];
            keep[kOff + j] = 1f - lz;
        }
    }

}
