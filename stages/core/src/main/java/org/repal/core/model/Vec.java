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
    }
}
