package org.repal.stages.dissimilarity;

import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.analysis.AnalysisOptions;
import org.repal.core.analysis.AnalysisRequest;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.VerifyingArtifactStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repal dissimilarity}: per model config the 10×10 group matrices of DSA, Procrustes and CKA with each
 * group's accuracy, and with {@code --rnn-vs-mamba} the full matrices of every (RNN config, Mamba config) pair
 * (spec §6.4, §6.5). Every input and option is checked before anything is written; the outputs come last, then
 * manifest.json.
 */
@Command(name = "dissimilarity", mixinStandardHelpOptions = true,
        description = {"Group matrices of DSA, Procrustes and CKA dissimilarities per model config (and RNN vs Mamba).",
                "Writes LOCATION/{rnn,mamba}/<config>/{dsa,procrustes,cka,accuracy}.npy, rnn_vs_mamba/<rnn>__<mamba>/*.npy, "
                        + "dissimilarity.csv, summary.json, activity/ (recordings, reused on rerun) and manifest.json "
                        + "(last); prints one JSON line."})
public final class DissimilarityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisOptions options = new AnalysisOptions();

    @Option(names = "--rnn-vs-mamba", description = "Also the full matrices of every selected (RNN, Mamba) config pair.")
    boolean rnnVsMamba;

    @Option(names = "--no-group-matrices",
            description = "With --rnn-vs-mamba: only the RNN-vs-Mamba matrices (the plan's cross tasks; the configs' "
                    + "own group matrices come from their own tasks).")
    boolean noGroupMatrices;

    /** The environment the stores are configured from (tests substitute their own). */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        AnalysisRequest request = options.request();
        try (ArtifactStore modelStore = AnalysisOptions.open("--models", options.models, env);
             ArtifactStore dataStore = VerifyingArtifactStore.ofManifest(
                     AnalysisOptions.open("--data", options.data, env))) {
            DissimilarityRun run = DissimilarityRun.prepare(modelStore, dataStore, request, rnnVsMamba,
                    !noGroupMatrices);
            try (ArtifactStore outStore = AnalysisOptions.open("--out", options.out, env)) {
                String line = run.execute(outStore, options.noProgress ? null : spec.commandLine().getErr());
                spec.commandLine().getOut().println(line);
                spec.commandLine().getOut().flush();
            }
        }
        return 0;
    }
}
