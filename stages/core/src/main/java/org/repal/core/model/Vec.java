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
     * double arrays only (C2 does not vectorise loops that mix float and double arrays).
     */
    abstract void get(int i, double[] dst, int n);

    /** src[0 … n − 1] into elements i … i + n − 1 (rounded to float for float32 storage). */
    abstract void set(int i, double[] src, int n);

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
        void get(int i, double[] dst, int n) {
            for (int k = 0; k < n; k++) {
                dst[k] = b.get(i + k);
            }
        }

        @Override
        void set(int i, double[] src, int n) {
            for (int k = 0; k < n; k++) {
                b.put(i + k, (float) src[k]);
            }
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
        void get(int i, double[] dst, int n) {
            b.get(i, dst, 0, n);
        }

        @Override
        void set(int i, double[] src, int n) {
            b.put(i, src, 0, n);
        }
    }
}
