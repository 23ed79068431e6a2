package org.repal.core.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.ArtifactIntegrityException;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.VerifyingArtifactStore;

/**
 * One activity array in a store: {@code <key>.npy} (float64, (trials, time, units)) and then {@code <key>.json},
 * the {@link ActivityInfo} plus the .npy's size and SHA-256. Each file is one atomic store write and the sidecar
 * comes last, so an activity counts only when its sidecar parses and names the .npy's exact size and hash: a
 * writer killed in between leaves nothing that reads as complete.
 */
public final class ActivityArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActivityArtifacts() {
    }

    /** A stored activity. */
    public record Stored(ActivityInfo info, Activity activity) {
    }

    /**
     * The conventional key of a recording (no extension): {@code <group>/<model-name>/<snapshot>}, with
     * {@code .<units>} when the units are not the architecture's default ({@code .mamba_stream},
     * {@code .mamba_ssm_l1}, {@code .refconv}) and {@code .reference_compat} for the reference's window.
     */
    public static String key(ActivityInfo info) {
        StringBuilder k = new StringBuilder(info.model()).append('/').append(info.snapshot());
        Units u = info.units();
        boolean defaultUnits = u.kind() == Units.Kind.RNN_HIDDEN || u.kind() == Units.Kind.MAMBA_SSM && u.layer() == 0;
        if (!defaultUnits) {
            k.append('.').append(u.kind().jsonName());
            if (u.kind() == Units.Kind.MAMBA_SSM) {
                k.append("_l").append(u.layer());
            }
        }
        if (u.referenceCompatConv()) {
            k.append(".refconv");
        }
        if (info.window().mode() != WindowMode.STIMULUS_AFTER_500MS) {
            k.append('.').append(info.window().mode().jsonName());
        }
        return k.toString();
    }

    /**
     * Writes the activity under {@code key + ".npy"} and its sidecar {@code key + ".json"} (last).
     *
     * @throws IllegalArgumentException when the activity's shape does not match the info or it is not finite
     */
    public static void write(ArtifactStore store, String key, ActivityInfo info, Activity activity) {
        if (!Arrays.equals(info.shape(), activity.shape())) {
            throw new IllegalArgumentException("activity shape " + Arrays.toString(activity.shape())
                    + " does not match its info " + Arrays.toString(info.shape()));
        }
        activity.requireFinite(store.location() + "/" + key + ".npy");
        ArtifactInfo npy = store.putNpy(key + ".npy", activity.toNpy());
        ObjectNode meta = info.toJson();
        meta.put("npy_size", npy.size());
        meta.put("npy_sha256", npy.sha256());
        store.putJson(key + ".json", meta);
    }

    /** The complete activity under {@code key}, or empty when it is missing or incomplete. */
    public static Optional<Stored> find(ArtifactStore store, String key) {
        JsonNode meta;
        try {
            meta = JSON.readTree(store.get(key + ".json"));
        } catch (IOException | ArtifactStoreException e) {
            return Optional.empty();
        }
        Optional<ArtifactInfo> npy = store.stat(key + ".npy");
        if (meta == null || npy.isEmpty() || npy.get().size() != meta.path("npy_size").asLong()
                || !npy.get().sha256().equals(meta.path("npy_sha256").asText())) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(store, key, meta));
        } catch (ArtifactIntegrityException e) {
            return Optional.empty(); // changed since its sidecar was written: recorded again by the caller
        }
    }

    /**
     * The complete activity under {@code key}.
     *
     * @throws IllegalArgumentException naming the file when it is missing, incomplete or inconsistent
     */
    public static Stored read(ArtifactStore store, String key) {
        return find(store, key).orElseThrow(() -> new IllegalArgumentException(store.location() + "/" + key
                + ".json: no complete activity (missing, or the sidecar does not match the .npy)"));
    }

    private static Stored read(ArtifactStore store, String key, JsonNode meta) {
        String where = store.location() + "/" + key;
        ActivityInfo info;
        try {
            info = ActivityInfo.fromJson(meta);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ".json: " + e.getMessage(), e);
        }
        Activity a;
        try {
            // Hashed as it loads and compared with the sidecar's record (stat above trusts the store's record).
            ArtifactStore checked = new VerifyingArtifactStore(store,
                    java.util.Map.of(key + ".npy", meta.path("npy_sha256").asText()), where + ".json");
            a = Activity.fromNpy(checked.getNpy(key + ".npy"), where + ".npy");
        } catch (ArtifactIntegrityException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ".npy: " + e.getMessage(), e);
        }
        if (!Arrays.equals(info.shape(), a.shape())) {
            throw new IllegalArgumentException(where + ".npy: shape " + Arrays.toString(a.shape())
                    + " differs from the sidecar's " + Arrays.toString(info.shape()));
        }
        return new Stored(info, a);
    }
}
