package org.repal.core.report;

/**
 * Switches AWT to headless mode before any chart class touches it: figures are drawn into images and SVG
 * documents, never onto a screen, and a stage pod has no display. The property is read once, when AWT's
 * graphics environment starts, so {@link #ensure()} must run before the first colour, font or image is made;
 * every class of this package that makes AWT objects calls it from its static initialiser, before anything else.
 */
final class Headless {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Headless() {
    }

    /** Sets {@code java.awt.headless=true} (once, when this class initialises). */
    static void ensure() {
        // the static initialiser did the work
    }
}
