package org.repal.cli;

import org.repal.core.cli.StageCli;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repal.workflows.argo.RenderedYaml;
import org.repal.workflows.config.ExperimentConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code repal render}: the experiment's pipeline as one Argo Workflow (or WorkflowTemplate) YAML document. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Writes the pipeline as an Argo Workflow (or, with --template, a WorkflowTemplate).",
                "Prints the path written."})
public final class RenderCommand implements Callable<Integer>, StageCli.WithoutNumerics {
    @ArgGroup(exclusive = true, multiplicity = "1") ConfigSource source;

    @Option(names = "--out", required = true, paramLabel = "FILE.yaml", description = "The YAML file to write.")
    Path out;

    @Option(names = "--template", description = "Write a WorkflowTemplate (named after the config) instead.")
    boolean template;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig config = source.load();
        String yaml = RenderedYaml.render(config, template);
        TextFiles.writeAtomically(out, yaml);
        spec.commandLine().getOut().println(out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
