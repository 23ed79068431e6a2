package org.repal.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the codec against real numpy, both ways, with values from {@link NpyTestArrays}. */
class NumpyInteropTest {
    private static final String[] DTYPES = {"float64", "float32", "int32", "int64", "int8", "uint8", "bool"};

    @TempDir
    Path dir;

    @BeforeEach
    void needsNumpy() {
        NumpyPython.assumeAvailable();
    }

    private static NpyDtype dtype(String numpyName) {
        for (NpyDtype t : NpyDtype.values()) {
            if (t.numpyName().equals(numpyName)) {
                return t;
            }
        }
        throw new AssertionError(numpyName);
    }

    @Test
    void javaReadsWhatNumpyWrites() throws IOException {
        String script = "import sys, numpy as np\n" + NpyTestArrays.PYTHON_FORMULAS
                + "d = sys.argv[1]\n"
                + "arrays = {}\n"
                + "for name in " + pyList() + ":\n"
                + "    a = values(name, 24).reshape(2, 3, 4)\n"
                + "    arrays[name] = a\n"
                + "    np.save(f'{d}/{name}_c.npy', a)\n"
                + "    np.save(f'{d}/{name}_f.npy', np.asfortranarray(a))\n"
                + "    be = a.astype(a.dtype.newbyteorder('>'))\n"
                + "    np.save(f'{d}/{name}_be.npy', be)\n"
                + "    np.save(f'{d}/{name}_fbe.npy', np.asfortranarray(be))\n"
                + "    np.lib.format.write_array(open(f'{d}/{name}_v2.npy', 'wb'), a, version=(2, 0))\n"
                + "    np.lib.format.write_array(open(f'{d}/{name}_v3.npy', 'wb'), a, version=(3, 0))\n"
                + "np.save(f'{d}/scalar.npy', np.array(3.25))\n"
                + "np.save(f'{d}/empty.npy', np.zeros((0, 3), dtype=np.float32))\n"
                + "np.save(f'{d}/special.npy', np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324, 1.7976931348623157e308]))\n"
                + "np.save(f'{d}/fortran2d.npy', np.asfortranarray(np.arange(12.0).reshape(3, 4)))\n"
                + "np.savez(f'{d}/stored.npz', **arrays)\n"
                + "np.savez_compressed(f'{d}/compressed.npz', **arrays)\n"
                + "print('ok')\n";
        NumpyPython.runScript(dir, script, dir.toString());

        for (String name : DTYPES) {
            NpyArray expected = NpyTestArrays.of(dtype(name), 2, 3, 4);
            for (String variant : new String[] {"c", "f", "be", "fbe", "v2", "v3"}) {
                assertEquals(expected, Npy.read(dir.resolve(name + "_" + variant + ".npy")), name + "_" + variant);
            }
        }
        NpyArray scalar = Npy.read(dir.resolve("scalar.npy"));
        assertEquals(0, scalar.ndim());
        assertArrayEquals(new double[] {3.25}, scalar.toDoubleArray());
        NpyArray empty = Npy.read(dir.resolve("empty.npy"));
        assertArrayEquals(new int[] {0, 3}, empty.shape());
        assertEquals(NpyDtype.FLOAT32, empty.dtype());
        double[] special = Npy.read(dir.resolve("special.npy")).toDoubleArray();
        assertTrue(Double.isNaN(special[0]));
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                Double.MIN_VALUE, Double.MAX_VALUE}, java.util.Arrays.copyOfRange(special, 1, 6));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(special[3]));
        NpyArray f2 = Npy.read(dir.resolve("fortran2d.npy"));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, f2.toDoubleArray());

        for (String npz : new String[] {"stored.npz", "compressed.npz"}) {
            LinkedHashMap<String, NpyArray> fromFile = Npz.read(dir.resolve(npz));
            LinkedHashMap<String, NpyArray> fromStream = Npz.read(java.nio.file.Files.readAllBytes(dir.resolve(npz)));
            assertEquals(fromFile, fromStream, npz);
            assertEquals(DTYPES.length, fromFile.size(), npz);
            for (String name : DTYPES) {
                assertEquals(NpyTestArrays.of(dtype(name), 2, 3, 4), fromFile.get(name), npz + ":" + name);
            }
        }
    }

    @Test
    void numpyReadsWhatJavaWrites() throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (String name : DTYPES) {
            NpyArray a = NpyTestArrays.of(dtype(name), 2, 3, 4);
            arrays.put(name, a);
            Npy.write(a, dir.resolve(name + "_c.npy"));
            java.nio.file.Files.write(dir.resolve(name + "_f.npy"), Npy.toBytes(a, true));
        }
        Npy.write(NpyArray.ofDoubles(new double[] {3.25}), dir.resolve("scalar.npy"));
        Npy.write(NpyTestArrays.of(NpyDtype.INT64, 4, 0), dir.resolve("empty.npy"));
        Npz.write(arrays, dir.resolve("stored.npz"), false);
        Npz.write(arrays, dir.resolve("compressed.npz"), true);

        String script = "import sys, zipfile, numpy as np\n" + NpyTestArrays.PYTHON_FORMULAS
                + "d = sys.argv[1]\n"
                + "def check(cond, what):\n"
                + "    if not cond:\n"
                + "        print('MISMATCH: ' + what); sys.exit(1)\n"
                + "for name in " + pyList() + ":\n"
                + "    want = values(name, 24).reshape(2, 3, 4)\n"
                + "    for order in ('c', 'f'):\n"
                + "        a = np.load(f'{d}/{name}_{order}.npy')\n"
                + "        check(a.dtype == want.dtype, f'{name}_{order} dtype {a.dtype}')\n"
                + "        check(a.shape == (2, 3, 4), f'{name}_{order} shape {a.shape}')\n"
                + "        check(np.array_equal(a, want), f'{name}_{order} values {a.ravel()}')\n"
                + "        check(a.flags.f_contiguous == (order == 'f'), f'{name}_{order} layout')\n"
                + "s = np.load(f'{d}/scalar.npy')\n"
                + "check(s.shape == () and s.dtype == np.float64 and s == 3.25, f'scalar {s!r}')\n"
                + "e = np.load(f'{d}/empty.npy')\n"
                + "check(e.shape == (4, 0) and e.dtype == np.int64, f'empty {e!r}')\n"
                + "for npz, method in (('stored.npz', zipfile.ZIP_STORED), ('compressed.npz', zipfile.ZIP_DEFLATED)):\n"
                + "    check(all(i.compress_type == method for i in zipfile.ZipFile(f'{d}/{npz}').infolist()), npz + ' method')\n"
                + "    with np.load(f'{d}/{npz}') as z:\n"
                + "        check(list(z.keys()) == " + pyList() + ", f'{npz} keys {list(z.keys())}')\n"
                + "        for name in z.keys():\n"
                + "            check(np.array_equal(z[name], values(name, 24).reshape(2, 3, 4)), f'{npz}:{name}')\n"
                + "            check(z[name].dtype == values(name, 1).dtype, f'{npz}:{name} dtype')\n"
                + "print('ok')\n";
        String out = NumpyPython.runScript(dir, script, dir.toString());
        assertTrue(out.contains("ok"), out);
    }

    private static String pyList() {
        StringBuilder sb = new StringBuilder("[");
        for (String name : DTYPES) {
            sb.append('\'').append(name).append("', ");
        }
        return sb.append(']').toString();
    }
}
