package org.repal.workflows.argo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repal.workflows.config.ConfigLoader;

/**
 * The rendered examples kept in the repository match the renderer. Run with -Drepal.regenerate=true to rewrite
 * them (then review the diff and commit).
 */
class RenderedExamplesTest {
    /** Paths relative to the repository root (tests run in workflows/). */
    private record Example(String path, String profile, boolean template) {
        String command() {
            return "./repal render --profile " + profile + (template ? " --template" : "") + " --out " + path;
        }
    }

    private static final List<Example> EXAMPLES = List.of(
            new Example("workflows/examples/quick.yaml", "quick", false),
            new Example("workflows/examples/paper.yaml", "paper", false),
            new Example("workflows/examples/quick-template.yaml", "quick", true),
            new Example("workflows/examples/paper-template.yaml", "paper", true),
            new Example("helm/repal/files/workflowtemplates/repal-quick.yaml", "quick", true),
            new Example("helm/repal/files/workflowtemplates/repal-paper.yaml", "paper", true));

    @Test
    void examplesMatchTheRenderer() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        boolean regenerate = Boolean.getBoolean("repal.regenerate");
        for (Example e : EXAMPLES) {
            Path file = root.resolve(e.path());
            String expected = RenderedYaml.render(ConfigLoader.profile(e.profile()), e.template());
            if (regenerate) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, expected);
            }
            assertTrue(Files.isRegularFile(file), e.path() + " is missing: run " + e.command()
                    + " (or mvn -pl workflows -am verify -Dtest=RenderedExamplesTest -Drepal.regenerate=true)");
            // assertTrue rather than assertEquals: the message, not two 30 kB documents.
            assertTrue(expected.equals(Files.readString(file)), e.path() + " has drifted from the renderer: run "
                    + e.command() + " (or mvn -pl workflows -am verify -Dtest=RenderedExamplesTest"
                    + " -Drepal.regenerate=true)");
        }
    }
}
