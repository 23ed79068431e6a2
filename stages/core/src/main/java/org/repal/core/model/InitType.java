package org.repal.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the recurrent weights W_hh start. The reference lists these types but always used kaiming (spec §10.1);
 * here every type is honoured. The type chooses W_hh only (for the GRU each H×H gate block on its own);
 * W_ih and b are always U(±1/√n_input) and the readout U(±1/√H), PyTorch's defaults, as in the reference.
 *
 * <ul>
 *   <li>{@code kaiming} (default): U(±1/√H), PyTorch's {@code kaiming_uniform_(a=√5)}, the reference's effective init;
 *   <li>{@code xavier}: U(±√(6/(fan_in + fan_out))) over the whole W_hh (fan_out = blocks·H);
 *   <li>{@code orthogonal}, {@code randortho}: a Haar-random orthogonal matrix (QR of a Gaussian matrix with
 *       the signs of R's diagonal folded in), the reference's randortho being the same thing;
 *   <li>{@code randgauss}: N(0, 0.1²);
 *   <li>{@code diag}: the identity.
 * </ul>
 */
public enum InitType {
    KAIMING("kaiming"), XAVIER("xavier"), ORTHOGONAL("orthogonal"), RANDORTHO("randortho"),
    RANDGAUSS("randgauss"), DIAG("diag");

    /** Standard deviation of randgauss. */
    public static final double GAUSS_SD = 0.1;

    private final String jsonName;

    InitType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /**
     * The init type with this name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    public static InitType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (InitType t : values()) {
            if (t.jsonName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown init type '" + name + "' (expected one of "
                + Arrays.stream(values()).map(InitType::jsonName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
