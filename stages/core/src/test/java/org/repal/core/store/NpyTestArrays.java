package org.repal.core.store;

/**
 * Arrays of every dtype with values given by simple formulas of the C-order index k, shared by the
 * Java-only tests and the NumPy cross-checks (whose Python scripts use the same formulas).
 */
final class NpyTestArrays {
    /** Python expression per dtype, over {@code k = np.arange(n)}; must match {@link #of}. */
    static final String PYTHON_FORMULAS = String.join("\n",
            "def values(name, n):",
            "    k = np.arange(n, dtype=np.int64)",
            "    return {",
            "        'float64': k * 0.5 - 3,",
            "        'float32': (k * 0.25 - 2).astype(np.float32),",
            "        'int32': (k * 100000 - 1200000).astype(np.int32),",
            "        'int64': (k - 12) * 2**40,",
            "        'int8': (k - 12).astype(np.int8),",
            "        'uint8': ((k * 11) % 256).astype(np.uint8),",
            "        'bool': k % 3 == 0,",
            "    }[name]",
            "");

    private NpyTestArrays() {
    }

    /** The array of the dtype with the given shape, values by the formulas above. */
    static NpyArray of(NpyDtype dtype, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        switch (dtype) {
            case FLOAT64: { double[] a = new double[n]; for (int k = 0; k < n; k++) a[k] = k * 0.5 - 3; return NpyArray.ofDoubles(a, shape); }
            case FLOAT32: { float[] a = new float[n]; for (int k = 0; k < n; k++) a[k] = k * 0.25f - 2; return NpyArray.ofFloats(a, shape); }
            case INT32: { int[] a = new int[n]; for (int k = 0; k < n; k++) a[k] = k * 100000 - 1200000; return NpyArray.ofInts(a, shape); }
            case INT64: { long[] a = new long[n]; for (int k = 0; k < n; k++) a[k] = (k - 12L) << 40; return NpyArray.ofLongs(a, shape); }
            case INT8: { byte[] a = new byte[n]; for (int k = 0; k < n; k++) a[k] = (byte) (k - 12); return NpyArray.ofBytes(a, shape); }
            case UINT8: { byte[] a = new byte[n]; for (int k = 0; k < n; k++) a[k] = (byte) ((k * 11) % 256); return NpyArray.ofUnsignedBytes(a, shape); }
            case BOOL: { boolean[] a = new boolean[n]; for (int k = 0; k < n; k++) a[k] = k % 3 == 0; return NpyArray.ofBooleans(a, shape); }
            default: throw new AssertionError(dtype);
        }
    }
}
