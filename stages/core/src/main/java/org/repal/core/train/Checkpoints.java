package org.repal.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repal.core.model.Mat;
import org.repal.core.model.ModelConfig;
import org.repal.core.model.ModelParameters;
import org.repal.core.store.ArtifactInfo;
import org.repal.core.store.ArtifactIntegrityException;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.store.NpyArray;
import org.repal.core.store.VerifyingArtifactStore;

/**
 * Per-epoch checkpoints of a run under {@code <run>/checkpoints/}: {@code <phase>_epoch_<k>.npz} (the named
 * weights as in final.npz plus Adam's {@code adam.m}, {@code adam.v}, {@code adam.step}) and then
 * {@code <phase>_epoch_<k>.json}, which records the .npz's size and SHA-256 and the log so far. Each file is
 * one atomic store write, and the JSON is written last: a checkpoint counts only when its JSON parses and the
 * .npz it names has exactly that hash, so a run killed at any point (kill -9 included) resumes from the last
 * complete checkpoint and never from a half-written one.
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("checkpoints/(pretrain|train)_epoch_(\\d+)\\.json");

    private final ArtifactStore store;
    private final String run;

    /** {@code run} is the run's key prefix, e.g. {@code master/leaky_rnn_relu_128_0.001_64_kaiming/}. */
    public Checkpoints(ArtifactStore store, String run) {
        this.store = store;
        this.run = run;
    }

    /** A restorable training state. */
    public record Checkpoint(String phase, int epoch, boolean phaseComplete, ModelParameters weights,
                             double[] adamFirst, double[] adamSecond, long adamStep, List<EpochRecord> log) {
    }

    public static String key(String phase, int epoch, String ext) {
        return "checkpoints/" + phase + "_epoch_" + epoch + "." + ext;
    }

    /** Writes the checkpoint of a finished epoch (weights, Adam state, log). */
    public void save(String phase, int epoch, boolean phaseComplete, ModelParameters weights, Adam adam,
                     List<EpochRecord> log) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>(weights.toArrays());
        arrays.put("adam.m", vector(adam.firstMoments()));
        arrays.put("adam.v", vector(adam.secondMoments()));
        arrays.put("adam.step", NpyArray.ofLongs(new long[] {adam.step()}, 1));
        ArtifactInfo npz = store.putNpz(run + key(phase, epoch, "npz"), arrays);
        ObjectNode meta = JSON.createObjectNode();
        meta.put("phase", phase);
        meta.put("epoch", epoch);
        meta.put("phase_complete", phaseComplete);
        meta.put("npz_size", npz.size());
        meta.put("npz_sha256", npz.sha256());
        ArrayNode epochs = meta.putArray("log");
        log.forEach(r -> epochs.add(r.toJson()));
        store.putJson(run + key(phase, epoch, "json"), meta);
    }

    private static NpyArray vector(Mat m) {
        double[] v = m.toDoubles();
        if (m.isDouble()) {
            return NpyArray.ofDoubles(v, v.length);
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return NpyArray.ofFloats(f, f.length);
    }

    /** A checkpoint's place in training: its phase ({@code pretrain} or {@code train}) and epoch. */
    public record Id(String phase, int epoch) {
        /** Training order: every pretrain epoch before every train epoch. */
        int order() {
            return phase.equals("train") ? 1 : 0;
        }
    }

    /** The latest complete checkpoint (train after pretrain, then by epoch), if any. */
    public Optional<Checkpoint> latest(ModelConfig config, org.nd4j.linalg.api.buffer.DataType type) {
        List<Id> found = listed();
        for (int i = found.size() - 1; i >= 0; i--) {
            Optional<Checkpoint> c = read(found.get(i).phase(), found.get(i).epoch(), config, type);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /**
     * Copies another run's complete pretraining checkpoints (same model config and pretraining rules, so the same
     * bytes this run would compute: the weights start from the config's seed and the batch order depends only on the
     * seed, phase, epoch and task) into this run, each .npz before its .json as {@link #save} writes them. Returns
     * how many were copied; 0 when the donor's pretraining is not complete.
     */
    public int adoptPretraining(String donorRun) {
        Checkpoints donor = new Checkpoints(store, donorRun);
        List<Id> pre = donor.complete().stream().filter(id -> id.phase().equals("pretrain")).toList();
        if (pre.isEmpty() || !donor.verifiedMeta("pretrain", pre.get(pre.size() - 1).epoch())
                .map(m -> m.path("phase_complete").asBoolean(false)).orElse(false)) {
            return 0;
        }
        for (Id id : pre) {
            for (String ext : new String[] {"npz", "json"}) {
                store.put(run + key(id.phase(), id.epoch(), ext), store.get(donorRun + key(id.phase(), id.epoch(), ext)));
            }
        }
        return pre.size();
    }

    /** Every complete checkpoint (its JSON parses and names the .npz's exact size and hash), in training order. */
    public List<Id> complete() {
        List<Id> out = new ArrayList<>();
        for (Id id : listed()) {
            if (verifiedMeta(id.phase(), id.epoch()).isPresent()) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * The weights of a complete checkpoint, without the optimiser state.
     *
     * @throws IllegalArgumentException naming the checkpoint when it is missing or incomplete
     */
    public ModelParameters weights(Id id, ModelConfig config, org.nd4j.linalg.api.buffer.DataType type) {
        String npzKey = run + key(id.phase(), id.epoch(), "npz");
        Optional<JsonNode> meta = verifiedMeta(id.phase(), id.epoch());
        if (meta.isEmpty()) {
            throw new IllegalArgumentException(store.location() + "/" + npzKey + ": no complete checkpoint (missing,"
                    + " or its .json does not match the .npz)");
        }
        ModelParameters weights = config.zeros(type);
        weights.load(checked(npzKey, meta.get()).getNpz(npzKey),
                store.location() + "/" + npzKey);
        return weights;
    }

    /** Checkpoints whose JSON exists, in training order (not yet verified). */
    private List<Id> listed() {
        List<Id> found = new ArrayList<>();
        for (String key : store.list(run + "checkpoints/")) {
            Matcher m = NAME.matcher(key.substring(run.length()));
            if (m.matches()) {
                found.add(new Id(m.group(1), Integer.parseInt(m.group(2))));
            }
        }
        found.sort((a, b) -> a.order() != b.order() ? Integer.compare(a.order(), b.order())
                : Integer.compare(a.epoch(), b.epoch()));
        return found;
    }

    /** The store read so that the .npz's bytes are hashed as they load and compared with its JSON's record. */
    private ArtifactStore checked(String npzKey, JsonNode meta) {
        String json = npzKey.substring(0, npzKey.length() - "npz".length()) + "json";
        return new VerifyingArtifactStore(store, Map.of(npzKey, meta.path("npz_sha256").asText()),
                store.location() + "/" + json);
    }

    /** The checkpoint's JSON when it parses and names the .npz's exact size and SHA-256 (as the store records it). */
    private Optional<JsonNode> verifiedMeta(String phase, int epoch) {
        JsonNode meta;
        try {
            meta = JSON.readTree(store.get(run + key(phase, epoch, "json")));
        } catch (IOException | ArtifactStoreException e) {
            return Optional.empty();
        }
        Optional<ArtifactInfo> info = store.stat(run + key(phase, epoch, "npz"));
        if (meta == null || info.isEmpty() || info.get().size() != meta.path("npz_size").asLong()
                || !info.get().sha256().equals(meta.path("npz_sha256").asText())) {
            return Optional.empty();
        }
        return Optional.of(meta);
    }

    private Optional<Checkpoint> read(String phase, int epoch, ModelConfig config,
                                      org.nd4j.linalg.api.buffer.DataType type) {
        Optional<JsonNode> verified = verifiedMeta(phase, epoch);
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        JsonNode meta = verified.get();
        String npzKey = run + key(phase, epoch, "npz");
        Map<String, NpyArray> arrays;
        try {
            arrays = checked(npzKey, meta).getNpz(npzKey);
        } catch (ArtifactIntegrityException e) {
            return Optional.empty(); // changed since its .json was written: not a checkpoint to resume from
        }
        ModelParameters weights = config.zeros(type);
        weights.load(arrays, store.location() + "/" + npzKey);
        List<EpochRecord> log = new ArrayList<>();
        meta.path("log").forEach(r -> log.add(EpochRecord.fromJson(r)));
        return Optional.of(new Checkpoint(phase, epoch, meta.path("phase_complete").asBoolean(), weights,
                arrays.get("adam.m").toDoubleArray(), arrays.get("adam.v").toDoubleArray(),
                arrays.get("adam.step").toLongArray()[0], log));
    }
}
