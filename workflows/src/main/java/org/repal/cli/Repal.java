package org.repal.cli;

import org.repal.core.cli.StageCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code repal} command: one entry point for every stage and tool. */
@Command(name = "repal", mixinStandardHelpOptions = true, version = "repal 0.1.0",
        description = "Representation-similarity metrics (DSA, Procrustes, CKA) and the RNN study pipeline.",
        subcommands = {CompareCommand.class, BenchCommand.class, DemoCommand.class,
                org.repal.stages.attractors.AttractorsCommand.class,
                org.repal.stages.dissimilarity.DissimilarityCommand.class,
                org.repal.stages.learningdynamics.LearningDynamicsCommand.class,
                org.repal.stages.report.ReportCommand.class,
                org.repal.stages.generate.GenerateCommand.class, org.repal.stages.trainrnn.TrainRnnCommand.class,
                org.repal.stages.trainmamba.TrainMambaCommand.class, RunCommand.class,
                SubmitCommand.class, StatusCommand.class, RenderCommand.class, TaskCommand.class, DoctorCommand.class,
                SimulateCommand.class, PlanCommand.class,
                ModelCommand.class})
public final class Repal {

    /** Exit code for bad input (arguments, files, shapes, values): the caller can fix it. */
    public static final int EXIT_BAD_INPUT = StageCli.EXIT_BAD_INPUT;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (used by tests in-process). */
    public static int run(String... args) {
        return StageCli.configure(new CommandLine(new Repal()), null, null).execute(args);
    }
}
