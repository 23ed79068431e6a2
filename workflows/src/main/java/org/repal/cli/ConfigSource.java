package org.repal.cli;

import java.nio.file.Path;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;
import picocli.CommandLine.Option;

/** Where a command's experiment config comes from: a bundled profile or a YAML file (exactly one). */
final class ConfigSource {
    @Option(names = "--profile", paramLabel = "quick|paper", description = "A bundled profile.")
    String profile;

    @Option(names = "--config", paramLabel = "FILE", description = "An experiment YAML file.")
    Path config;

    /** The validated config; bad input throws IllegalArgumentException naming the field. */
    ExperimentConfig load() {
        return profile != null ? ConfigLoader.profile(profile) : ConfigLoader.load(config);
    }
}
