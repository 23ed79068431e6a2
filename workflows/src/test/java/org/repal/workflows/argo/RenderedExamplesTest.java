package org.repal.workflows.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * The Helm chart gives a GPU (and the cuda image) to the templates labelled repal/accelerator=gpu: in its
     * bundled WorkflowTemplates that is train-rnn alone, the one stage that computes on a GPU.
     */
    @Test
    void theChartsTemplatesMarkOnlyTrainRnnForAGpu() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        for (String profile : List.of("quick", "paper")) {
            List<String> lines = Files.readAllLines(root.resolve("helm/repal/files/workflowtemplates/repal-" + profile
                    + ".yaml"));
            List<String> marked = new ArrayList<>();
            String template = null;
            for (String line : lines) {
                if (line.startsWith("  - name: ")) {
                    template = line.substring("  - name: ".length()).trim();
                }
                if (line.trim().equals("repal/accelerator: gpu")) {
                    marked.add(template);
                }
            }
            // quick asks for no GPU; paper for one per train-rnn pod.
            assertEquals(profile.equals("paper") ? List.of("train-rnn") : List.of(), marked, profile);
        }
    }
}
