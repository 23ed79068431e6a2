package org.repal.stages.learningdynamics;

import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.analysis.AnalysisOptions;
import org.repal.core.analysis.AnalysisRequest;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.VerifyingArtifactStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code repal learning-dynamics}: per model config, every trained group's training checkpoints against master's at
 * equal fractions of training (spec §6.7) and the quartile-bin matrices of pretrain_frozen, pretrain_unfrozen,
 * master and untrained (§6.8), for RNN and Mamba configs. The same inputs and comparison options as
 * {@code repal dissimilarity}; every input and option is checked before anything is written; manifest.json last.
 */
@Command(name = "learning-dynamics", mixinStandardHelpOptions = true,
        description = {"Dissimilarity over learning (each group vs master at equal fractions of training) and within "
                + "learning (quartile-bin matrices) per model config.",
                "Writes LOCATION/over_learning/<arch>/<config>/<group>/{fraction,dsa,procrustes,cka,accuracy1,accuracy2}.npy, "
                        + "within_learning/<arch>/<config>/<group>/{dsa,procrustes,cka,accuracy}.npy, over_learning.csv, "
                        + "within_learning.csv, summary.json, activity/ (recordings, reused on rerun) and manifest.json "
                        + "(last); prints one JSON line."})
public final class LearningDynamicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisOptions options = new AnalysisOptions();

    /** The environment the stores are configured from (tests substitute their own). */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        AnalysisRequest request = options.request();
        try (ArtifactStore modelStore = AnalysisOptions.open("--models", options.models, env);
             ArtifactStore dataStore = VerifyingArtifactStore.ofManifest(
                     AnalysisOptions.open("--data", options.data, env))) {
            LearningDynamicsRun run = LearningDynamicsRun.prepare(modelStore, dataStore, request);
            try (ArtifactStore outStore = AnalysisOptions.open("--out", options.out, env)) {
                String line = run.execute(outStore, options.noProgress ? null : spec.commandLine().getErr());
                spec.commandLine().getOut().println(line);
                spec.commandLine().getOut().flush();
            }
        }
        return 0;
    }
}
