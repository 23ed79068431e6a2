package org.repal.core.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A dense row-major matrix held by ND4J (an array or a contiguous view of one) together with its native
 * pointer, so that BLAS calls reach the memory directly and element-wise ND4J ops run on the same array.
 * Views are built once (per batch shape), never inside time loops.
 */
public final class Mat {
    /** The whole allocation, rank 1; every view is cut from it directly (ND4J M2.1 returns arrays without
     * data for some row ranges of views of views, e.g. the last row block of a reshaped view). */
    private final INDArray root;
    private final long offset;
    private final INDArray array;
    private final Pointer pointer;
    private final int rows;
    private final int cols;
    private final boolean isDouble;
    private FloatBuffer floats;
    private DoubleBuffer doubles;

    private Mat(INDArray root, long offset, int rows, int cols) {
        this.root = root;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        long n = (long) rows * cols;
        this.array = offset == 0 && n == root.length() ? root.reshape('c', new long[] {rows, cols})
                : root.get(NDArrayIndex.interval(offset, offset + n)).reshape('c', new long[] {rows, cols});
        if (array.data() == null || array.ordering() != 'c' || array.elementWiseStride() != 1) {
            throw new IllegalStateException("ND4J did not return a contiguous view");
        }
        DataType type = array.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("Mat holds float32 or float64, not " + type);
        }
        this.isDouble = type == DataType.DOUBLE;
        // For views ND4J's address pointer already starts at the view's first element.
        Pointer base = array.data().addressPointer();
        this.pointer = isDouble ? new DoublePointer(base) : new FloatPointer(base);
    }

    /** A zero-filled rows × cols matrix of the given type (FLOAT or DOUBLE). */
    public static Mat zeros(DataType type, int rows, int cols) {
        return new Mat(Nd4j.create(type, new long[] {(long) rows * cols}, 'c'), 0, rows, cols);
    }

    /** Rows {@code [start, start + count)}: a view sharing this matrix's memory. */
    public Mat rowBlock(int start, int count) {
        if (start < 0 || count < 1 || start + count > rows) {
            throw new IndexOutOfBoundsException("rows " + start + "+" + count + " of " + rows);
        }
        return new Mat(root, offset + (long) start * cols, count, cols);
    }

    /** The {@code rows·cols} contiguous elements from {@code offset}, viewed as a rows × cols matrix. */
    public Mat span(long start, int rows, int cols) {
        long n = (long) rows * cols;
        if (start < 0 || n < 1 || start + n > size()) {
            throw new IndexOutOfBoundsException("span " + start + "+" + n + " of " + size());
        }
        return new Mat(root, offset + start, rows, cols);
    }

    public INDArray array() {
        return array;
    }

    Pointer pointer() {
        return pointer;
    }

    FloatPointer floatPointer() {
        return (FloatPointer) pointer;
    }

    DoublePointer doublePointer() {
        return (DoublePointer) pointer;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public long size() {
        return (long) rows * cols;
    }

    public boolean isDouble() {
        return isDouble;
    }

    public DataType dataType() {
        return isDouble ? DataType.DOUBLE : DataType.FLOAT;
    }

    /** Element {@code i} in row-major order. */
    public double get(long i) {
        return isDouble ? doubles().get((int) i) : floats().get((int) i);
    }

    public double get(int row, int col) {
        return get((long) row * cols + col);
    }

    public void set(long i, double v) {
        if (isDouble) {
            doubles().put((int) i, v);
        } else {
            floats().put((int) i, (float) v);
        }
    }

    public void set(int row, int col, double v) {
        set((long) row * cols + col, v);
    }

    /**
     * Makes the host copy current before Java reads it (on the CUDA backend ND4J's ops write the device copy; on
     * the CPU backend there is one copy and this does nothing).
     */
    public void syncToHost() {
        Nd4j.getAffinityManager().ensureLocation(root, AffinityManager.Location.HOST);
    }

    /** Tells ND4J that Java wrote the host copy, so its next op on the device copies it over first. */
    public void hostWritten() {
        Nd4j.getAffinityManager().tagLocation(root, AffinityManager.Location.HOST);
    }

    /** A copy of the elements in row-major order (read from a current host copy). */
    public double[] toDoubles() {
        syncToHost();
        double[] out = new double[Math.toIntExact(size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** Copies {@code values} (row-major, length rows·cols) into this matrix, rounding for float32. */
    public void setAll(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException("expected " + size() + " values, got " + values.length);
        }
        syncToHost();
        for (int i = 0; i < values.length; i++) {
            set(i, values[i]);
        }
        hostWritten();
    }

    /** The elements as a float buffer (float32 matrices only); no copy. */
    public FloatBuffer floats() {
        if (floats == null) {
            int n = Math.toIntExact(size());
            floats = new FloatPointer(pointer).position(0).limit(n).capacity(n).asBuffer();
        }
        return floats;
    }

    /** The elements as a double buffer (float64 matrices only); no copy. */
    public DoubleBuffer doubles() {
        if (doubles == null) {
            int n = Math.toIntExact(size());
            doubles = new DoublePointer(pointer).position(0).limit(n).capacity(n).asBuffer();
        }
        return doubles;
    }
}
