package org.repal.core.activity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which weights of a trained model: {@code final} (final.npz), {@code initial} (before any training),
 * {@code pretrained} (pretrain.npz, after the pretraining phase) or a per-epoch checkpoint
 * {@code <phase>_epoch_<k>} ({@code phase} = pretrain | train, as under {@code checkpoints/}).
 */
public record Snapshot(Kind kind, String phase, int epoch) {
    private static final Pattern CHECKPOINT = Pattern.compile("(pretrain|train)_epoch_(\\d+)");

    public enum Kind { INITIAL, PRETRAINED, CHECKPOINT, FINAL }

    public static final Snapshot FINAL = new Snapshot(Kind.FINAL, null, -1);
    public static final Snapshot INITIAL = new Snapshot(Kind.INITIAL, null, -1);
    public static final Snapshot PRETRAINED = new Snapshot(Kind.PRETRAINED, null, -1);

    public Snapshot {
        if (kind == Kind.CHECKPOINT) {
            if (!"pretrain".equals(phase) && !"train".equals(phase) || epoch < 0) {
                throw new IllegalArgumentException("checkpoint " + phase + "_epoch_" + epoch
                        + ": phase must be pretrain or train, epoch >= 0");
            }
        } else {
            phase = null;
            epoch = -1;
        }
    }

    /** The checkpoint written after epoch {@code epoch} (0-based) of the phase. */
    public static Snapshot checkpoint(String phase, int epoch) {
        return new Snapshot(Kind.CHECKPOINT, phase, epoch);
    }

    /** {@code final}, {@code initial}, {@code pretrained} or {@code <phase>_epoch_<k>}. */
    public String name() {
        return switch (kind) {
            case FINAL -> "final";
            case INITIAL -> "initial";
            case PRETRAINED -> "pretrained";
            case CHECKPOINT -> phase + "_epoch_" + epoch;
        };
    }

    /** The inverse of {@link #name()}. */
    public static Snapshot parse(String name) {
        String n = name == null ? "" : name.trim();
        switch (n) {
            case "final":
                return FINAL;
            case "initial":
                return INITIAL;
            case "pretrained":
                return PRETRAINED;
            default:
                Matcher m = CHECKPOINT.matcher(n);
                if (m.matches()) {
                    return checkpoint(m.group(1), Integer.parseInt(m.group(2)));
                }
                throw new IllegalArgumentException("unknown snapshot '" + name + "' (expected final, initial,"
                        + " pretrained or <pretrain|train>_epoch_<k>)");
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
