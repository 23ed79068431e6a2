package org.repal.core.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Element access to a matrix's native memory from Java loops, in double whatever the storage (float32 values
 * are widened on read and rounded on write). One implementation per storage type, so a training run (float32
 * only) sees a single receiver type at every call site and the JIT inlines the accesses.
 */
abstract class Vec {
    abstract double get(int i);

    abstract void set(int i, double v);

    /**
     * Elements i … i + n − 1 into dst[0 … n − 1]: a loop of its own, so that the loops computing on dst are over
     * double arrays only (C2 does not vectorise loops that mix float and double arrays). Float32 storage is copied
     * into {@code scratch} (at least n long) first: a buffer access per element cost several times the conversion.
     */
    abstract void get(int i, double[] dst, int n, float[] scratch);

    /** src[0 … n − 1] into elements i … i + n − 1 (rounded to float in {@code scratch} for float32 storage). */
    abstract void set(int i, double[] src, int n, float[] scratch);

    /** Float32 storage only: elements i … i + n − 1 into dst[0 … n − 1], unconverted (a memory copy). */
    void getFloats(int i, float[] dst, int n) {
        throw new UnsupportedOperationException("float64 storage");
    }

    /** Float32 storage only: src[0 … n − 1] into elements i … i + n − 1. */
    void setFloats(int i, float[] src, int n) {
        throw new UnsupportedOperationException("float64 storage");
    }

    static Vec of(Mat m) {
        return m.isDouble() ? new Doubles(m.doubles()) : new Floats(m.floats());
    }

    private static final class Floats extends Vec {
        private final FloatBuffer b;

        Floats(FloatBuffer b) {
            this.b = b;
        }

        @Override
        double get(int i) {
            return b.get(i);
        }

        @Override
        void set(int i, double v) {
            b.put(i, (float) v);
        }

        @Override
        void get(int i, double[] dst, int n, float[] scratch) {
            b.get(i, scratch, 0, n);
            for (int k = 0; k < n; k++) {
                dst[k] = scratch[k];
            }
        }

        @Override
        void set(int i, double[] src, int n, float[] scratch) {
            for (int k = 0; k < n; k++) {
                scratch[k] = (float) src[k];
            }
            b.put(i, scratch, 0, n);
        }

        @Override
        void getFloats(int i, float[] dst, int n) {
            b.get(i, dst, 0, n);
        }

        @Override
        void setFloats(int i, float[] src, int n) {
            b.put(i, src, 0, n);
        }
    }

    private static final class Doubles extends Vec {
        private final DoubleBuffer b;

        Doubles(DoubleBuffer b) {
            this.b = b;
        }

        @Override
        double get(int i) {
            return b.get(i);
        }

        @Override
        void set(int i, double v) {
            b.put(i, v);
        }

        @Override
        void get(int i, double[] dst, int n, float[] scratch) {
            b.get(i, dst, 0, n);
        }

        @Override
        void set(int i, double[] src, int n, float[] scratch) {
            b.put(i, src, 0, n);
        }
    }
}
