package org.repal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repal.core.eval.EvaluationFiles;
import org.repal.core.eval.ModelEvaluation;
import org.repal.core.eval.ModelEvaluator;
import org.repal.core.model.Activation;
import org.repal.core.model.Architecture;
import org.repal.core.model.ImportedModel;
import org.repal.core.model.SequenceData;
import org.repal.core.model.SequenceLayout;
import org.repal.core.model.StateDictLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repal model eval}: runs a network given by its state_dict on input sequences and writes logits, activity
 * and (with labels) loss and gradients; see {@link EvaluationFiles} for the folder. Every input is checked before
 * anything is computed or written.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluates a network from its PyTorch state_dict (an .npz under the reference's names) in float64.",
                "Writes logits.npy, the activity (hidden.npy, or stream.npy and ssm_states_layer<k>.npy) in the inputs'"
                        + " layout and, with --targets, loss.json and grads.npz; prints one JSON summary line."})
final class ModelEvalCommand implements Callable<Integer> {

    @Option(names = "--arch", required = true, paramLabel = "rnn|mamba",
            description = "Network family: rnn (leaky RNN / GRU, told apart by the 3H gate rows) or mamba.")
    String archName;

    @Option(names = "--params", required = true, paramLabel = "P.npz", description = "The state_dict as .npz.")
    Path params;

    @Option(names = "--inputs", required = true, paramLabel = "X.npy",
            description = "(batch, steps, 7) or (steps, batch, 7) with --layout time; float32 or float64.")
    Path inputs;

    @Option(names = "--targets", paramLabel = "Y.npy",
            description = "Integer labels shaped as the inputs' first two axes: adds loss.json and grads.npz.")
    Path targets;

    @Option(names = "--layout", paramLabel = "batch|time",
            description = "Axis order of inputs and outputs (default: time for rnn, batch for mamba).")
    String layoutName;

    @Option(names = "--activation", paramLabel = "relu|leaky_relu|softplus|tanh",
            description = "The RNN's activation (required with --arch rnn: a state_dict does not hold it).")
    String activationName;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder, written atomically (an earlier eval's folder is replaced).")
    Path out;

    @Override
    public Integer call() throws Exception {
        // Parsed here, not by picocli converters, so a bad value gets the one-line message of any bad input.
        Architecture arch = Architecture.parse(archName);
        Activation activation = activationName == null ? null : Activation.parse(activationName);
        if (arch == Architecture.RNN && activation == null) {
            throw new IllegalArgumentException("--arch rnn needs --activation relu|leaky_relu|softplus|tanh (a "
                    + "state_dict does not hold it)");
        }
        if (arch == Architecture.MAMBA && activation != null) {
            throw new IllegalArgumentException("--activation applies to --arch rnn only");
        }
        SequenceLayout lay = layoutName != null ? SequenceLayout.parse(layoutName) : arch.referenceLayout();
        ImportedModel model = StateDictLoader.load(params, arch, activation);
        SequenceData data = SequenceData.load(inputs, targets, lay, model.config().inputs(), model.config().outputs());
        ModelEvaluation eval = ModelEvaluator.evaluate(model, data);
        EvaluationFiles.write(eval, out);

        ObjectNode summary = Json.MAPPER.createObjectNode();
        model.describe(summary);
        summary.put("layout", lay.id());
        summary.put("batch", data.batch());
        summary.put("steps", data.steps());
        if (eval.loss() != null) {
            Json.putNumber(summary, "loss", eval.loss().loss());
        }
        summary.put("out", out.toString());
        System.out.println(Json.MAPPER.writeValueAsString(summary));
        return 0;
    }
}
