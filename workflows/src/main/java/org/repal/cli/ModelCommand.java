package org.repal.cli;

import picocli.CommandLine.Command;

/** {@code repal model …}: networks trained here or elsewhere, read from their state_dicts. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Networks read from PyTorch state_dicts (exported as .npz).",
        subcommands = {ModelEvalCommand.class})
final class ModelCommand {
}
