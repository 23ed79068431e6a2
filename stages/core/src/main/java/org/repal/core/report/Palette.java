package org.repal.core.report;

import java.awt.Color;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Colours for groups, series and models: ten well-separated categorical colours (the order readers of
 * matplotlib figures know), reused cyclically. Colours are assigned by position, so callers that pass groups in
 * one fixed order get the same colour per group in every figure.
 */
final class Palette {

    static {
        Headless.ensure();
    }

    private static final int[] RGB = {
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    };

    private Palette() {
    }

    /** Colour number {@code i} (cycling after ten). */
    static Color colour(int i) {
        return new Color(RGB[Math.floorMod(i, RGB.length)]);
    }

    /** One colour per distinct label, in the order the labels first appear (same label, same colour). */
    static Map<String, Color> byLabel(Collection<String> labels) {
        Map<String, Color> colours = new LinkedHashMap<>();
        for (String label : labels) {
            if (!colours.containsKey(label)) {
                colours.put(label, colour(colours.size()));
            }
        }
        return colours;
    }
}
