package org.repal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.repal.core.metric.Trajectories;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;

/** Loads activity arrays given on the command line, with errors that name the file. */
final class InputArrays {

    private InputArrays() {
    }

    static Trajectories load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        NpyArray array;
        try {
            array = Npy.read(file);
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new IllegalArgumentException(m.startsWith(file.toString()) || m.contains(file.getFileName().toString())
                    ? m : file + ": " + m, e);
        }
        int[] shape = array.shape();
        if (shape.length != 2 && shape.length != 3) {
            throw new IllegalArgumentException(file + ": expected 2 dimensions (time, neurons) or 3 (trials, time, "
                    + "neurons), got " + shape.length + " " + java.util.Arrays.toString(shape));
        }
        switch (array.dtype()) {
            case FLOAT32, FLOAT64 -> { }
            default -> throw new IllegalArgumentException(file + ": expected float32 or float64 data, got "
                    + array.dtype());
        }
        try {
            return Trajectories.of(array.toDoubleArray(), shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
