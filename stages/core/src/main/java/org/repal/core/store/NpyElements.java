package org.repal.core.store;

import java.nio.ByteBuffer;

/** Moves elements between typed Java arrays and byte buffers, and between C and Fortran order. */
final class NpyElements {
    private NpyElements() {
    }

    /** The Java array class backing each dtype inside {@link NpyArray}. */
    static Class<?> arrayClass(NpyDtype dtype) {
        switch (dtype) {
            case FLOAT32: return float[].class;
            case FLOAT64: return double[].class;
            case INT32: return int[].class;
            case INT64: return long[].class;
            case INT8:
            case UINT8: return byte[].class;
            case BOOL: return boolean[].class;
            default: throw new AssertionError(dtype);
        }
    }

    static Object allocate(NpyDtype dtype, int n) {
        return java.lang.reflect.Array.newInstance(arrayClass(dtype).getComponentType(), n);
    }

    /** Reads {@code count} elements from {@code buf} (whose byte order is already set) into dst[offset..]. */
    static void decode(ByteBuffer buf, NpyDtype dtype, Object dst, int offset, int count) {
        switch (dtype) {
            case FLOAT32: buf.asFloatBuffer().get((float[]) dst, offset, count); break;
            case FLOAT64: buf.asDoubleBuffer().get((double[]) dst, offset, count); break;
            case INT32: buf.asIntBuffer().get((int[]) dst, offset, count); break;
            case INT64: buf.asLongBuffer().get((long[]) dst, offset, count); break;
            case INT8:
            case UINT8: buf.duplicate().get((byte[]) dst, offset, count); break;
            case BOOL: {
                boolean[] out = (boolean[]) dst;
                for (int i = 0; i < count; i++) {
                    out[offset + i] = buf.get(buf.position() + i) != 0;
                }
                break;
            }
            default: throw new AssertionError(dtype);
        }
        buf.position(buf.position() + count * dtype.itemSize());
    }

    /** Writes src[offset..offset+count) into {@code buf} at its position, advancing it. */
    static void encode(ByteBuffer buf, NpyDtype dtype, Object src, int offset, int count) {
        switch (dtype) {
            case FLOAT32: buf.asFloatBuffer().put((float[]) src, offset, count); break;
            case FLOAT64: buf.asDoubleBuffer().put((double[]) src, offset, count); break;
            case INT32: buf.asIntBuffer().put((int[]) src, offset, count); break;
            case INT64: buf.asLongBuffer().put((long[]) src, offset, count); break;
            case INT8:
            case UINT8: buf.duplicate().put((byte[]) src, offset, count); break;
            case BOOL: {
                boolean[] in = (boolean[]) src;
                for (int i = 0; i < count; i++) {
                    buf.put(buf.position() + i, (byte) (in[offset + i] ? 1 : 0));
                }
                break;
            }
            default: throw new AssertionError(dtype);
        }
        buf.position(buf.position() + count * dtype.itemSize());
    }

    /**
     * For each position f in Fortran (column-major) order, the position of the same element in C
     * (row-major) order.
     */
    static int[] fortranToC(int[] shape, int size) {
        int nd = shape.length;
        int[] map = new int[size];
        if (size == 0) {
            return map;
        }
        int[] stride = new int[nd];
        int s = 1;
        for (int k = nd - 1; k >= 0; k--) {
            stride[k] = s;
            s *= shape[k];
        }
        int[] idx = new int[nd];
        int c = 0;
        for (int f = 0; f < size; f++) {
            map[f] = c;
            // Odometer with the first axis fastest, keeping the C offset up to date.
            for (int k = 0; k < nd; k++) {
                idx[k]++;
                c += stride[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                c -= idx[k] * stride[k];
                idx[k] = 0;
            }
        }
        return map;
    }

    /**
     * Reorders a flat array. With toC, src is in Fortran order and the result in C order; otherwise the
     * reverse.
     */
    static Object reorder(Object src, int[] fToC, boolean toC) {
        int n = fToC.length;
        Object dst = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(), n);
        if (src instanceof double[]) {
            double[] a = (double[]) src, b = (double[]) dst;
            for (int f = 0; f < n; f++) { if (toC) b[fToC[f]] = a[f]; else b[f] = a[fToC[f]]; }
        } else if (src instanceof float[]) {
            float[] a = (float[]) src, b = (float[]) dst;
            for (int f = 0; f < n; f++) { if (toC) b[fToC[f]] = a[f]; else b[f] = a[fToC[f]]; }
        } else if (src instanceof int[]) {
            int[] a = (int[]) src, b = (int[]) dst;
            for (int f = 0; f < n; f++) { if (toC) b[fToC[f]] = a[f]; else b[f] = a[fToC[f]]; }
        } else if (src instanceof long[]) {
            long[] a = (long[]) src, b = (long[]) dst;
            for (int f = 0; f < n; f++) { if (toC) b[fToC[f]] = a[f]; else b[f] = a[fToC[f]]; }
        } else if (src instanceof byte[]) {
            byte[] a = (byte[]) src, b = (byte[]) dst;
            for (int f = 0; f < n; f++) { if (toC) b[fToC[f]] = a[f]; else b[f] = a[fToC[f]]; }
        } else if (src instanceof boolean[]) {
            boolean[] a = (boolean[]) src, b = (boolean[]) dst;
            for (int f = 0; f < n; f++) { if (toC) b[fToC[f]] = a[f]; else b[f] = a[fToC[f]]; }
        } else {
            throw new AssertionError(src.getClass());
        }
        return dst;
    }
}
