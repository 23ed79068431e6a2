package org.repal.cli;

import picocli.CommandLine.Command;

/** {@code repal bench …}: performance measurements printed as JSON (never part of the unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks; each prints one JSON object.",
        subcommands = {DsaBench.class, org.repal.stages.generate.GenerateBench.class,
                org.repal.stages.trainrnn.TrainRnnBench.class, org.repal.stages.trainmamba.TrainMambaBench.class,
                org.repal.stages.attractors.AttractorsBench.class,
                org.repal.stages.dissimilarity.DissimilarityBench.class,
                org.repal.stages.attractors.CompositionProbe.class})
final class BenchCommand {
}
