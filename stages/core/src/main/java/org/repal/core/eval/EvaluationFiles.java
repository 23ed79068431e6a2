package org.repal.core.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.repal.core.store.AtomicFolder;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Npz;

/**
 * A {@link ModelEvaluation} as a folder: {@code logits.npy} and the activity ({@code hidden.npy}, or
 * {@code stream.npy} and {@code ssm_states_layer<k>.npy}), float64 in the input's layout, and with labels
 * {@code loss.json} ({@code loss}, {@code cross_entropy}, {@code weight_penalty}) and {@code grads.npz} under the
 * state_dict names. Written atomically ({@link AtomicFolder}).
 */
public final class EvaluationFiles {
    public static final String LOSS = "loss.json";
    public static final String GRADS = "grads.npz";

    /** Every name this writer produces, so an earlier evaluation's folder may be replaced. */
    private static final Pattern OWN = Pattern.compile(
            "logits\\.npy|hidden\\.npy|stream\\.npy|ssm_states_layer\\d+\\.npy|loss\\.json|grads\\.npz");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationFiles() {
    }

    public static void write(ModelEvaluation eval, Path out) throws IOException {
        AtomicFolder.write(out, n -> OWN.matcher(n).matches(), dir -> {
            for (Map.Entry<String, NpyArray> e : eval.arrays().entrySet()) {
                Npy.write(e.getValue(), dir.resolve(e.getKey() + ".npy"));
            }
            if (eval.loss() != null) {
                ObjectNode loss = JSON.createObjectNode();
                loss.put("loss", eval.loss().loss());
                loss.put("cross_entropy", eval.loss().crossEntropy());
                loss.put("weight_penalty", eval.loss().weightPenalty());
                JSON.writeValue(dir.resolve(LOSS).toFile(), loss);
                Npz.write(eval.grads(), dir.resolve(GRADS), false);
            }
        });
    }
}
