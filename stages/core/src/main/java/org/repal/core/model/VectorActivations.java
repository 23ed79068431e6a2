package org.repal.core.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 activations of a row on the JDK's vector API, for {@link VectorGruRow} and {@link VectorRnnRow}: σ, softplus
 * with its derivative, relu/leaky_relu with theirs. Each is a small loop of its own: in one large loop C2 ran out of
 * inlining budget and left some vector operations to their slow Java fallbacks.
 *
 * <p>e^x (x ≤ 0, clamped at {@link #EXP_FLOOR}) is 2^k·p(r) with k = round(x·log₂e), r = x − k·ln 2 split in two
 * parts, p the degree-7 Taylor polynomial (|r| ≤ 0.35: remainder below 6e-9 relative) and 2^k written into the
 * exponent bits; log(1 + v) for v ∈ (0, 1] is 2·atanh(v/(2 + v)) by its series to s¹³ (below 2e-8 relative). Both
 * within 2 float32 ulps; results below float32's smallest normal number (σ(a) for a &lt; −87) are not subnormal
 * but e^−87.3. The last columns (fewer than a vector) run the same operations one by one, so a row's values do not
 * depend on the vector width.
 *
 * <p>Only the two row classes refer to this class, and only when the incubator module is loaded.
 */
final class VectorActivations {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** e^−87.3 ≈ 1.2·10⁻³⁸, just above float32's smallest normal number. */
    static final float EXP_FLOOR = -87.3f;
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693145752f;
    private static final float LN2_LO = 1.42860677e-6f;
    /** 1.5·2²³: adding it rounds to an integer held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float THRESHOLD = (float) Activation.SOFTPLUS_THRESHOLD;

    private VectorActivations() {
    }

    /** work[j] = σ(pre[off + j] + bias[j]) = (a &gt; 0 ? 1 : v)/(1 + v) with v = e^−|a|. */
    static void sigmoid(float[] pre, int off, float[] bias, float[] work, int h) {
        int j = 0;
        int bound = SPECIES.loopBound(h);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (; j < bound; j += SPECIES.length()) {
            FloatVector a = FloatVector.fromArray(SPECIES, pre, off + j).add(FloatVector.fromArray(SPECIES, bias, j));
            FloatVector v = exp(zero.sub(a.abs()));
            v.blend(one, a.compare(VectorOperators.GT, 0f)).div(one.add(v)).intoArray(work, j);
        }
        for (; j < h; j++) {
            float a = pre[off + j] + bias[j];
            float v = exp(0f - Math.abs(a));
            work[j] = (a > 0 ? 1f : v) / (1f + v);
        }
    }

    /**
     * a = pre[off + j] + bias[bOff + j]: softplus(a) into work[h + j] (a above the threshold, else max(a, 0) +
     * log(1 + e^−|a|)) and σ(a) into work[2h + j].
     */
    static void softplus(float[] pre, int off, float[] bias, int bOff, float[] work, int h) {
        int j = 0;
        int bound = SPECIES.loopBound(h);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (; j < bound; j += SPECIES.length()) {
            FloatVector a = FloatVector.fromArray(SPECIES, pre, off + j)
                    .add(FloatVector.fromArray(SPECIES, bias, bOff + j));
            FloatVector v = exp(zero.sub(a.abs()));
            FloatVector s = v.div(v.add(2f));
            FloatVector w = s.mul(s);
            FloatVector q = w.mul(1f / 13).add(1f / 11).mul(w).add(1f / 9).mul(w).add(1f / 7).mul(w).add(1f / 5)
                    .mul(w).add(1f / 3).mul(w).add(1f);
            FloatVector log1p = s.mul(q).mul(2f);
            a.max(0f).add(log1p).blend(a, a.compare(VectorOperators.GT, THRESHOLD)).intoArray(work, h + j);
            v.blend(one, a.compare(VectorOperators.GT, 0f)).div(one.add(v)).intoArray(work, 2 * h + j);
        }
        for (; j < h; j++) {
            float a = pre[off + j] + bias[bOff + j];
            float v = exp(0f - Math.abs(a));
            float s = v / (v + 2f);
            float w = s * s;
            float q = ((((((w * (1f / 13) + 1f / 11) * w + 1f / 9) * w + 1f / 7) * w + 1f / 5) * w + 1f / 3) * w
                    + 1f);
            float log1p = s * q * 2f;
            work[h + j] = a > THRESHOLD ? a : Math.max(a, 0f) + log1p;
            work[2 * h + j] = (a > 0 ? 1f : v) / (1f + v);
        }
    }

    /** relu (slope 0) or leaky_relu: f(a) = a·f'(a) into work[h + j], f'(a) = a &gt; 0 ? 1 : slope into work[2h + j]. */
    static void piecewise(float slope, float[] pre, int off, float[] bias, int bOff, float[] work, int h) {
        int j = 0;
        int bound = SPECIES.loopBound(h);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector low = FloatVector.broadcast(SPECIES, slope);
        for (; j < bound; j += SPECIES.length()) {
            FloatVector a = FloatVector.fromArray(SPECIES, pre, off + j)
                    .add(FloatVector.fromArray(SPECIES, bias, bOff + j));
            FloatVector d = low.blend(one, a.compare(VectorOperators.GT, 0f));
            a.mul(d).intoArray(work, h + j);
            d.intoArray(work, 2 * h + j);
        }
        for (; j < h; j++) {
            float a = pre[off + j] + bias[bOff + j];
            float d = a > 0 ? 1f : slope;
            work[h + j] = a * d;
            work[2 * h + j] = d;
        }
    }

    /** e^x for x ≤ 0 (see the class comment), lane by lane. */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_FLOOR);
        FloatVector big = c.mul(LOG2E).add(ROUNDER);
        FloatVector k = big.sub(ROUNDER);
        FloatVector r = c.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        FloatVector p = r.mul(1f / 5040).add(1f / 720).mul(r).add(1f / 120).mul(r).add(1f / 24).mul(r).add(1f / 6)
                .mul(r).add(0.5f).mul(r).add(1f).mul(r).add(1f);
        IntVector exponent = ((IntVector) big.reinterpretAsInts()).sub(ROUNDER_BITS).add(127)
                .lanewise(VectorOperators.LSHL, 23);
        return p.mul((FloatVector) exponent.reinterpretAsFloats());
    }

    /** The same operations on one float. */
    static float exp(float x) {
        float c = Math.max(x, EXP_FLOOR);
        float big = c * LOG2E + ROUNDER;
        float k = big - ROUNDER;
        float r = c - k * LN2_HI - k * LN2_LO;
        float p = ((((((r * (1f / 5040) + 1f / 720) * r + 1f / 120) * r + 1f / 24) * r + 1f / 6) * r + 0.5f) * r + 1f)
                * r + 1f;
        int exponent = (Float.floatToRawIntBits(big) - ROUNDER_BITS + 127) << 23;
        return p * Float.intBitsToFloat(exponent);
    }
}
