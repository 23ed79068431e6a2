package org.repal.core.store;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The NumPy element types this codec supports; {@link #descr()} is the little-endian form we write. */
public enum NpyDtype {
    FLOAT32('f', 4, "float32"),
    FLOAT64('f', 8, "float64"),
    INT8('i', 1, "int8"),
    INT32('i', 4, "int32"),
    INT64('i', 8, "int64"),
    UINT8('u', 1, "uint8"),
    BOOL('b', 1, "bool");

    private final char kind;
    private final int itemSize;
    private final String numpyName;

    NpyDtype(char kind, int itemSize, String numpyName) {
        this.kind = kind;
        this.itemSize = itemSize;
        this.numpyName = numpyName;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** NumPy's name, e.g. "float64". */
    public String numpyName() {
        return numpyName;
    }

    /** The descr string written to headers: '|' for single bytes, '<' (little-endian) otherwise. */
    public String descr() {
        return (itemSize == 1 ? "|" : "<") + kind + itemSize;
    }

    /** True for FLOAT32 and FLOAT64. */
    public boolean isFloating() {
        return kind == 'f';
    }

    /** A parsed descr: the element type plus the byte order of the stored data. */
    record Parsed(NpyDtype dtype, ByteOrder order) {
    }

    /** Slash-separated list of supported names, for error messages. */
    static String supportedNames() {
        return Arrays.stream(values()).map(NpyDtype::numpyName).collect(Collectors.joining("/"));
    }

    /**
     * Parses a descr such as "<f8", ">i4", "|u1" or "=f4".
     *
     * @return null when the descr is not one of the supported simple types
     */
    static Parsed parse(String descr) {
        if (descr == null || descr.length() < 3) {
            return null;
        }
        char orderChar = descr.charAt(0);
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            return null;
        }
        for (NpyDtype t : values()) {
            if (t.kind == kind && t.itemSize == size) {
                ByteOrder order;
                switch (orderChar) {
                    case '<': order = ByteOrder.LITTLE_ENDIAN; break;
                    case '>': order = ByteOrder.BIG_ENDIAN; break;
                    case '=': order = ByteOrder.nativeOrder(); break;
                    case '|':
                        if (size != 1) {
                            return null; // '|' (not applicable) only makes sense for 1-byte types
                        }
                        order = ByteOrder.LITTLE_ENDIAN;
                        break;
                    default: return null;
                }
                return new Parsed(t, order);
            }
        }
        return null;
    }
}
