package org.repal.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Heatmap edge cases: NaN cells, all-NaN and constant matrices, the upper triangle, label checks. */
class HeatmapChartTest {

    private static final List<String> L3 = List.of("a", "b", "c");

    @Test
    void nanCellsAreGreyAndLabelled() throws Exception {
        double[][] m = {{0, 0.5, Double.NaN}, {0.5, 0, 0.2}, {Double.NaN, 0.2, 0}};
        Figure f = HeatmapChart.render("nan", "with NaN", "", m, L3, L3, false);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.png()));
        assertNotNull(image);
        assertTrue(f.svg().contains(">NaN<"), "NaN cells carry the text NaN");
        assertTrue(f.svg().contains(">0.50<"), "values are written with two decimals");
        // the grey of missing values is drawn somewhere
        String grey = "rgb(" + ColourScale.MISSING.getRed() + "," + ColourScale.MISSING.getGreen() + ","
                + ColourScale.MISSING.getBlue() + ")";
        assertTrue(f.svg().contains(grey), "grey cell expected");
    }

    @Test
    void allNanAndConstantMatricesRender() {
        double[][] nan = new double[3][3];
        for (double[] row : nan) {
            Arrays.fill(row, Double.NaN);
        }
        assertNotNull(HeatmapChart.render("allnan", "", "", nan, L3, L3, true));
        double[][] constant = {{0.3, 0.3, 0.3}, {0.3, 0.3, 0.3}, {0.3, 0.3, 0.3}};
        assertNotNull(HeatmapChart.render("const", "", "", constant, L3, L3, false));
    }

    @Test
    void upperTriangleLeavesTheLowerCellsOut() {
        // values no tick label of the 0…10 colour legend can print (ticks are multiples of 0.5 or more)
        double[][] m = {{1.11, 1.23, 1.37}, {2.13, 2.29, 2.31}, {3.17, 3.19, 3.41}};
        String full = HeatmapChart.render("full", "", "", m, L3, L3, false, 0, 10, "").svg();
        String upper = HeatmapChart.render("upper", "", "", m, L3, L3, true, 0, 10, "").svg();
        for (String v : List.of("1.11", "1.23", "1.37", "2.13", "2.29", "2.31", "3.17", "3.19", "3.41")) {
            assertTrue(full.contains(">" + v + "<"), v);
        }
        for (String v : List.of("1.11", "1.23", "1.37", "2.29", "2.31", "3.41")) {
            assertTrue(upper.contains(">" + v + "<"), v);
        }
        for (String v : List.of("2.13", "3.17", "3.19")) {
            assertFalse(upper.contains(">" + v + "<"), v);
        }
        assertNotEquals(full.length(), upper.length());
    }

    @Test
    void givenRangeAndRectangularMatrices() {
        double[][] m = {{0.1, 0.2, 0.3, 0.4}, {0.5, 0.6, 0.7, 0.8}};
        Figure f = HeatmapChart.render("rect", "2x4", "", m, List.of("r1", "r2"), List.of("c1", "c2", "c3", "c4"),
                false, 0, 1, "dissimilarity");
        assertTrue(f.svg().contains(">dissimilarity<"), "colour legend label, kept as SVG text although rotated");
        for (String label : List.of("r1", "r2", "c1", "c4", "0.80")) {
            assertTrue(f.svg().contains(">" + label + "<"), label);
        }
    }

    @Test
    void largeMatricesStayAReasonableSize() throws Exception {
        int n = 300;
        double[][] m = new double[n][n];
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.add("model " + i);
            for (int j = 0; j < n; j++) {
                m[i][j] = Math.abs(i - j) / (double) n;
            }
        }
        Figure f = HeatmapChart.render("big", "all models", "", m, labels, labels, false);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.png()));
        assertTrue(image.getWidth() < 1200 && image.getHeight() < 1200, image.getWidth() + "x" + image.getHeight());
        assertFalse(f.svg().contains(">model 7<"), "labels of a 300-row matrix are left out");
    }

    @Test
    void labelCountsMustMatch() {
        double[][] m = {{0, 1}, {1, 0}};
        assertThrows(IllegalArgumentException.class, () -> HeatmapChart.render("x", "", "", m, L3, L3, false));
        assertThrows(IllegalArgumentException.class,
                () -> HeatmapChart.render("x", "", "", new double[][] {{0, 1}, {1}}, List.of("a", "b"),
                        List.of("a", "b"), false));
    }

    @Test
    void colourScaleEndsAndText() {
        ColourScale s = new ColourScale(0, 1);
        assertEquals(ColourScale.MISSING, s.colour(Double.NaN));
        assertEquals(s.colour(0), s.colour(-5));
        assertEquals(s.colour(1), s.colour(7));
        assertEquals(java.awt.Color.WHITE, ColourScale.textOn(s.colour(0))); // dark low end
        assertEquals(java.awt.Color.BLACK, ColourScale.textOn(s.colour(1))); // bright high end
        assertThrows(IllegalArgumentException.class, () -> new ColourScale(1, 1));
    }
}
