package org.repal.core.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array as stored in a .npy file: a dtype, a shape and the elements in C (row-major)
 * order.
 *
 * <p>Factories take ownership of the passed array (no copy, so big arrays are not duplicated); every
 * {@code toXxxArray()} returns a fresh copy, so an instance cannot be changed through its accessors.
 * Internally FLOAT32/FLOAT64/INT32/INT64 are held as float[]/double[]/int[]/long[], INT8 and UINT8 as
 * byte[] (UINT8 as the raw bit pattern) and BOOL as boolean[].
 */
public final class NpyArray {
    private final NpyDtype dtype;
    private final int[] shape;
    private final Object data;
    private final int size;

    NpyArray(NpyDtype dtype, int[] shape, Object data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = Objects.requireNonNull(shape, "shape").clone();
        this.data = Objects.requireNonNull(data, "data");
        this.size = NpyArray.checkedSize(this.shape);
        if (data.getClass() != NpyElements.arrayClass(dtype)) {
            throw new IllegalArgumentException(dtype.numpyName() + " data must be a "
                    + NpyElements.arrayClass(dtype).getSimpleName() + ", got " + data.getClass().getSimpleName());
        }
        int length = java.lang.reflect.Array.getLength(data);
        if (length != size) {
            throw new IllegalArgumentException("shape " + shapeString(this.shape) + " needs " + size
                    + " elements but the data has " + length);
        }
    }

    public static NpyArray ofDoubles(double[] data, int... shape) {
        return new NpyArray(NpyDtype.FLOAT64, shape, data);
    }

    public static NpyArray ofFloats(float[] data, int... shape) {
        return new NpyArray(NpyDtype.FLOAT32, shape, data);
    }

    public static NpyArray ofInts(int[] data, int... shape) {
        return new NpyArray(NpyDtype.INT32, shape, data);
    }

    public static NpyArray ofLongs(long[] data, int... shape) {
        return new NpyArray(NpyDtype.INT64, shape, data);
    }

    /** Signed bytes (int8). */
    public static NpyArray ofBytes(byte[] data, int... shape) {
        return new NpyArray(NpyDtype.INT8, shape, data);
    }

    /** Unsigned bytes (uint8): each byte's bit pattern is the value 0..255. */
    public static NpyArray ofUnsignedBytes(byte[] data, int... shape) {
        return new NpyArray(NpyDtype.UINT8, shape, data);
    }

    public static NpyArray ofBooleans(boolean[] data, int... shape) {
        return new NpyArray(NpyDtype.BOOL, shape, data);
    }

    public NpyDtype dtype() {
        return dtype;
    }

    /** A copy of the shape; an empty array for a 0-d (scalar) array. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions (0 for a scalar). */
    public int ndim() {
        return shape.length;
    }

    /** Number of elements: the product of the shape (1 for a 0-d array). */
    public int size() {
        return size;
    }

    /** Any dtype; int64 values beyond 2^53 are rounded, bool becomes 0.0/1.0. */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        switch (dtype) {
            case FLOAT64: return ((double[]) data).clone();
            case FLOAT32: { float[] a = (float[]) data; for (int i = 0; i < size; i++) out[i] = a[i]; break; }
            case INT32: { int[] a = (int[]) data; for (int i = 0; i < size; i++) out[i] = a[i]; break; }
            case INT64: { long[] a = (long[]) data; for (int i = 0; i < size; i++) out[i] = a[i]; break; }
            case INT8: { byte[] a = (byte[]) data; for (int i = 0; i < size; i++) out[i] = a[i]; break; }
            case UINT8: { byte[] a = (byte[]) data; for (int i = 0; i < size; i++) out[i] = a[i] & 0xff; break; }
            case BOOL: { boolean[] a = (boolean[]) data; for (int i = 0; i < size; i++) out[i] = a[i] ? 1 : 0; break; }
            default: throw new AssertionError(dtype);
        }
        return out;
    }

    /** float32, int8, uint8 and bool only: the types float holds exactly. */
    public float[] toFloatArray() {
        if (dtype == NpyDtype.FLOAT32) {
            return ((float[]) data).clone();
        }
        requireOneOf("toFloatArray", "use toDoubleArray() and narrow explicitly",
                NpyDtype.INT8, NpyDtype.UINT8, NpyDtype.BOOL);
        int[] ints = toIntArray();
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = ints[i];
        }
        return out;
    }

    /** int32, int8, uint8 and bool only (not floating types, not int64). */
    public int[] toIntArray() {
        int[] out = new int[size];
        switch (dtype) {
            case INT32: return ((int[]) data).clone();
            case INT8: { byte[] a = (byte[]) data; for (int i = 0; i < size; i++) out[i] = a[i]; break; }
            case UINT8: { byte[] a = (byte[]) data; for (int i = 0; i < size; i++) out[i] = a[i] & 0xff; break; }
            case BOOL: { boolean[] a = (boolean[]) data; for (int i = 0; i < size; i++) out[i] = a[i] ? 1 : 0; break; }
            default: throw lossy("toIntArray", "int32/int8/uint8/bool");
        }
        return out;
    }

    /** Any integer type or bool (not floating types). */
    public long[] toLongArray() {
        if (dtype == NpyDtype.INT64) {
            return ((long[]) data).clone();
        }
        if (dtype.isFloating()) {
            throw lossy("toLongArray", "int64/int32/int8/uint8/bool");
        }
        int[] ints = toIntArray();
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = ints[i];
        }
        return out;
    }

    /** int8 and uint8 (raw bit patterns: use toIntArray() for uint8 values 0..255) and bool (0/1). */
    public byte[] toByteArray() {
        if (dtype == NpyDtype.INT8 || dtype == NpyDtype.UINT8) {
            return ((byte[]) data).clone();
        }
        if (dtype == NpyDtype.BOOL) {
            boolean[] a = (boolean[]) data;
            byte[] out = new byte[size];
            for (int i = 0; i < size; i++) {
                out[i] = (byte) (a[i] ? 1 : 0);
            }
            return out;
        }
        throw lossy("toByteArray", "int8/uint8/bool");
    }

    /** bool only. */
    public boolean[] toBooleanArray() {
        if (dtype != NpyDtype.BOOL) {
            throw lossy("toBooleanArray", "bool");
        }
        return ((boolean[]) data).clone();
    }

    /** The backing array, without copying: for the codec only. */
    Object rawData() {
        return data;
    }

    private void requireOneOf(String method, String hint, NpyDtype... allowed) {
        for (NpyDtype t : allowed) {
            if (t == dtype) {
                return;
            }
        }
        throw new IllegalArgumentException(method + "() cannot convert " + dtype.numpyName()
                + " without loss: " + hint);
    }

    private IllegalArgumentException lossy(String method, String accepted) {
        return new IllegalArgumentException(method + "() cannot convert " + dtype.numpyName()
                + " without loss (accepts " + accepted + ")");
    }

    /** Product of the shape, checked for negative dimensions and for the Java array size limit. */
    static int checkedSize(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shapeString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + shapeString(shape)
                        + " has more elements than a Java array can hold");
            }
        }
        return (int) n;
    }

    /** NumPy-style shape text: "()", "(3,)", "(2, 3)". */
    static String shapeString(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]);
            sb.append(shape.length == 1 ? "," : (i + 1 < shape.length ? ", " : ""));
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NpyArray)) {
            return false;
        }
        NpyArray other = (NpyArray) o;
        return dtype == other.dtype && Arrays.equals(shape, other.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {other.data});
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {data}));
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.numpyName() + ", shape=" + shapeString(shape) + "]";
    }
}
