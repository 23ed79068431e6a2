package org.repal.core.report;

/** The verdict on a claim of the paper at the scale of a run, as shown in the report's claim blocks. */
public enum Verdict {
    /** The data support the claim. */
    HOLDS("HOLDS", "#1a7f37", "#e9f6ec"),
    /** The data contradict the claim. */
    DOES_NOT_HOLD("DOES NOT HOLD", "#b42318", "#fdecea"),
    /** Too few models survived (e.g. the quick profile) to decide. */
    NOT_ENOUGH_MODELS("NOT ENOUGH MODELS AT THIS SCALE", "#8a5a00", "#fff4d6");

    private final String label;
    private final String colour;
    private final String background;

    Verdict(String label, String colour, String background) {
        this.label = label;
        this.colour = colour;
        this.background = background;
    }

    /** The words shown, e.g. "DOES NOT HOLD". */
    public String label() {
        return label;
    }

    /** Its colour as CSS hex. */
    public String colour() {
        return colour;
    }

    /** The light background of its block, CSS hex. */
    public String background() {
        return background;
    }
}
