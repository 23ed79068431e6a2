package org.repal.core.task;

import java.util.Set;
import org.repal.core.store.NpyArray;
import org.repal.core.store.NpyDtype;

/**
 * The element types of a split's arrays as {@code repal generate} writes them, checked before they are read so a
 * foreign or hand-edited file is named with the dtype it should have, rather than failing in a conversion.
 */
public final class DatasetDtypes {
    private DatasetDtypes() {
    }

    /**
     * @param where the split's location ending in '/' (e.g. {@code data/Task/train/})
     * @throws IllegalArgumentException naming the file, its dtype and the expected one
     */
    public static void require(String where, NpyArray inputs, NpyArray targets, NpyArray masks) {
        check(where + "inputs.npy", inputs, Set.of(NpyDtype.FLOAT32), "float32");
        check(where + "targets.npy", targets, Set.of(NpyDtype.INT8, NpyDtype.UINT8), "int8 labels");
        check(where + "masks.npy", masks, Set.of(NpyDtype.BOOL), "bool");
    }

    private static void check(String file, NpyArray a, Set<NpyDtype> allowed, String expected) {
        if (!allowed.contains(a.dtype())) {
            throw new IllegalArgumentException(file + ": dtype " + a.dtype().numpyName() + ", expected " + expected
                    + " (as repal generate writes it)");
        }
    }
}
