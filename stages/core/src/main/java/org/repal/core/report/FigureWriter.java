package org.repal.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Writes a {@link Figure} as {@code <name>.png} and {@code <name>.svg} into a folder, each file atomically. */
public final class FigureWriter {

    private FigureWriter() {
    }

    /**
     * Writes both renderings of {@code figure} into {@code folder} (created if missing), replacing older files of
     * the same name. Each file appears complete or not at all (temp file in the folder, then rename).
     *
     * @return the PNG and SVG paths, in that order
     */
    public static List<Path> write(Figure figure, Path folder) throws IOException {
        Path png = folder.resolve(figure.pngFileName());
        Path svg = folder.resolve(figure.svgFileName());
        AtomicFiles.write(png, figure.png());
        AtomicFiles.write(svg, figure.svg().getBytes(StandardCharsets.UTF_8));
        return List.of(png, svg);
    }
}
